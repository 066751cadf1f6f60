package org.dsa110.contimg.deploy;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.dsa110.contimg.common.config.BuildInfo;
import org.dsa110.contimg.common.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /health/live} and {@code /metrics} on a cluster node that runs owners but no gateway, on
 * the node's own {@code http.host}/{@code http.port}: a node without them could be neither probed
 * nor scraped. Nothing else is served there; the API stays with the gateways.
 */
final class NodeEndpoints extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(NodeEndpoints.class);

  private HttpServer server;

  @Override
  public Future<?> start() {
    Settings settings = new Settings(config());
    Router router = Router.router(vertx);
    router
        .get("/health/live")
        .handler(
            HealthCheckHandler.create(vertx)
                .register(
                    "build",
                    done ->
                        done.complete(
                            Status.OK(new JsonObject().put("version", BuildInfo.version())))));
    router.get("/metrics").handler(PrometheusScrapingHandler.create());
    int port = settings.integer("http.port", 0, 65535);
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(port, settings.string("http.host"))
        .onSuccess(
            listening -> {
              server = listening;
              LOG.info(
                  "node endpoints (/health/live, /metrics) on {}:{}",
                  settings.string("http.host"),
                  listening.actualPort());
            });
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
