package org.dsa110.contimg.gateway;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first thing every HTTP request meets, before the router: the connection guard learns that its
 * headers arrived, every response gets the {@link SecurityHeaders}, and a request target that
 * cannot be decoded ({@code %zz}) is answered 400 and logged at INFO. Left to the router, it was an
 * ERROR with a stack trace per request, which any anonymous client could produce by the thousand.
 */
final class HttpEdge implements Handler<HttpServerRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEdge.class);

  private final HttpConnectionGuard guard;
  private final Router router;

  HttpEdge(HttpConnectionGuard guard, Router router) {
    this.guard = guard;
    this.router = router;
  }

  @Override
  public void handle(HttpServerRequest request) {
    guard.headersArrived(request);
    SecurityHeaders.apply(request.response());
    String uri = request.uri();
    int bad = badEscape(uri);
    if (bad >= 0) {
      String message = "the request target has an invalid percent-escape at character " + bad;
      LOG.info("[-] {} {} -> 400: {}", request.method(), LogSafe.field(uri), message);
      request
          .response()
          .setStatusCode(400)
          .putHeader("Content-Type", "application/json")
          .putHeader("Connection", "close")
          .end(new JsonObject().put("error", 400).put("message", message).encode())
          .onComplete(done -> request.connection().close());
      return;
    }
    router.handle(request);
  }

  /** The index of the first '%' not followed by two hex digits, or -1. */
  static int badEscape(String uri) {
    for (int i = 0; i < uri.length(); i++) {
      if (uri.charAt(i) == '%'
          && (i + 2 >= uri.length() || !hex(uri.charAt(i + 1)) || !hex(uri.charAt(i + 2)))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean hex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
