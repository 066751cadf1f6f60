package org.dsa110.contimg.deploy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.ServerSocket;

/** A real HTTP client against the hub under test, and free loopback ports to run it on. */
final class HubHarness {
  record Response(int status, JsonObject body, String contentType) {
  }

  private final HttpClient http;
  private final int port;

  HubHarness(Vertx vertx, int port) {
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

  /** Any bytes as the body, valid JSON or not. */
  Future<Response> raw(HttpMethod method, String path, String token, Buffer body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("localhost").setPort(port).setURI(path);
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    return http.request(options)
        .compose(request -> body == null ? request.send() : request.putHeader("Content-Type", "application/json").send(body))
        .compose(response -> response.body().map(bytes -> new Response(response.statusCode(), json(bytes),
            response.getHeader("Content-Type"))));
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
