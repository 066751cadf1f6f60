package org.dsa110.contimg.gateway;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Everything under {@code /api/v1}; the OpenAPI document describes exactly these routes (a test holds them together). */
final class ApiRoutes {
  static final String OPENAPI_RESOURCE = "openapi.json";

  private ApiRoutes() {
  }

  static Router create(Vertx vertx, GatewaySettings settings, OwnerClient owners) {
    Router api = Router.router(vertx);
    BearerTokenHandler token = new BearerTokenHandler(settings.apiToken());
    AuthenticatedBody writes = new AuthenticatedBody(token, new BodyDeadline(vertx, settings.http().bodyTimeoutMs()), settings.bodyLimitBytes());
    api.get("/openapi.json").handler(new OpenApiDocument(vertx));
    if (settings.readsRequireToken()) {
      api.route().handler(token);
    }
    QueueRoutes.mount(api, owners, writes);
    CalibrationRoutes.mount(api, owners, writes);
    ProductsRoutes.mount(api, owners, new ArtifactFiles(vertx, settings.dataRoot()));
    VariabilityRoutes.mount(api, owners, writes);
    CatalogRoutes.mount(api, owners);
    ErrorReplies.install(api, settings);
    return api;
  }
}
