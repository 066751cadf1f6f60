package org.dsa110.contimg.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import org.dsa110.contimg.common.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * The hub's edge: the HTTP API under {@code /api/v1}, the SockJS bridge and the dashboard, the TCP bridge for
 * pipeline services, and health. It owns no database; every answer comes from an owner on the bus.
 */
public class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);

  private HttpServer http;
  private TcpEventBusBridge bridge;
  private HubMetrics metrics;

  @Override
  public Future<?> start() {
    GatewaySettings settings = GatewaySettings.from(new Settings(config()));
    OwnerClient owners = new OwnerClient(vertx, settings.requestTimeoutMs());
    metrics = new HubMetrics(vertx, owners);
    Router router = router(settings, owners);
    Future<HttpServer> httpStarted = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
        .requestHandler(router)
        .listen(settings.httpPort(), settings.httpHost())
        .onSuccess(server -> LOG.info("HTTP listening on {}:{}", settings.httpHost(), server.actualPort()));
    Future<TcpEventBusBridge> bridgeStarted = PipelineBridge.start(vertx, settings);
    return Future.all(httpStarted, bridgeStarted).onSuccess(started -> {
      http = httpStarted.result();
      bridge = bridgeStarted.result();
    });
  }

  @Override
  public Future<?> stop() {
    metrics.stop(vertx);
    return Future.join(http == null ? Future.succeededFuture() : http.close(),
        bridge == null ? Future.succeededFuture() : bridge.close());
  }

  private Router router(GatewaySettings settings, OwnerClient owners) {
    Router router = Router.router(vertx);
    router.route().handler(new RequestLog());
    settings.corsOrigin().ifPresent(origin -> router.route().handler(CorsHandler.create().addOrigin(origin)
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH, HttpMethod.DELETE))
        .allowedHeaders(Set.of("Authorization", "Content-Type"))));
    router.route("/api/*").handler(BodyHandler.create().setBodyLimit(settings.bodyLimitBytes()));

    router.route("/api/v1/*").subRouter(ApiRoutes.create(vertx, settings, owners));

    router.get("/health/live").handler(HealthCheckHandler.create(vertx));
    router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(
        ReadinessChecks.create(vertx, owners, settings.readyOwners(), settings.requestTimeoutMs())));
    router.get("/metrics").handler(metrics.scrapingHandler());
    router.route("/eventbus/*").subRouter(BrowserBridge.router(vertx, settings.sockJsWriteQueueBytes(), settings.sockJsToken()));
    Dashboard.mount(router);

    router.errorHandler(404, ctx -> ApiReplies.error(ctx, 404, "no such resource: " + ctx.request().path()));
    router.errorHandler(405, ctx -> ApiReplies.error(ctx, 405, ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(413, ctx -> ApiReplies.error(ctx, 413, "request body is larger than " + settings.bodyLimitBytes() + " bytes"));
    router.errorHandler(500, ctx -> ApiReplies.error(ctx, ctx.failure() == null ? new IllegalStateException("unknown failure") : ctx.failure()));
    return router;
  }
}
