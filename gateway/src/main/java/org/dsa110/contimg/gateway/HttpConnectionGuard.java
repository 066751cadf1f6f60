package org.dsa110.contimg.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.dsa110.contimg.gateway.GatewaySettings.HttpLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the HTTP listener before any request is looked at, let alone its token. At most {@code
 * http.max_connections} are open; a connection must deliver a request's headers within {@code
 * http.header_timeout_ms} of opening, or of its previous response ending, or it is closed. At the
 * cap a new connection displaces the oldest one still waiting for its headers (a slowloris
 * connection, when there is an attack), and is refused only when none is waiting: an audit held
 * 2,000 slowloris connections open indefinitely, and with them the gateway. Runs on the HTTP
 * server's event loop only.
 */
final class HttpConnectionGuard {
  private static final Logger LOG = LoggerFactory.getLogger(HttpConnectionGuard.class);

  private final Vertx vertx;
  private final HttpLimits limits;
  private final EdgeMetrics metrics;
  private final Set<HttpConnection> open = new HashSet<>();

  /** Connections waiting for a request's headers, oldest first, with the timer that closes them. */
  private final LinkedHashMap<HttpConnection, Long> waiting = new LinkedHashMap<>();

  private final Map<HttpConnection, Integer> inFlight = new HashMap<>();

  HttpConnectionGuard(Vertx vertx, HttpLimits limits, EdgeMetrics metrics) {
    this.vertx = vertx;
    this.limits = limits;
    this.metrics = metrics;
    metrics.connections(EdgeMetrics.HTTP, open::size);
  }

  /** The HTTP server's connection handler. */
  void connected(HttpConnection connection) {
    if (open.size() >= limits.maxConnections() && !displaceOldestWaiting()) {
      metrics.refused(EdgeMetrics.HTTP, "too_many_connections");
      LOG.debug(
          "refused an HTTP connection from {}: {} are open",
          connection.remoteAddress(),
          open.size());
      connection.close();
      return;
    }
    open.add(connection);
    connection.closeHandler(
        closed -> {
          open.remove(connection);
          stopWaiting(connection);
          inFlight.remove(connection);
        });
    awaitHeaders(connection);
  }

  /** A request's headers have arrived on its connection. */
  void headersArrived(HttpServerRequest request) {
    stopWaiting(request.connection());
    inFlight.merge(request.connection(), 1, Integer::sum);
  }

  /**
   * Follows a routed request to its end: then a kept-alive connection waits for the next request's
   * headers under the same timeout.
   */
  void follow(RoutingContext ctx) {
    HttpConnection connection = ctx.request().connection();
    ctx.addEndHandler(
        ended -> {
          int left = inFlight.merge(connection, -1, Integer::sum);
          if (left <= 0) {
            inFlight.remove(connection);
            if (open.contains(connection)) {
              awaitHeaders(connection);
            }
          }
        });
    ctx.next();
  }

  /**
   * A connection that became a WebSocket leaves this count: Vert.x hands its channel to the
   * WebSocket and never calls the HTTP connection's close handler again (counting them leaked one
   * slot per dashboard until the cap refused everyone, measured in AbuseTest). The SockJS bridge
   * bounds WebSockets itself ({@code gateway.sockjs_max_sockets}, and its ping timeout).
   */
  void upgraded(HttpConnection connection) {
    stopWaiting(connection);
    inFlight.remove(connection);
    open.remove(connection);
  }

  int open() {
    return open.size();
  }

  private void awaitHeaders(HttpConnection connection) {
    stopWaiting(connection);
    waiting.put(
        connection,
        vertx.setTimer(
            limits.headerTimeoutMs(),
            id -> {
              waiting.remove(connection);
              metrics.refused(EdgeMetrics.HTTP, "header_timeout");
              LOG.debug(
                  "closing HTTP connection from {}: no request headers within {} ms",
                  connection.remoteAddress(),
                  limits.headerTimeoutMs());
              connection.close();
            }));
  }

  private void stopWaiting(HttpConnection connection) {
    Long timer = waiting.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  private boolean displaceOldestWaiting() {
    Iterator<Map.Entry<HttpConnection, Long>> oldest = waiting.entrySet().iterator();
    if (!oldest.hasNext()) {
      return false;
    }
    Map.Entry<HttpConnection, Long> entry = oldest.next();
    oldest.remove();
    vertx.cancelTimer(entry.getValue());
    open.remove(entry.getKey());
    metrics.refused(EdgeMetrics.HTTP, "displaced_waiting_for_headers");
    entry.getKey().close();
    return true;
  }
}
