package org.dsa110.contimg.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsa110.contimg.common.config.BuildInfo;
import org.dsa110.contimg.common.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's edge: the HTTP API under {@code /api/v1}, the SockJS bridge and the dashboard, the TCP
 * bridge for pipeline services, and health. It owns no database; every answer comes from an owner
 * on the bus. Every listener is bounded before anything is authenticated (see README, Limits).
 */
public class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  private static final long REFUSAL_SUMMARY_MS = 60_000;

  private HttpServer http;
  private PipelineBridge bridge;
  private HubMetrics metrics;
  private long refusalSummary = -1;

  @Override
  public Future<?> start() {
    GatewaySettings settings = GatewaySettings.from(new Settings(config()));
    OwnerClient owners = new OwnerClient(vertx, settings.requestTimeoutMs());
    metrics = new HubMetrics(vertx, owners);
    EdgeMetrics edge = metrics.edge();
    HttpConnectionGuard guard = new HttpConnectionGuard(vertx, settings.http(), edge);
    Future<HttpServer> httpStarted =
        ApiContract.load(vertx)
            .compose(
                api ->
                    vertx
                        .createHttpServer(serverOptions(settings))
                        .connectionHandler(guard::connected)
                        .invalidRequestHandler(
                            request -> {
                              edge.refused(EdgeMetrics.HTTP, "malformed_request");
                              io.vertx.core.http.HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER
                                  .handle(request);
                            })
                        .requestHandler(
                            new HttpEdge(guard, router(api, settings, owners, guard, edge)))
                        .listen(settings.httpPort(), settings.httpHost()))
            .onSuccess(
                server ->
                    LOG.info("HTTP listening on {}:{}", settings.httpHost(), server.actualPort()));
    Future<PipelineBridge> bridgeStarted = PipelineBridge.start(vertx, settings, edge);
    refusalSummary =
        vertx.setPeriodic(
            REFUSAL_SUMMARY_MS,
            id ->
                edge.summary()
                    .ifPresent(
                        summary ->
                            LOG.warn(
                                "refused at the edge in the last {} s: {}",
                                REFUSAL_SUMMARY_MS / 1000,
                                summary)));
    return Future.all(httpStarted, bridgeStarted)
        .onSuccess(
            started -> {
              http = httpStarted.result();
              bridge = bridgeStarted.result();
            });
  }

  @Override
  public Future<?> stop() {
    metrics.stop(vertx);
    vertx.cancelTimer(refusalSummary);
    return Future.join(
        http == null ? Future.succeededFuture() : http.close(),
        bridge == null ? Future.succeededFuture() : bridge.close());
  }

  /**
   * Limits the HTTP server applies itself: header size, idle connections, WebSocket messages.
   * HTTP/2 over clear text is off: with it on, Vert.x waits for a connection's first bytes to tell
   * HTTP/1 from HTTP/2 before it makes the connection, so a socket that never sends a byte escaped
   * the connection guard and the idle timeout alike.
   */
  private static HttpServerOptions serverOptions(GatewaySettings settings) {
    int message = settings.browser().maxMessageBytes();
    return new HttpServerOptions()
        .setCompressionSupported(true)
        .setHttp2ClearTextEnabled(false)
        .setMaxHeaderSize(settings.http().maxHeaderBytes())
        .setIdleTimeout(settings.http().idleTimeoutSeconds())
        .setMaxWebSocketFrameSize(Math.min(message, 65_536))
        .setMaxWebSocketMessageSize(message);
  }

  private Router router(
      ApiContract api,
      GatewaySettings settings,
      OwnerClient owners,
      HttpConnectionGuard guard,
      EdgeMetrics edge) {
    List<Handler<RoutingContext>> first = new ArrayList<>();
    // Vert.x takes a security-policy handler (CORS) only before every other handler of a route
    settings
        .corsOrigin()
        .ifPresent(
            origin ->
                first.add(
                    CorsHandler.create()
                        .addOrigin(origin)
                        .allowedMethods(
                            Set.of(
                                HttpMethod.GET,
                                HttpMethod.POST,
                                HttpMethod.PATCH,
                                HttpMethod.DELETE))
                        .allowedHeaders(Set.of("Authorization", "Content-Type"))));
    first.add(guard::follow);
    first.add(new RequestLog());
    Map<String, Handler<RoutingContext>> local =
        Map.of(
            "getLiveness",
                HealthCheckHandler.create(vertx)
                    .register(
                        "build",
                        done ->
                            done.complete(
                                Status.OK(new JsonObject().put("version", BuildInfo.version())))),
            "getReadiness",
                HealthCheckHandler.createWithHealthChecks(
                    ReadinessChecks.create(
                        vertx, owners, settings.readyOwners(), settings.requestTimeoutMs())),
            "getMetrics", metrics.scrapingHandler(),
            "getOpenApiYaml", ContractDocument.yaml(api),
            "getOpenApiJson", ContractDocument.json(api),
            "getArtifact", new ArtifactFiles(vertx, settings.dataRoot()),
            "sendTestAlert",
                BusForward.withGatewayFields(
                    api.contract().operation("sendTestAlert"),
                    owners,
                    ctx -> new JsonObject().put("by", "HTTP " + RequestLog.id(ctx))));
    Router router = ContractRouter.create(vertx, api, settings, owners, first, local);
    router.route("/eventbus/*").subRouter(BrowserBridge.router(vertx, settings, edge, guard));
    Dashboard.mount(router);
    ErrorReplies.install(router, settings);
    return router;
  }
}
