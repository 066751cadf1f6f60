package org.dsa110.contimg.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.dsa110.contimg.common.bus.Addresses;

/** {@code /api/v1/queue}: the ingest queue, its statistics, one group, and the operator's retry. */
final class QueueRoutes {
  private QueueRoutes() {
  }

  static void mount(Router api, OwnerClient owners, Handler<RoutingContext> writes) {
    api.get("/queue").handler(owners.forwardTable(Addresses.INGEST_QUEUE_LIST, OwnerClient::queryParameters, "groups"));
    api.get("/queue/stats").handler(owners.forward(Addresses.INGEST_QUEUE_STATS, OwnerClient::queryParameters));
    api.get("/queue/:group_id").handler(owners.forward(Addresses.INGEST_GROUP_GET,
        ctx -> OwnerClient.queryParameters(ctx).put("group_id", ctx.pathParam("group_id"))));
    api.post("/queue/:group_id/retry").handler(writes).handler(owners.forward(Addresses.INGEST_GROUP_RETRY,
        ctx -> new JsonObject().put("group_id", ctx.pathParam("group_id"))));
  }
}
