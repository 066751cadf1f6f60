package org.dsa110.contimg.gateway;

import io.vertx.ext.web.Router;
import org.dsa110.contimg.common.bus.Addresses;

/** {@code /api/v1}: Measurement Sets, images, light curves, sources, mosaics, QA artifacts and pointing. */
final class ProductsRoutes {
  private ProductsRoutes() {
  }

  static void mount(Router api, OwnerClient owners, ArtifactFiles artifacts) {
    api.get("/ms").handler(owners.forwardTable(Addresses.PRODUCTS_MS_LIST, OwnerClient::queryParameters, "ms"));
    api.get("/images").handler(owners.forwardTable(Addresses.PRODUCTS_IMAGES_LIST, OwnerClient::queryParameters, "images"));
    api.get("/images/:id").handler(owners.forward(Addresses.PRODUCTS_IMAGE_GET,
        ctx -> OwnerClient.queryParameters(ctx).put("id", ctx.pathParam("id"))));
    api.get("/sources").handler(owners.forwardTable(Addresses.PRODUCTS_SOURCES_SEARCH, OwnerClient::queryParameters, "sources"));
    api.get("/sources/:source_id/timeseries").handler(owners.forwardTable(Addresses.PRODUCTS_TIMESERIES_GET,
        ctx -> OwnerClient.queryParameters(ctx).put("source_id", ctx.pathParam("source_id")), "points"));
    api.get("/mosaics").handler(owners.forwardTable(Addresses.PRODUCTS_MOSAICS_LIST, OwnerClient::queryParameters, "mosaics"));
    api.get("/qa/:group_id").handler(owners.forwardTable(Addresses.PRODUCTS_QA_LIST,
        ctx -> OwnerClient.queryParameters(ctx).put("group_id", ctx.pathParam("group_id")), "artifacts"));
    api.get("/pointing").handler(owners.forwardTable(Addresses.PRODUCTS_POINTING_LIST, OwnerClient::queryParameters, "points"));
    api.get("/artifacts").handler(artifacts);
  }
}
