package org.dsa110.contimg.common.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server standing in for a Slack incoming webhook: it answers each request with the
 * next scripted status (then 200), and keeps every body it was sent and every body it accepted.
 */
public final class FakeSlack {
  /**
   * One scripted answer: a status, for 429 the Retry-After seconds, and how long to wait before
   * answering.
   */
  public record Answer(int status, Integer retryAfterSeconds, long delayMs) {
    public Answer(int status, Integer retryAfterSeconds) {
      this(status, retryAfterSeconds, 0);
    }

    public static Answer of(int status) {
      return new Answer(status, null);
    }

    /** Accepts, but only after the delay: slower than a client's timeout, it is a time-out. */
    public static Answer slow(long delayMs) {
      return new Answer(200, null, delayMs);
    }
  }

  private final HttpServer server;
  private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
  public final List<JsonObject> received = new CopyOnWriteArrayList<>();
  public final List<JsonObject> accepted = new CopyOnWriteArrayList<>();

  private FakeSlack(HttpServer server) {
    this.server = server;
  }

  public static Future<FakeSlack> start(Vertx vertx) {
    FakeSlack[] slack = new FakeSlack[1];
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              JsonObject message = new JsonObject(body);
                              slack[0].received.add(message);
                              Answer answer = slack[0].script.poll();
                              int status = answer == null ? 200 : answer.status();
                              if (answer != null && answer.retryAfterSeconds() != null) {
                                request
                                    .response()
                                    .putHeader(
                                        "Retry-After", String.valueOf(answer.retryAfterSeconds()));
                              }
                              Runnable respond =
                                  () -> {
                                    if (status == 200 && !request.response().closed()) {
                                      slack[0].accepted.add(message);
                                    }
                                    request
                                        .response()
                                        .setStatusCode(status)
                                        .end(status == 200 ? "ok" : "error " + status);
                                  };
                              if (answer != null && answer.delayMs() > 0) {
                                vertx.setTimer(answer.delayMs(), id -> respond.run());
                              } else {
                                respond.run();
                              }
                            }));
    slack[0] = new FakeSlack(server);
    return server.listen(0, "127.0.0.1").map(started -> slack[0]);
  }

  public void answerNext(Answer... answers) {
    script.addAll(List.of(answers));
  }

  /** From now on every request is accepted. */
  public void clearScript() {
    script.clear();
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/services/T000/B000/XXXX";
  }

  public Future<Void> close() {
    return server.close();
  }
}
