package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.dsa110.contimg.common.bus.Addresses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /metrics on a hub started the way the jar starts it (Micrometer on): Prometheus text, Vert.x's
 * metrics and ours.
 */
class MetricsTest {
  private static final Pattern SAMPLE =
      Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*})? -?[0-9.eE+-]+|.* (NaN|\\+Inf|-Inf)");

  @TempDir Path stateDir;
  private final Vertx vertx = HubVertx.create();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void metricsAreValidPrometheusTextWithTheHubsOwnFigures() throws Exception {
    HubHarness http = HubHarness.startHub(vertx, stateDir, Map.of());
    request(
        vertx,
        Addresses.INGEST_SUBBAND_ADD,
        new JsonObject().put("file_path", "/d/2025-10-24T12:00:00_sb00.hdf5"));
    request(vertx, Addresses.PRODUCTS_MS_UPSERT, new JsonObject().put("path", "/m.ms"));
    request(
        vertx,
        Addresses.PRODUCTS_IMAGE_ADD,
        new JsonObject().put("path", "/i.fits").put("ms_path", "/m.ms").put("type", "image"));
    request(
        vertx,
        Addresses.PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject()
            .put("image_path", "/i.fits")
            .put("mjd", 60972.5)
            .put(
                "measurements",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("source_id", "s")
                            .put("ra_deg", 1)
                            .put("dec_deg", 2)
                            .put("peak_jyb", 0.1))));

    await(http.get("/api/v1/queue/stats"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> scrape(http).contains("contimg_photometry_rows_total 1.0"));
    String text = scrape(http);
    List<String> samples =
        text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    assertThat(samples).isNotEmpty().allMatch(line -> SAMPLE.matcher(line).matches());
    assertThat(text)
        .contains(
            "contimg_queue_groups{state=\"collecting\"} 1.0",
            "contimg_queue_transitions_total{to=\"collecting\"} 1.0",
            "vertx_http_server_requests_total",
            "vertx_eventbus_",
            "jvm_memory_used_bytes",
            "contimg_build{version=\""
                + org.dsa110.contimg.common.config.BuildInfo.version()
                + "\"} 1.0",
            "route=\"/api/v1/queue/stats\"");
    assertThat(text)
        .as("HTTP series are per route template, never per path")
        .doesNotContain("/i.fits");
    assertThat(promtool(text))
        .as("promtool check metrics on the live output")
        .isEqualTo("exit 0: ");
  }

  /**
   * deploy/grafana/contimg-hub.json asks only for series the hub exposes, with the labels its
   * legends name: every metric of every panel's query is in a live scrape once the hub has done
   * what the panel watches.
   */
  @Test
  void theGrafanaDashboardAsksOnlyForSeriesTheHubExposes() throws Exception {
    HubHarness http = HubHarness.startHub(vertx, stateDir, Map.of("CONTIMG_API_TOKEN", "t"));
    request(
        vertx,
        Addresses.INGEST_SUBBAND_ADD,
        new JsonObject().put("file_path", "/d/2025-10-24T12:00:00_sb00.hdf5"));
    request(vertx, Addresses.PRODUCTS_MS_UPSERT, new JsonObject().put("path", "/m.ms"));
    request(
        vertx,
        Addresses.PRODUCTS_IMAGE_ADD,
        new JsonObject().put("path", "/i.fits").put("ms_path", "/m.ms").put("type", "image"));
    request(
        vertx,
        Addresses.PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject()
            .put("image_path", "/i.fits")
            .put("mjd", 60972.5)
            .put(
                "measurements",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("source_id", "s")
                            .put("ra_deg", 1)
                            .put("dec_deg", 2)
                            .put("peak_jyb", 0.1))));
    assertThat(await(http.get("/api/v1/calibration/active?mjd=60000")).status()).isEqualTo(404);
    await(http.post("/api/v1/alerts/test", "t", new JsonObject()));
    await(
        vertx
            .eventBus()
            .request("nobody.listens", new JsonObject())
            .recover(ignored -> io.vertx.core.Future.succeededFuture()));
    try (java.net.Socket garbage = new java.net.Socket("127.0.0.1", http.port())) {
      garbage
          .getOutputStream()
          .write("NOT HTTP AT ALL\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      garbage.getInputStream().readAllBytes();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> scrape(http).contains("contimg_alerts_total"));
    String text = scrape(http);

    JsonObject dashboard =
        new JsonObject(java.nio.file.Files.readString(Path.of("grafana", "contimg-hub.json")));
    Pattern metric =
        Pattern.compile("\\b(contimg_[a-z_]+|vertx_[a-z_]+|jvm_[a-z_]+|process_[a-z_]+)\\b");
    Pattern legendLabel = Pattern.compile("\\{\\{(\\w+)}}");
    int queries = 0;
    for (Object panel : dashboard.getJsonArray("panels")) {
      for (Object target : ((JsonObject) panel).getJsonArray("targets")) {
        String expr = ((JsonObject) target).getString("expr");
        java.util.regex.Matcher names = metric.matcher(expr);
        while (names.find()) {
          String name = names.group(1);
          queries++;
          assertThat(text)
              .as(((JsonObject) panel).getString("title") + ": " + name)
              .containsPattern("(?m)^" + name + "[{ ]");
          java.util.regex.Matcher labels =
              legendLabel.matcher(((JsonObject) target).getString("legendFormat"));
          while (labels.find()) {
            assertThat(text)
                .as(
                    ((JsonObject) panel).getString("title")
                        + ": label "
                        + labels.group(1)
                        + " on "
                        + name)
                .containsPattern("(?m)^" + name + "\\{[^}]*\\b" + labels.group(1) + "=\"");
          }
        }
      }
    }
    assertThat(queries).as("metrics the dashboard asks for").isGreaterThanOrEqualTo(15);
  }

  /**
   * promtool from Debian's prometheus package: on the PATH, or where .ci/run puts it (only the
   * binary, not the server). Its exit status and what it said.
   */
  private static String promtool(String metrics) throws Exception {
    Path installed = Path.of("..", ".ci", "tools", "promtool");
    String promtool =
        java.nio.file.Files.isExecutable(installed) ? installed.toString() : "promtool";
    Process check;
    try {
      check = new ProcessBuilder(promtool, "check", "metrics").redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      throw new AssertionError(
          "promtool is not installed: bash .ci/run puts it in .ci/tools (" + e.getMessage() + ")");
    }
    try (java.io.OutputStream in = check.getOutputStream()) {
      in.write(metrics.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    // its few lines fit the pipe: wait (bounded) first, then read
    assertThat(check.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
        .as("promtool finished within 30 s")
        .isTrue();
    String said =
        new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .strip();
    return "exit " + check.exitValue() + ": " + said;
  }

  private static String scrape(HubHarness http) throws Exception {
    return await(http.text("/metrics")).body();
  }
}
