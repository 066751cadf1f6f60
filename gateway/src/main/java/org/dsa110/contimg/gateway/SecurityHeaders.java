package org.dsa110.contimg.gateway;

import io.vertx.core.http.HttpServerResponse;

/**
 * Headers every response carries, API JSON and errors included: a same-origin
 * Content-Security-Policy (no inline script, no framing), {@code nosniff} so a browser never runs a
 * JSON or text answer as something else, and no Referer leaking the dashboard's addresses.
 */
final class SecurityHeaders {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void apply(HttpServerResponse response) {
    response
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
  }
}
