package org.dsa110.contimg.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import org.dsa110.contimg.common.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.config;

/** The OpenAPI document and the router describe the same API: every route is documented, and nothing else is. */
@ExtendWith(VertxExtension.class)
class OpenApiDocumentTest {
  private static final Set<String> OUTSIDE_THE_API_ROUTER = Set.of("GET /health/live", "GET /health/ready", "GET /metrics");

  @TempDir
  Path stateDir;

  @Test
  void everyRouteIsDescribedAndEveryDescriptionIsARoute(Vertx vertx) {
    GatewaySettings settings = GatewaySettings.from(new Settings(config(stateDir, Map.of())));
    Router api = ApiRoutes.create(vertx, settings, new OwnerClient(vertx, 1000));
    Set<String> routed = new TreeSet<>(OUTSIDE_THE_API_ROUTER);
    for (Route route : api.getRoutes()) {
      if (route.getPath() == null || route.methods() == null) {
        continue;
      }
      String path = "/api/v1" + route.getPath().replaceAll(":([a-z_]+)", "{$1}");
      for (HttpMethod method : route.methods()) {
        routed.add(method.name() + " " + path);
      }
    }
    JsonObject document = new JsonObject(vertx.fileSystem().readFileBlocking(ApiRoutes.OPENAPI_RESOURCE));
    Set<String> documented = new TreeSet<>();
    document.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).fieldNames()
        .forEach(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
    assertThat(documented).isEqualTo(routed);
    assertThat(document.getString("openapi")).startsWith("3.");
  }
}
