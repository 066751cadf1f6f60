package org.dsa110.contimg.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.dsa110.contimg.common.bus.Addresses;

import java.util.Map;

/** {@code /api/v1/calibration}: registered sets, the tables to apply at an MJD, coverage; registering and retiring. */
final class CalibrationRoutes {
  private CalibrationRoutes() {
  }

  static void mount(Router api, OwnerClient owners, Handler<RoutingContext> writes) {
    api.get("/calibration/sets").handler(owners.forwardTable(Addresses.CAL_SET_LIST, OwnerClient::queryParameters, "sets"));
    api.get("/calibration/sets/:name").handler(owners.forward(Addresses.CAL_SET_GET,
        ctx -> OwnerClient.queryParameters(ctx).put("set_name", ctx.pathParam("name"))));
    api.get("/calibration/active").handler(owners.forward(Addresses.CAL_ACTIVE_AT, OwnerClient::queryParameters));
    api.get("/calibration/coverage").handler(owners.forward(Addresses.CAL_COVERAGE,
        ctx -> OwnerClient.queryParameters(ctx, Map.of("start", "start_mjd", "end", "end_mjd"))));
    api.post("/calibration/sets").handler(writes).handler(owners.forward(Addresses.CAL_SET_REGISTER, OwnerClient::jsonBody));
    api.post("/calibration/sets/:name/retire").handler(writes).handler(owners.forward(Addresses.CAL_SET_RETIRE,
        ctx -> OwnerClient.jsonBody(ctx).put("set_name", ctx.pathParam("name"))));
  }
}
