package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's own start-up with the demo switched on by configuration alone: the dashboard, groups
 * and previews appear.
 */
class DemoModeTest {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void theConfigKeyStartsTheDemoAndTheDashboardServesItsWork(@TempDir Path dir) throws Exception {
    int port = HubHarness.freePort();
    Map<String, String> env =
        Map.of(
            "CONTIMG_STATE_DIR",
            dir.resolve("state").toString(),
            "CONTIMG_HTTP_PORT",
            String.valueOf(port),
            "CONTIMG_BRIDGE_PORT",
            String.valueOf(HubHarness.freePort()),
            "CONTIMG_DEMO_ENABLED",
            "true",
            "CONTIMG_DEMO_INTERVAL_MS",
            "250",
            "CONTIMG_DEMO_SOURCES",
            "200");
    try (ChildHub hub = ChildHub.start(dir.resolve("hub.log"), env)) {
      hub.awaitPort(port, Duration.ofSeconds(90));
      String base = "http://127.0.0.1:" + port;

      HttpResponse<String> page = get(base + "/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
      assertThat(page.body()).contains("vendor/vertx-eventbus.js").contains("js/app.js");
      assertThat(get(base + "/vendor/vertx-eventbus.js").body())
          .contains("EventBus.prototype.registerHandler");
      HttpResponse<Void> head =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/"))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(head.statusCode()).isEqualTo(200);

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> json(get(base + "/api/v1/mosaics")).getLong("total") > 0);
      assertThat(
              json(get(base + "/api/v1/queue/stats"))
                  .getJsonObject("counts")
                  .getInteger("completed"))
          .isGreaterThanOrEqualTo(12);
      String preview =
          json(get(base + "/api/v1/mosaics"))
              .getJsonArray("mosaics")
              .getJsonObject(0)
              .getString("thumbnail_path");
      HttpResponse<String> served =
          get(
              base
                  + "/api/v1/artifacts?path="
                  + URLEncoder.encode(preview, StandardCharsets.UTF_8));
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(HttpResponse<String> response) {
    return new JsonObject(response.body());
  }
}
