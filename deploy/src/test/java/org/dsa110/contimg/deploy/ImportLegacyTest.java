package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.count;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.HubTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import-legacy} in a JVM of its own on files the pipeline's own DDL made (LegacyFixtures),
 * then the hub on the imported state, answering over real HTTP with the rows the pipeline wrote.
 */
@ExtendWith(VertxExtension.class)
class ImportLegacyTest {
  @TempDir Path dir;

  record Run(int exit, String output) {}

  private Run importLegacy(Path state, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HubCommand.class.getName(),
                "import-legacy"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("CONTIMG_STATE_DIR", state.toString());
    builder.environment().put("CONTIMG_LOG_LEVEL", "WARN");
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS))
        .as("import-legacy finished within 120 s")
        .isTrue();
    return new Run(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private HubHarness startHub(Vertx vertx, Path state) throws Exception {
    int port = HubHarness.freePort();
    await(
        Hub.deployAll(
            vertx,
            HubTest.config(
                state,
                Map.of(
                    "CONTIMG_HTTP_PORT",
                    String.valueOf(port),
                    "CONTIMG_BRIDGE_PORT",
                    String.valueOf(HubHarness.freePort())))));
    return new HubHarness(vertx, port);
  }

  private static JsonObject get(HubHarness http, String path) throws Exception {
    HubHarness.Response response = await(http.get(path));
    assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
    return response.body();
  }

  private static String encoded(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A report line: table, then read, written, already, mapped, merged, skipped. */
  private static void assertRow(
      String output,
      String table,
      long read,
      long written,
      long already,
      long merged,
      long skipped) {
    String line =
        output
            .lines()
            .filter(l -> l.startsWith(table + " "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no row for " + table + " in\n" + output));
    String[] cells = line.trim().split("\\s+");
    assertThat(List.of(cells[1], cells[2], cells[3], cells[5], cells[6]))
        .as(line)
        .containsExactly(
            String.valueOf(read),
            String.valueOf(written),
            String.valueOf(already),
            String.valueOf(merged),
            String.valueOf(skipped));
  }

  private static Map<String, String> checksums(Path folder) throws Exception {
    Map<String, String> sums = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sqlite3")).toList()) {
        sums.put(
            folder.relativize(file).toString(),
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
      }
    }
    return sums;
  }

  @Test
  void theNovemberLayoutIsImportedAndServedRowForRow(Vertx vertx) throws Exception {
    Path source = LegacyFixtures.november(dir.resolve("pipeline-state"));
    Map<String, String> before = checksums(source);
    Path state = dir.resolve("state");

    Run run = importLegacy(state, source.toString());
    assertThat(run.exit())
        .as("rows were skipped and --skip-bad was not given\n" + run.output())
        .isEqualTo(1);
    assertThat(run.output())
        .contains(
            "four files, late November 2025 (layout-c2158)", "  0% 0/58 rows", "100% 58/58 rows");
    assertRow(run.output(), "ingest_queue", 4, 3, 0, 0, 1);
    assertRow(run.output(), "subband_files", 18, 17, 0, 0, 1);
    assertRow(run.output(), "caltables", 9, 9, 0, 0, 0);
    assertRow(run.output(), "images", 5, 4, 0, 1, 0);
    assertRow(run.output(), "photometry", 5, 3, 0, 1, 1);
    assertRow(run.output(), "pointing_history", 3, 2, 0, 0, 1);
    assertRow(run.output(), "sources", 3, 3, 0, 0, 0);
    assertThat(run.output())
        .contains(
            "photometry: no source_id (reported, not invented): 1",
            "ingest_queue: state 'queued_for_review' is none of",
            "caltables: table_type 'BA' kept as written",
            "caltables: valid_end_mjd NULL (open) -> 100000: 7",
            "ms_index: status 'done' -> 'ok'",
            "images: type '5min' -> 'image': 2",
            "images: type '5min' -> 'pbcor' (as its path or pbcor flag says): 1",
            "images: type '5min' -> 'residual' (as its path or pbcor flag says): 1",
            "images: 2 FITS export(s) that photometry was measured on",
            "photometry: image_path is the FITS export of a recorded CASA image: an images row added for it: 3",
            "ese_candidates: flag_type 'auto' -> 'variability': 1",
            "pointing_history: timestamp stored as MJD -> Unix seconds: 2",
            "performance_metrics: conversion_time = load_time + phase_time + write_time: 1",
            "ingest_queue: checkpoint_path, processing_stage, chunk_minutes",
            "variability_stats: n_obs",
            "eta_metric",
            "products.sqlite3: batch_jobs (1 rows)",
            "catalogs/master_sources.sqlite3: meta (1 rows)",
            "recomputed by the hub",
            "--skip-bad");
    assertThat(checksums(source)).as("SOURCE is never modified").isEqualTo(before);

    Run again = importLegacy(state, source.toString(), "--skip-bad");
    assertThat(again.exit()).as(again.output()).isZero();
    assertThat(again.output()).contains("(--skip-bad: accepted)");
    assertRow(again.output(), "photometry", 5, 0, 3, 1, 1);
    assertRow(again.output(), "caltables", 9, 0, 9, 0, 0);
    assertRow(again.output(), "sources", 3, 0, 3, 0, 0);
    assertThat(
            again
                .output()
                .lines()
                .filter(l -> l.matches("^[a-z_]+\\s+\\d+\\s+\\d+.*"))
                .map(l -> l.trim().split("\\s+")[2]))
        .as("a second run writes nothing new")
        .containsOnly("0");

    HubHarness http = startHub(vertx, state);
    JsonObject group = get(http, "/api/v1/queue/2025-11-20T03:00:00");
    assertThat(group.getString("state")).isEqualTo("completed");
    assertThat(group.getDouble("received_at")).isEqualTo(1763607600.5);
    assertThat(group.getJsonArray("calibrators").getString(0)).isEqualTo("3C286");
    assertThat(group.getJsonArray("files")).hasSize(16);
    JsonObject sb00 = group.getJsonArray("files").getJsonObject(0);
    assertThat(sb00.getString("file_path"))
        .isEqualTo("/data/incoming/2025-11-20T03:00:00_sb00.hdf5");
    assertThat(sb00.getLong("file_size"))
        .as("from the pipeline's HDF5 index")
        .isEqualTo(151234567L);
    assertThat(group.getJsonObject("metrics").getDouble("conversion_time")).isEqualTo(42.5);
    assertThat(group.getJsonObject("metrics").getDouble("total_time")).isEqualTo(60.0);
    JsonObject failed = get(http, "/api/v1/queue/2025-11-20T03:05:00");
    assertThat(failed.getString("error_message")).isEqualTo("orchestrator exit=1");
    assertThat(failed.getInteger("expected_subbands")).isEqualTo(16);
    assertThat(get(http, "/api/v1/queue/stats").getInteger("total")).isEqualTo(3);

    JsonObject active = get(http, "/api/v1/calibration/active?mjd=61500");
    assertThat(active.getString("set_name")).isEqualTo("3c286_60999");
    assertThat(
            active.getJsonArray("tables").stream()
                .map(t -> ((JsonObject) t).getString("table_type"))
                .toList())
        .containsExactly("K", "BA", "BP", "GA", "GP", "2G", "FLUX");
    assertThat(active.getJsonArray("tables").getJsonObject(0).getDouble("valid_end_mjd"))
        .isEqualTo(100000.0);
    JsonObject old = get(http, "/api/v1/calibration/sets/old_60990");
    assertThat(old.getBoolean("active")).isFalse();
    assertThat(old.getJsonObject("retirement").getString("reason"))
        .contains("retired/failed", "superseded");

    JsonArray ms = get(http, "/api/v1/ms?limit=10").getJsonArray("ms");
    assertThat(
            ms.stream()
                .map(
                    m ->
                        ((JsonObject) m).getString("path")
                            + " "
                            + ((JsonObject) m).getString("status")
                            + " "
                            + ((JsonObject) m).getString("stage")))
        .contains(
            "/ms/2025-11-20T03:00:00.ms ok imaged",
            "/ms/2025-11-20T03:05:00.ms ok converted",
            "/ms/2025-11-20T03:10:00.ms ok converted",
            "/ms/never-indexed.ms null null");
    JsonArray images = get(http, "/api/v1/images?limit=10").getJsonArray("images");
    assertThat(
            images.stream()
                .map(
                    i ->
                        ((JsonObject) i).getString("path")
                            + " "
                            + ((JsonObject) i).getString("type")))
        .containsExactlyInAnyOrder(
            "/img/a.image image",
            "/img/a.pbcor pbcor",
            "/img/b.image image",
            "/img/orphan.residual residual",
            "/img/a.pbcor.fits pbcor",
            "/img/b.fits image");
    JsonObject a =
        images.stream()
            .map(JsonObject.class::cast)
            .filter(i -> i.getString("path").equals("/img/a.image"))
            .findFirst()
            .orElseThrow();
    assertThat(a.getDouble("noise_jy")).as("the newest row of a re-imaged path").isEqualTo(0.0010);
    assertThat(a.getLong("id")).isEqualTo(2L);
    JsonObject export =
        images.stream()
            .map(JsonObject.class::cast)
            .filter(i -> i.getString("path").equals("/img/a.pbcor.fits"))
            .findFirst()
            .orElseThrow();
    assertThat(export.getString("ms_path")).isEqualTo("/ms/2025-11-20T03:00:00.ms");
    assertThat(export.getString("format")).isEqualTo("fits");
    assertThat(export.getDouble("mid_mjd")).isEqualTo(60999.12674);

    JsonObject series =
        get(http, "/api/v1/sources/" + encoded("NVSS J100000+420000") + "/timeseries");
    assertThat(series.getInteger("count")).isEqualTo(2);
    JsonObject first = series.getJsonArray("points").getJsonObject(0);
    assertThat(first.getDouble("mjd")).as("from its image's MS").isEqualTo(60999.12674);
    assertThat(first.getDouble("flux_mjy"))
        .as("the newer measurement of a re-run")
        .isCloseTo(24.5, within(1e-9));
    assertThat(series.getJsonArray("points").getJsonObject(1).getDouble("mjd")).isEqualTo(60999.13);

    JsonArray candidates =
        get(http, "/api/v1/ese/candidates?status=all").getJsonArray("candidates");
    assertThat(
            candidates.stream()
                .map(
                    c ->
                        ((JsonObject) c).getString("flag_type")
                            + " "
                            + ((JsonObject) c).getString("status")))
        .contains("variability active", "user dismissed");
    assertThat(
            get(http, "/api/v1/mosaics").getJsonArray("mosaics").getJsonObject(0).getString("name"))
        .isEqualTo("2025-11-20_hourly_03-04UTC");
    JsonArray qa = get(http, "/api/v1/qa/2025-11-20T03:00:00").getJsonArray("artifacts");
    assertThat(
            qa.stream()
                .map(
                    q ->
                        ((JsonObject) q).getString("name")
                            + " "
                            + ((JsonObject) q).getString("type")))
        .containsExactlyInAnyOrder("amplitude_vs_time.png plot", "summary.html report");
    JsonArray pointing = get(http, "/api/v1/pointing").getJsonArray("points");
    assertThat(pointing.getJsonObject(0).getDouble("timestamp")).isEqualTo(LegacyFixtures.UNIX);
    assertThat(pointing.getJsonObject(0).getDouble("mjd")).isEqualTo(LegacyFixtures.MJD);
    JsonObject alert = get(http, "/api/v1/alerts").getJsonArray("alerts").getJsonObject(0);
    assertThat(alert.getString("alert_type")).isEqualTo("ese_candidate");
    assertThat(alert.getString("channel")).isEqualTo("#ese-alerts");

    assertThat(get(http, "/api/v1/catalog/cone?ra=150.2&dec=42&radius=1").getInteger("count"))
        .isEqualTo(2);
    assertThat(get(http, "/api/v1/catalog/sources/1").getDouble("s_nvss")).isEqualTo(0.025);
    HubHarness.Response ready = await(http.get("/health/ready"));
    assertThat(ready.status()).as(ready.body().encode()).isEqualTo(200);
    // the products owner takes up the imported images at start, to recompute the statistics from
    // their photometry
    Awaitility.await(
            "the products owner has normalised (or tried) both imported images with photometry")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(state.resolve("products.sqlite3"), "SELECT COUNT(*) FROM hub_image_gains")
                    == 2);

    // the hub writes to the adopted files: a new image of an imported MS (the pipeline's file had
    // images.path not UNIQUE)
    JsonObject image =
        HubTest.request(
            vertx,
            Addresses.PRODUCTS_IMAGE_ADD,
            new JsonObject()
                .put("path", "/img/c.fits")
                .put("ms_path", "/ms/2025-11-20T03:10:00.ms")
                .put("type", "image"));
    assertThat(image.getString("path")).isEqualTo("/img/c.fits");
    assertThat(count(state.resolve("products.sqlite3"), "SELECT COUNT(*) FROM images"))
        .isEqualTo(7);
  }

  @Test
  void theOctoberLayoutsIntegerIdsBecomeTheCataloguesNvssNames(Vertx vertx) throws Exception {
    Path source = LegacyFixtures.october(dir.resolve("pipeline-state"));
    Path state = dir.resolve("state");
    Run run = importLegacy(state, source.toString(), "--skip-bad");
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains(
            "four files, late October 2025 (layout-c636)",
            "integer source_id -> the NVSS name in nvss_name: 2",
            "integer source_id -> its text form (the file stores no NVSS name): 1",
            "valid_start_mjd NULL (open) -> 0: 3");
    assertRow(run.output(), "pointing_history", 2, 2, 0, 0, 0);

    HubHarness http = startHub(vertx, state);
    assertThat(
            get(http, "/api/v1/catalog/sources/" + encoded("NVSS J100000+420000"))
                .getDouble("ra_deg"))
        .isEqualTo(150.0);
    assertThat(get(http, "/api/v1/catalog/sources/3").getInteger("resolved_flag")).isEqualTo(1);
    JsonObject series =
        get(http, "/api/v1/sources/" + encoded("NVSS J100000+420000") + "/timeseries");
    assertThat(series.getInteger("count"))
        .as("photometry of integer id 1 follows it to its name")
        .isEqualTo(2);
    assertThat(
            get(http, "/api/v1/ese/candidates?status=all")
                .getJsonArray("candidates")
                .getJsonObject(0)
                .getString("source_id"))
        .isEqualTo("NVSS J100000+420000");
    JsonArray pointing = get(http, "/api/v1/pointing").getJsonArray("points");
    assertThat(pointing.stream().map(p -> ((JsonObject) p).getDouble("timestamp")))
        .as("an MJD and a Unix time, both as Unix seconds")
        .containsExactly(LegacyFixtures.UNIX, 1763608200.0);
    JsonObject active = get(http, "/api/v1/calibration/active?mjd=60000");
    assertThat(active.getString("set_name"))
        .as("an open start is valid since always")
        .isEqualTo("bp_60999");
  }

  @Test
  void theUnifiedPipelineFileIsImported(Vertx vertx) throws Exception {
    Path source = LegacyFixtures.unified(dir.resolve("pipeline-state"));
    Path state = dir.resolve("state");
    Run run = importLegacy(state, source.toString());
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains(
            "one pipeline.sqlite3, December 2025",
            "db/pipeline.sqlite3",
            "peak_jyb NULL -> flux_jy: 2",
            "measured_at NULL -> the observation time: 1",
            "type 'clean' -> 'image'",
            "stage 'imaging' -> 'calibrated'",
            "db/pipeline.sqlite3: jobs (1 rows)",
            "monitoring alert",
            "no ingest queue");
    assertRow(run.output(), "pointing_history", 2, 1, 0, 1, 0);

    HubHarness http = startHub(vertx, state);
    JsonObject series =
        get(http, "/api/v1/sources/" + encoded("NVSS J100200+420000") + "/timeseries");
    assertThat(series.getJsonArray("points").getJsonObject(0).getDouble("flux_mjy"))
        .isCloseTo(12.1, within(1e-9));
    assertThat(get(http, "/api/v1/calibration/active?mjd=61030").getJsonArray("tables")).hasSize(2);
    JsonArray alerts = get(http, "/api/v1/alerts?type=system_error").getJsonArray("alerts");
    assertThat(alerts.stream().map(x -> ((JsonObject) x).getString("source_id")))
        .containsExactly("queue_backlog", "disk_space_low");
    assertThat(
            get(http, "/api/v1/pointing").getJsonArray("points").getJsonObject(0).getDouble("mjd"))
        .isEqualTo(61019.0417);
    assertThat(get(http, "/api/v1/catalog/stats").getLong("sources")).isEqualTo(3L);
  }

  @Test
  void aDryRunReportsTheImportAndWritesNothing() throws Exception {
    Path source = LegacyFixtures.november(dir.resolve("pipeline-state"));
    Path state = dir.resolve("state");
    Run dry = importLegacy(state, source.toString(), "--dry-run");
    assertThat(dry.exit()).as(dry.output()).isEqualTo(1);
    assertThat(dry.output()).contains("dry run: would import into", "dry run: nothing was written");
    assertRow(dry.output(), "photometry", 5, 3, 0, 1, 1);
    assertThat(Files.exists(state)).as("not even the state folder").isFalse();

    Run real = importLegacy(state, source.toString());
    assertThat(real.output().lines().filter(l -> l.matches("^[a-z_]+\\s+\\d+.*")).toList())
        .as("the dry run's table is the real run's")
        .isEqualTo(dry.output().lines().filter(l -> l.matches("^[a-z_]+\\s+\\d+.*")).toList());
    Run secondDry = importLegacy(state, source.toString(), "--dry-run");
    assertRow(secondDry.output(), "photometry", 5, 0, 3, 1, 1);
  }

  @Test
  void itRefusesWhileAHubOwnsTheFilesAndWhenSourceIsTheStateFolder(Vertx vertx) throws Exception {
    Path source = LegacyFixtures.november(dir.resolve("pipeline-state"));
    Path state = dir.resolve("state");
    startHub(vertx, state);
    Run refused = importLegacy(state, source.toString());
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.output())
        .contains("import-legacy refused: a hub owns")
        .doesNotContain("Exception", "\tat ");

    Run intoItself = importLegacy(source, source.toString());
    assertThat(intoItself.exit()).isEqualTo(2);
    assertThat(intoItself.output()).contains("is the hub's own", "SOURCE is never modified");
    Run nothing = importLegacy(state, dir.resolve("empty").toString());
    assertThat(nothing.output()).contains("import-legacy refused: SOURCE", "does not exist");
  }
}
