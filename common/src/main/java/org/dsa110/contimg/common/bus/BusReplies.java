package org.dsa110.contimg.common.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.dsa110.contimg.common.store.SqliteErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers bus requests: success replies the JSON, every failure becomes {@code fail(code,
 * message)}.
 */
public final class BusReplies {
  /**
   * Header carrying the id of the HTTP request a bus request was made for, so both logs can be
   * joined.
   */
  public static final String REQUEST_ID = "request_id";

  private static final Logger LOG = LoggerFactory.getLogger(BusReplies.class);

  private BusReplies() {}

  /** Runs the handler on a JSON-object body and replies with its outcome. */
  public static void answer(
      Message<Object> message, Function<JsonObject, Future<JsonObject>> handler) {
    Future<JsonObject> outcome;
    try {
      outcome = handler.apply(requireObject(message.body()));
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    outcome.onComplete(
        ar -> {
          if (ar.succeeded()) {
            message.reply(ar.result());
          } else {
            HubException failure = toHubException(ar.cause());
            String requestId = message.headers().get(REQUEST_ID);
            String trace = requestId == null ? "" : "[" + requestId + "] ";
            if (failure.code() >= HubException.INTERNAL
                && failure.code() != HubException.UNAVAILABLE) {
              LOG.atError()
                  .addKeyValue(REQUEST_ID, requestId)
                  .addKeyValue("address", message.address())
                  .addKeyValue("status", failure.code())
                  .setCause(ar.cause())
                  .log("{}{} failed: {}", trace, message.address(), ar.cause().toString());
            } else {
              LOG.atInfo()
                  .addKeyValue(REQUEST_ID, requestId)
                  .addKeyValue("address", message.address())
                  .addKeyValue("status", failure.code())
                  .log(
                      "{}{} answered {}: {}",
                      trace,
                      message.address(),
                      failure.code(),
                      failure.getMessage());
            }
            message.fail(failure.code(), failure.getMessage());
          }
        });
  }

  /**
   * The contract view of any failure: our own codes kept, database contention 503, the rest 500.
   */
  public static HubException toHubException(Throwable cause) {
    if (cause instanceof HubException hub) {
      return hub;
    }
    if (cause instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case RECIPIENT_FAILURE -> new HubException(reply.failureCode(), reply.getMessage());
        case NO_HANDLERS ->
            HubException.unavailable("no owner is answering: " + reply.getMessage());
        case TIMEOUT ->
            HubException.unavailable("the owner did not answer in time: " + reply.getMessage());
        default -> HubException.unavailable(reply.getMessage());
      };
    }
    return SqliteErrors.classify(cause)
        .orElseGet(() -> new HubException(HubException.INTERNAL, "internal error: " + cause));
  }

  private static JsonObject requireObject(Object body) {
    if (body == null) {
      return new JsonObject();
    }
    if (body instanceof JsonObject json) {
      return json;
    }
    throw HubException.badRequest(
        "body", "must be a JSON object, got " + body.getClass().getSimpleName());
  }
}
