package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.request;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.HubTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The existing pipeline's processes write the files the hub owns (WAL allows it). How long the hub
 * holds each file's write lock is watched from outside (lock_probe.py reads the lock with F_GETLK,
 * never taking it) while a pipeline worker's queue claim runs in a loop with its 30 s busy timeout,
 * once as its code does it (BEGIN, SELECT, UPDATE: SQLite answers "database is locked" at once,
 * without waiting, when another connection holds the write lock as it upgrades) and once with BEGIN
 * IMMEDIATE (which waits). The measurements go to target/write-lock-holds.txt; RELIABILITY.md keeps
 * a copy.
 */
@ExtendWith(VertxExtension.class)
class PipelineBesideHubTest {
  private static final int SECONDS = 6;
  private static final String GROUP = "2025-11-20T03:00:00";

  @TempDir Path stateDir;

  private Path probe;

  private HubHarness start(Vertx vertx) throws Exception {
    assumeTrue(python3(), "python3 is not installed");
    probe = stateDir.resolveSibling(stateDir.getFileName() + "-lock_probe.py");
    try (InputStream script =
        getClass().getClassLoader().getResourceAsStream("lockprobe/lock_probe.py")) {
      Files.write(probe, script.readAllBytes());
    }
    int port = HubHarness.freePort();
    await(
        Hub.deployAll(
            vertx,
            HubTest.config(
                stateDir,
                Map.of(
                    "CONTIMG_HTTP_PORT",
                    String.valueOf(port),
                    "CONTIMG_BRIDGE_PORT",
                    String.valueOf(HubHarness.freePort()),
                    "CONTIMG_INGEST_HOUSEKEEPING_INTERVAL_MS",
                    "100",
                    "CONTIMG_SQLITE_BUSY_TIMEOUT_MS",
                    "30000"))));
    request(
        vertx,
        Addresses.INGEST_SUBBAND_ADD,
        new JsonObject().put("file_path", "/data/incoming/" + GROUP + "_sb00.hdf5"));
    return new HubHarness(vertx, port);
  }

