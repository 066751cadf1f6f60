package org.dsa110.contimg.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.dsa110.contimg.common.bus.Addresses;

/** {@code /api/v1}: ESE candidates and their review, variability statistics, one source, the eta-V plane, alerts. */
final class VariabilityRoutes {
  private VariabilityRoutes() {
  }

  static void mount(Router api, OwnerClient owners, Handler<RoutingContext> writes) {
    api.get("/ese/candidates").handler(owners.forwardTable(Addresses.PRODUCTS_ESE_LIST, OwnerClient::queryParameters, "candidates"));
    api.post("/ese/candidates").handler(writes).handler(owners.forward(Addresses.PRODUCTS_ESE_FLAG, OwnerClient::jsonBody));
    api.patch("/ese/candidates/:id").handler(writes).handler(owners.forward(Addresses.PRODUCTS_ESE_UPDATE,
        ctx -> OwnerClient.jsonBody(ctx).put("id", ctx.pathParam("id"))));
    api.get("/variability").handler(owners.forwardTable(Addresses.PRODUCTS_VARIABILITY_LIST, OwnerClient::queryParameters, "sources"));
    api.get("/variability/eta-v").handler(owners.forwardTable(Addresses.PRODUCTS_VARIABILITY_ETA_V, OwnerClient::queryParameters, "points"));
    api.get("/alerts").handler(owners.forwardTable(Addresses.PRODUCTS_ALERTS_LIST, OwnerClient::queryParameters, "alerts"));
    api.post("/alerts/test").handler(writes).handler(owners.forward(Addresses.ALERTS_TEST, ctx -> new JsonObject()
        .put("by", "HTTP " + RequestLog.id(ctx))));
    api.get("/sources/:source_id").handler(owners.forward(Addresses.PRODUCTS_SOURCE_GET,
        ctx -> OwnerClient.queryParameters(ctx).put("source_id", ctx.pathParam("source_id"))));
  }
}
