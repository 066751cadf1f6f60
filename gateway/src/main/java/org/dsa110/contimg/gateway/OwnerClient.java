package org.dsa110.contimg.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Asks owners on the bus on behalf of HTTP requests, never waiting longer than the request timeout:
 * an owner that is down or slow becomes a 503, not a hung dashboard.
 */
final class OwnerClient {
  private final Vertx vertx;
  private final DeliveryOptions delivery;

  OwnerClient(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.delivery = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  Future<JsonObject> request(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body, delivery).map(Message::body);
  }

  /** A request on behalf of an HTTP request: the owner's log lines carry the same request id. */
  Future<JsonObject> request(RoutingContext ctx, String address, JsonObject body) {
    DeliveryOptions traced =
        new DeliveryOptions(delivery).addHeader(RequestLog.KEY, RequestLog.id(ctx));
    return vertx.eventBus().<JsonObject>request(address, body, traced).map(Message::body);
  }
}
