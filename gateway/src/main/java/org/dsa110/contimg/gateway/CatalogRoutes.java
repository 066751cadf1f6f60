package org.dsa110.contimg.gateway;

import io.vertx.ext.web.Router;
import org.dsa110.contimg.common.bus.Addresses;

import java.util.Map;

/** {@code /api/v1/catalog}: cone search (positions in degrees or sexagesimal), one source, catalogue statistics. */
final class CatalogRoutes {
  private static final Map<String, String> CONE_PARAMETERS = Map.of("ra", "ra_deg", "dec", "dec_deg", "radius", "radius_deg",
      "refs", "references", "min_flux", "min_flux_jy");

  private CatalogRoutes() {
  }

  static void mount(Router api, OwnerClient owners) {
    api.get("/catalog/cone").handler(owners.forwardTable(Addresses.CATALOG_CONE_SEARCH,
        ctx -> OwnerClient.queryParameters(ctx, CONE_PARAMETERS), "sources"));
    api.get("/catalog/sources/:source_id").handler(owners.forward(Addresses.CATALOG_SOURCE_GET,
        ctx -> OwnerClient.queryParameters(ctx).put("source_id", ctx.pathParam("source_id"))));
    api.get("/catalog/stats").handler(owners.forward(Addresses.CATALOG_STATS, OwnerClient::queryParameters));
  }
}
