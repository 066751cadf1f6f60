package org.dsa110.contimg.gateway;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Serves the OpenAPI 3 description of the HTTP API, read once from the gateway's resources. */
final class OpenApiDocument implements Handler<RoutingContext> {
  private final Buffer document;

  OpenApiDocument(Vertx vertx) {
    this.document = vertx.fileSystem().readFileBlocking(ApiRoutes.OPENAPI_RESOURCE);
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(document);
  }
}
