package org.dsa110.contimg.deploy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.dsa110.contimg.common.testing.HubTest;

/** A real HTTP client against the hub under test, and free loopback ports to run it on. */
final class HubHarness {
  record Response(int status, JsonObject body, String contentType) {}

  /** An answer that is not JSON (CSV, Prometheus text) as the client received it. */
  record Text(int status, String body, String contentType) {}

  private static final long WATCHDOG_MS = 20_000;

  private final Vertx vertx;
  private final HttpClient http;
  private final int port;

  /**
   * A whole hub deployed in {@code vertx} on a free HTTP port and a free bridge port, with the
   * settings of {@code extra}, and a client of its HTTP API.
   */
  static HubHarness startHub(Vertx vertx, Path stateDir, Map<String, String> extra)
      throws Exception {
    int port = freePort();
    Map<String, String> env = new HashMap<>(extra);
    env.put("CONTIMG_HTTP_PORT", String.valueOf(port));
    env.putIfAbsent("CONTIMG_BRIDGE_PORT", String.valueOf(freePort()));
    HubTest.await(Hub.deployAll(vertx, HubTest.config(stateDir, env)));
    return new HubHarness(vertx, port);
  }

  int port() {
    return port;
  }

  HubHarness(Vertx vertx, int port) {
    this.vertx = vertx;
    this.http = vertx.createHttpClient();
    this.port = port;
  }

  Future<Response> get(String path) {
    return raw(HttpMethod.GET, path, null, null);
  }

  Future<Response> post(String path, String token, JsonObject body) {
    return call(HttpMethod.POST, path, token, body);
  }

  Future<Response> call(HttpMethod method, String path, String token, JsonObject body) {
    return raw(method, path, token, body == null ? null : body.toBuffer());
  }

  /**
   * Any bytes as the body, valid JSON or not. A request that has no answer within {@link
   * #WATCHDOG_MS} fails with how far it got (connection, response headers) and the kernel's view of
   * every TCP socket on the hub's port: requests that hung once in a loaded full-suite run left
   * only idle threads to look at.
   */
  Future<Response> raw(HttpMethod method, String path, String token, Buffer body) {
    RequestOptions options =
        new RequestOptions().setMethod(method).setHost("localhost").setPort(port).setURI(path);
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    RequestTrace trace = new RequestTrace(method + " " + path);
    Future<Response> answer =
        http.request(options)
            .compose(
                request -> {
                  trace.step(
                      "connection "
                          + request.connection().localAddress()
                          + " -> "
                          + request.connection().remoteAddress());
                  Future<HttpClientResponse> sent =
                      body == null
                          ? request.send()
                          : request.putHeader("Content-Type", "application/json").send(body);
                  return sent.compose(
                      response -> {
                        trace.step("response headers " + response.statusCode());
                        return response
                            .body()
                            .map(
                                bytes ->
                                    new Response(
                                        response.statusCode(),
                                        json(bytes),
                                        response.getHeader("Content-Type")));
                      });
                });
    Promise<Response> watched = Promise.promise();
    long watchdog =
        vertx.setTimer(
            WATCHDOG_MS,
            id ->
                watched.tryFail(
                    new AssertionError(trace.stalled(WATCHDOG_MS) + TcpSockets.onPort(port))));
    answer.onComplete(
        done -> {
          vertx.cancelTimer(watchdog);
          if (done.succeeded()) {
            watched.tryComplete(done.result());
          } else {
            watched.tryFail(done.cause());
          }
        });
    return watched.future();
  }

  Future<Text> text(String path) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost("localhost")
            .setPort(port)
            .setURI(path);
    return http.request(options)
        .compose(
            request ->
                request
                    .send()
                    .compose(
                        response ->
                            response
                                .body()
                                .map(
                                    bytes ->
                                        new Text(
                                            response.statusCode(),
                                            bytes.toString(),
                                            response.getHeader("Content-Type")))));
  }

  /** What happened to one request, with milliseconds since it was made. */
  private static final class RequestTrace {
    private final String request;
    private final long started = System.nanoTime();
    private final StringBuffer steps = new StringBuffer();

    RequestTrace(String request) {
      this.request = request;
    }

    void step(String what) {
      steps
          .append("\n  +")
          .append((System.nanoTime() - started) / 1_000_000)
          .append(" ms ")
          .append(what);
    }

    String stalled(long afterMs) {
      return request
          + ": no answer within "
          + afterMs
          + " ms; it got as far as:"
          + (steps.length() == 0 ? "\n  (no connection)" : steps);
    }
  }

  private static JsonObject json(Buffer bytes) {
    return bytes.length() == 0 ? new JsonObject() : new JsonObject(bytes);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