  private static boolean python3() {
    try {
      return new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private Process python(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("python3", probe.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static List<JsonObject> lines(Process process) throws Exception {
    assertThat(process.waitFor(SECONDS + 30, TimeUnit.SECONDS))
        .as("lock_probe.py ended within its run time and 30 s")
        .isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines().map(JsonObject::new).toList();
  }

  /**
   * Runs {@code load} for the probe's run time while the watcher and a pipeline worker's claims run
   * (one kind at a time: two pipeline processes would lock each other out too).
   */
  private List<JsonObject> measure(String phase, String claimMode, ThrowingRunnable load)
      throws Exception {
    String pid = String.valueOf(ProcessHandle.current().pid());
    Path ingest = stateDir.resolve("ingest.sqlite3").toAbsolutePath();
    Process watcher =
        python(
            "watch",
            String.valueOf(SECONDS),
            pid,
            ingest.toString(),
            stateDir.resolve("products.sqlite3").toAbsolutePath().toString(),
            stateDir.resolve("cal_registry.sqlite3").toAbsolutePath().toString());
    Process claims = python("claims", String.valueOf(SECONDS), claimMode, ingest.toString(), GROUP);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    int requests = 0;
    while (System.nanoTime() < end) {
      load.run();
      requests++;
    }
    List<JsonObject> results = new ArrayList<>(lines(watcher));
    results.addAll(lines(claims));
    List<String> report = new ArrayList<>();
    report.add(phase + " (" + requests + " rounds in " + SECONDS + " s):");
    results.forEach(r -> report.add("  " + r.encode()));
    Files.write(
        Path.of("target", "write-lock-holds.txt"),
        report,
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    return results;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private static JsonObject claims(List<JsonObject> results, String mode) {
    return results.stream().filter(r -> mode.equals(r.getString("mode"))).findFirst().orElseThrow();
  }

  private static List<JsonObject> holds(List<JsonObject> results) {
    return results.stream().filter(r -> r.containsKey("file")).toList();
  }

  @Test
  void anIdleHubTakesNoWriteLockAndItsReadinessProbesHoldItBriefly(Vertx vertx) throws Exception {
    HubHarness http = start(vertx);
    List<JsonObject> idle =
        measure("idle hub, housekeeping every 100 ms", "deferred", () -> Thread.sleep(100));
    holds(idle)
        .forEach(
            file ->
                assertThat(file.getInteger("holds"))
                    .as("housekeeping with nothing to do writes nothing: " + file.encode())
                    .isZero());
    assertThat(claims(idle, "deferred").getInteger("claims")).isPositive();
    assertThat(claims(idle, "deferred").getInteger("locked_at_once"))
        .as("the pipeline's own claim (BEGIN, SELECT, UPDATE)")
        .isZero();

    // readiness ten times a second, each proving all four databases writable: short holds, and no
    // commit that would
    // change the files under the pipeline's readers
    ThrowingRunnable probe =
        () -> {
          HubHarness.Response ready = await(http.get("/health/ready"));
          assertThat(ready.status()).as(ready.body().encode()).isEqualTo(200);
          Thread.sleep(100);
        };
    List<JsonObject> probed = measure("readiness probe every 100 ms", "deferred", probe);
    holds(probed)
        .forEach(file -> assertThat(file.getDouble("max_ms")).as(file.encode()).isLessThan(50.0));
    List<JsonObject> waiting = measure("readiness probe every 100 ms", "immediate", probe);
    assertThat(
            claims(waiting, "immediate").getInteger("locked_at_once")
                + claims(waiting, "immediate").getInteger("locked_after_waiting"))
        .isZero();
  }

  @Test
  void theHubsWritesHoldTheLockForMillisecondsNotSeconds(Vertx vertx) throws Exception {
    start(vertx);
    int[] n = {0};
    ThrowingRunnable writes =
        () -> {
          int i = ++n[0];
          request(
              vertx,
              Addresses.INGEST_SUBBAND_ADD,
              new JsonObject()
                  .put(
                      "file_path",
                      String.format(
                          "/data/incoming/2025-11-21T%02d:%02d:00_sb%02d.hdf5",
                          i / 60 % 24, i % 60, i % 16)));
          request(
              vertx,
              Addresses.PRODUCTS_POINTING_ADD,
              new JsonObject()
                  .put("timestamp", 1763607600.0 + i)
                  .put("ra_deg", 150.0)
                  .put("dec_deg", 42.0));
          request(
              vertx,
              Addresses.PRODUCTS_MS_UPSERT,
              new JsonObject().put("path", "/ms/" + i).put("mid_mjd", 60999.0 + i * 0.003));
          request(
              vertx,
              Addresses.PRODUCTS_IMAGE_ADD,
              new JsonObject()
                  .put("path", "/img/" + i)
                  .put("ms_path", "/ms/" + i)
                  .put("type", "image"));
          JsonArray rows = new JsonArray();
          for (int s = 0; s < 1000; s++) {
            rows.add(
                new JsonObject()
                    .put("source_id", "S" + s)
                    .put("ra_deg", s * 0.1)
                    .put("dec_deg", 42.0)
                    .put("peak_jyb", 0.01 + s * 1e-6)
                    .put("peak_err_jyb", 0.001));
          }
          request(
              vertx,
              Addresses.PRODUCTS_PHOTOMETRY_ADD,
              new JsonObject()
                  .put("image_path", "/img/" + i)
                  .put("mjd", 60999.0 + i * 0.003)
                  .put("measurements", rows));
          request(
              vertx,
              Addresses.CAL_SET_REGISTER,
              new JsonObject()
                  .put("set_name", "set" + i)
                  .put(
                      "tables",
                      new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("path", "/cal/" + i + ".K")
                                  .put("table_type", "K")
                                  .put("valid_start_mjd", 60999.0 + i)
                                  .put("valid_end_mjd", 60999.5 + i))));
          Thread.sleep(50);
        };
    String phase =
        "writes: a subband, a pointing sample, an MS and its image with 1,000 measurements, a calibration set, every round";
    List<JsonObject> results = measure(phase, "deferred", writes);
    holds(results)
        .forEach(file -> assertThat(file.getDouble("max_ms")).as(file.encode()).isLessThan(1000.0));
    results = measure(phase, "immediate", writes);
    assertThat(
            claims(results, "immediate").getInteger("locked_at_once")
                + claims(results, "immediate").getInteger("locked_after_waiting"))
        .as("a claim that begins with BEGIN IMMEDIATE waits for the hub and is never refused")
        .isZero();
    holds(results)
        .forEach(file -> assertThat(file.getDouble("max_ms")).as(file.encode()).isLessThan(1000.0));
  }
}
