package org.dsa110.contimg.alerts;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Posts a message to a Slack webhook until it is accepted: 5xx, timeouts and refused connections
 * are tried again after an exponential backoff with jitter, 429 after the Retry-After it names; any
 * other 4xx is final. After max_attempts the delivery fails with the last reason.
 */
final class SlackDelivery {
  private static final int TOO_MANY_REQUESTS = 429;

  private final Vertx vertx;
  private final WebClient client;
  private final AlertSettings settings;

  SlackDelivery(Vertx vertx, AlertSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.client =
        WebClient.create(
            vertx, new WebClientOptions().setConnectTimeout((int) settings.timeoutMs()));
  }

  Future<Void> send(String webhook, JsonObject message) {
    Promise<Void> delivered = Promise.promise();
    attempt(webhook, message, 1, delivered);
    return delivered.future();
  }

  private void attempt(String webhook, JsonObject message, int attempt, Promise<Void> delivered) {
    client
        .postAbs(webhook)
        .timeout(settings.timeoutMs())
        .sendJsonObject(message)
        .onComplete(
            result -> {
              if (result.succeeded() && result.result().statusCode() / 100 == 2) {
                delivered.complete();
                return;
              }
              String reason;
              long delayMs;
              if (result.failed()) {
                reason =
                    result.cause().getClass().getSimpleName() + ": " + result.cause().getMessage();
                delayMs = backoff(attempt);
              } else {
                HttpResponse<Buffer> response = result.result();
                reason = "Slack answered " + response.statusCode() + ": " + response.bodyAsString();
                if (response.statusCode() == TOO_MANY_REQUESTS) {
                  delayMs = retryAfter(response, attempt);
                } else if (response.statusCode() / 100 == 5) {
                  delayMs = backoff(attempt);
                } else {
                  delivered.fail(reason);
                  return;
                }
              }
              if (attempt >= settings.maxAttempts()) {
                delivered.fail("gave up after " + attempt + " attempts: " + reason);
                return;
              }
              vertx.setTimer(
                  Math.max(1, delayMs), id -> attempt(webhook, message, attempt + 1, delivered));
            });
  }

  /**
   * base * 2^(attempt-1), capped, then half to all of it at random so many senders do not retry in
   * step.
   */
  private long backoff(int attempt) {
    long ceiling =
        Math.min(settings.retryMaxMs(), settings.retryBaseMs() << Math.min(attempt - 1, 20));
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }

  private long retryAfter(HttpResponse<Buffer> response, int attempt) {
    String header = response.getHeader("Retry-After");
    try {
      return Math.min(settings.retryMaxMs(), Long.parseLong(header.strip()) * 1000);
    } catch (RuntimeException e) {
      return backoff(attempt);
    }
  }

  void close() {
    client.close();
  }
}
