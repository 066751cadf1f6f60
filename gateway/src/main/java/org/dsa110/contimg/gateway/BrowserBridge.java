package org.dsa110.contimg.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import io.vertx.ext.web.handler.sockjs.Transport;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SockJS bridge at {@code /eventbus}, for dashboards: pages of allowed origins only ({@link
 * OriginCheck}), at most {@code gateway.sockjs_max_sockets} sockets, each a {@link
 * BrowserConnection}. XHR transports get their bodies read (bounded by {@code
 * gateway.sockjs_max_message_bytes} and {@code http.body_timeout_ms}): without a body handler they
 * answered 500. JSONP and htmlfile are off: a page of any origin can load them with a script or a
 * frame, which carry no {@code Origin}.
 */
final class BrowserBridge {
  private static final Logger LOG = LoggerFactory.getLogger(BrowserBridge.class);

  private final Vertx vertx;
  private final GatewaySettings settings;
  private final EdgeMetrics metrics;
  private final BrowserConnection.Rules rules;
  private final Set<BrowserConnection> open = new HashSet<>();
  private final HttpConnectionGuard guard;

  private BrowserBridge(
      Vertx vertx, GatewaySettings settings, EdgeMetrics metrics, HttpConnectionGuard guard) {
    this.vertx = vertx;
    this.guard = guard;
    this.settings = settings;
    this.metrics = metrics;
    this.rules =
        new BrowserConnection.Rules(
            settings.browserReadToken(),
            settings.bridgeMaxRefusals(),
            settings.browser().maxRegistrations(),
            settings.sockJsWriteQueueBytes(),
            settings.browser().pingTimeoutMs(),
            settings.requestTimeoutMs());
    metrics.connections(EdgeMetrics.SOCKJS, open::size);
  }

  static Router router(
      Vertx vertx, GatewaySettings settings, EdgeMetrics metrics, HttpConnectionGuard guard) {
    BrowserBridge bridge = new BrowserBridge(vertx, settings, metrics, guard);
    SockJSHandlerOptions options =
        new SockJSHandlerOptions()
            .setInsertJSESSIONID(false)
            .addDisabledTransport(Transport.JSON_P.name())
            .addDisabledTransport(Transport.HTML_FILE.name());
    Router router = Router.router(vertx);
    router.route().handler(new OriginCheck(settings.browser().allowedOrigins(), metrics));
    router.post().handler(new BodyDeadline(vertx, settings.http().bodyTimeoutMs()));
    router
        .post()
        .handler(
            BodyHandler.create()
                .setBodyLimit(settings.browser().maxMessageBytes())
                .setHandleFileUploads(false));
    router.get("/info").handler(bridge::info);
    router
        .route("/*")
        .subRouter(SockJSHandler.create(vertx, options).socketHandler(bridge::connected));
    return router;
  }

  /**
   * SockJS's info, answered here rather than by vertx-web, which names every origin ({@code "*:*"})
   * and invites any page with {@code Access-Control-Allow-Origin: *}: the origins are the ones
   * {@link OriginCheck} accepts.
   */
  private void info(RoutingContext ctx) {
    List<String> origins =
        settings.browser().allowedOrigins().isEmpty()
            ? List.of(String.valueOf(ctx.request().getHeader("Host")))
            : settings.browser().allowedOrigins();
    ctx.response()
        .putHeader("Content-Type", "application/json; charset=UTF-8")
        .putHeader("Cache-Control", "no-store, no-cache, no-transform, must-revalidate, max-age=0")
        .end(
            new JsonObject()
                .put("websocket", true)
                .put("cookie_needed", false)
                .put("origins", new JsonArray(origins))
                .put("entropy", ThreadLocalRandom.current().nextInt() & Integer.MAX_VALUE)
                .encode());
  }

  private void connected(SockJSSocket socket) {
    RoutingContext upgrade = socket.routingContext();
    if (upgrade != null && "websocket".equalsIgnoreCase(upgrade.request().getHeader("Upgrade"))) {
      guard.upgraded(upgrade.request().connection());
    }
    if (open.size() >= settings.browser().maxSockets()) {
      metrics.refused(EdgeMetrics.SOCKJS, "too_many_sockets");
      LOG.debug(
          "refused a dashboard from {}: {} are connected", socket.remoteAddress(), open.size());
      socket.close();
      return;
    }
    open.add(new BrowserConnection(vertx, socket, rules, metrics, open::remove));
  }
}
