package org.dsa110.contimg.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Only pages of allowed origins may use the SockJS bridge ({@code gateway.allowed_origins}; empty:
 * the gateway's own origin, the one the dashboard is served from). A browser sends {@code Origin}
 * on every WebSocket and every cross-origin request, so a page elsewhere cannot read the hub
 * through an operator's browser; a request without {@code Origin} comes from a same-origin page or
 * from something that is not a browser. The transports a page of any origin could use without
 * sending {@code Origin} (JSONP, htmlfile) are switched off in {@link BrowserBridge}.
 */
final class OriginCheck implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(OriginCheck.class);

  private final List<String> allowed;
  private final EdgeMetrics metrics;

  OriginCheck(List<String> allowed, EdgeMetrics metrics) {
    this.allowed = allowed;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin == null || permitted(origin, ctx.request().getHeader("Host"))) {
      ctx.next();
      return;
    }
    metrics.refused(EdgeMetrics.SOCKJS, "origin");
    LOG.debug(
        "refused {} from Origin {}", LogSafe.field(ctx.request().path()), LogSafe.field(origin));
    ctx.response()
        .putHeader(
            "Connection", "close"); // a refused page gets no kept-alive connection to try again on
    ApiReplies.error(ctx, 403, "the event bus does not accept pages from " + origin);
  }

  private boolean permitted(String origin, String host) {
    if (!allowed.isEmpty()) {
      return allowed.contains(normalised(origin));
    }
    return host != null && sameAuthority(origin, host);
  }

  /**
   * Same origin: the Origin's host and port are the Host the browser asked for (as written: a
   * default port is left out by both).
   */
  private static boolean sameAuthority(String origin, String host) {
    try {
      URI uri = new URI(origin);
      if (uri.getHost() == null) {
        return false;
      }
      String authority = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
      return authority.equalsIgnoreCase(host);
    } catch (Exception e) {
      return false;
    }
  }

  private static String normalised(String origin) {
    try {
      URI uri = new URI(origin);
      return uri.getScheme().toLowerCase(Locale.ROOT)
          + "://"
          + uri.getHost().toLowerCase(Locale.ROOT)
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (Exception e) {
      return "";
    }
  }
}
