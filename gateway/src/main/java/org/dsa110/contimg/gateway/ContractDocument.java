package org.dsa110.contimg.gateway;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Serves the contract itself, as written ({@code openapi.yaml}) or the same document as JSON. */
final class ContractDocument implements Handler<RoutingContext> {
  private final Buffer document;
  private final String contentType;

  private ContractDocument(Buffer document, String contentType) {
    this.document = document;
    this.contentType = contentType;
  }

  static ContractDocument yaml(ApiContract api) {
    return new ContractDocument(api.yaml(), "application/yaml");
  }

  static ContractDocument json(ApiContract api) {
    return new ContractDocument(api.json(), "application/json");
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", contentType).end(document);
  }
}
