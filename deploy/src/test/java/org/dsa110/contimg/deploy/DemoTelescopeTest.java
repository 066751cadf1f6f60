package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.count;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dsa110.contimg.common.bus.Addresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo telescope, through the TCP bridge, fills every part of the hub: groups, calibration,
 * images, mosaics, candidates, alerts.
 */
@ExtendWith(VertxExtension.class)
class DemoTelescopeTest {
  @TempDir Path stateDir;

  @Test
  void withinSecondsTheDemoProducesCompletedGroupsCandidatesAndAlerts(Vertx vertx)
      throws Exception {
    DemoHub hub = DemoHub.start(vertx, stateDir, 300, 300, 0.05);
    int http = hub.httpPort();
    String demo = hub.demoDeployment();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                request(vertx, Addresses.PRODUCTS_ESE_LIST, new JsonObject()).getLong("total") > 0);
    JsonObject stats = request(vertx, Addresses.INGEST_QUEUE_STATS, new JsonObject());
    assertThat(stats.getJsonObject("counts").getInteger("completed")).isGreaterThanOrEqualTo(5);
    assertThat(request(vertx, Addresses.CAL_SET_LIST, new JsonObject()).getInteger("total"))
        .isPositive();
    assertThat(request(vertx, Addresses.PRODUCTS_IMAGES_LIST, new JsonObject()).getLong("total"))
        .isGreaterThanOrEqualTo(5L);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                        stateDir.resolve("products.sqlite3"),
                        "SELECT COUNT(*) FROM alert_history WHERE alert_type = 'ese_candidate'")
                    > 0);
    try (var files = Files.list(stateDir.resolve("demo/incoming"))) {
      assertThat(files.count()).isGreaterThanOrEqualTo(80);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                request(vertx, Addresses.PRODUCTS_MOSAICS_LIST, new JsonObject()).getLong("total")
                    > 0);
    String preview =
        request(vertx, Addresses.PRODUCTS_MOSAICS_LIST, new JsonObject())
            .getJsonArray("mosaics")
            .getJsonObject(0)
            .getString("thumbnail_path");
    JsonObject served =
        await(
            vertx
                .createHttpClient()
                .request(
                    HttpMethod.GET,
                    http,
                    "127.0.0.1",
                    "/api/v1/artifacts?path=" + URLEncoder.encode(preview, StandardCharsets.UTF_8))
                .compose(
                    request ->
                        request
                            .send()
                            .compose(
                                response ->
                                    response
                                        .body()
                                        .map(
                                            body ->
                                                new JsonObject()
                                                    .put("status", response.statusCode())
                                                    .put("type", response.getHeader("Content-Type"))
                                                    .put("magic", body.getBytes(0, 4))))));
    assertThat(served.getInteger("status")).isEqualTo(200);
    assertThat(served.getString("type")).isEqualTo("image/png");
    assertThat(served.getBinary("magic"))
        .containsExactly((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    await(vertx.undeploy(demo));
    Thread.sleep(300);
  }
}
