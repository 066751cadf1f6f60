package org.dsa110.contimg.deploy.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The running hub's HTTP API as the operator's commands use it: one request, its JSON answer or its
 * error.
 */
final class HubApi {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** The hub answered with an error: its status and its own words. */
  static final class Refused extends Exception {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** The hub could not be reached at all. */
  static final class Unreachable extends Exception {
    Unreachable(String message) {
      super(message);
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String token;

  HubApi(String url, String token) {
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.token = token;
  }

  JsonObject get(String path, Map<String, Object> query) throws Refused, Unreachable {
    StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach(
        (name, value) -> {
          if (value != null) {
            parameters.add(
                name + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
          }
        });
    return send(request(path + parameters).GET());
  }

  JsonObject post(String path, JsonObject body) throws Refused, Unreachable {
    return send(
        request(path)
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .header("Content-Type", "application/json"));
  }

  JsonObject patch(String path, JsonObject body) throws Refused, Unreachable {
    return send(
        request(path)
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body.encode()))
            .header("Content-Type", "application/json"));
  }

  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + "/api/v1" + path)).timeout(TIMEOUT);
    if (token != null && !token.isEmpty()) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private JsonObject send(HttpRequest.Builder request) throws Refused, Unreachable {
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unreachable(
          "cannot reach the hub at "
              + base
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while waiting for " + base);
    }
    JsonObject body;
    try {
      body = response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body());
    } catch (DecodeException e) {
      throw new Refused(
          response.statusCode(),
          "the hub answered " + response.statusCode() + " with something that is not JSON");
    }
    if (response.statusCode() >= 400) {
      throw new Refused(
          response.statusCode(), body.getString("message", "HTTP " + response.statusCode()));
    }
    return body;
  }
}
