package org.dsa110.contimg.gateway;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.Map;

/**
 * The router built from the contract: every operation of {@code openapi.yaml} is routed, validated
 * against it, and answered either by its owner ({@link BusForward}, when it names an {@code
 * x-bus-address}) or by one of the gateway's own handlers, by operationId. An operation answered by
 * neither, or a handler for no operation, stops the gateway's start: the document cannot describe a
 * route that does not exist, nor miss one that does.
 */
final class ContractRouter {
  private ContractRouter() {}

  /**
   * @param first what every request meets before the contract's rules ({@link ContractGuard} runs
   *     last of these)
   * @param local the gateway's own handlers, by operationId
   */
  static Router create(
      Vertx vertx,
      ApiContract api,
      GatewaySettings settings,
      OwnerClient owners,
      List<Handler<RoutingContext>> first,
      Map<String, Handler<RoutingContext>> local) {
    RouterBuilder builder = RouterBuilder.create(vertx, api.contract(), new ContractRequests());
    first.forEach(builder::rootHandler);
    builder.rootHandler(new ContractGuard(vertx, api.contract(), settings));
    List<String> unknown =
        local.keySet().stream().filter(id -> builder.getRoute(id) == null).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new IllegalStateException(
          "handlers for operations openapi.yaml does not have: " + unknown);
    }
    for (OpenAPIRoute route : builder.getRoutes()) {
      // the token and the body are ContractGuard's, before validation reads the body
      route.setDoSecurity(false);
      String id = route.getOperation().getOperationId();
      Handler<RoutingContext> handler = local.get(id);
      if (handler == null && ApiContract.busAddress(route.getOperation()).isPresent()) {
        handler = BusForward.of(route.getOperation(), owners);
      }
      if (handler == null) {
        throw new IllegalStateException(
            "operation "
                + id
                + " of openapi.yaml has no handler and no "
                + ApiContract.BUS_ADDRESS);
      }
      route.addHandler(handler);
    }
    return builder.createRouter();
  }
}
