package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.count;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.HubTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A backup taken while the hub is writing is complete, consistent and opens on its own. */
@ExtendWith(VertxExtension.class)
class BackupTest {
  @TempDir Path stateDir;
  @TempDir Path backups;

  /** Observation i of a night, five minutes apart. */
  private static String file(int i) {
    return "/d/" + LocalDateTime.of(2025, 10, 24, 0, 0).plusMinutes(5L * i) + ":00_sb00.hdf5";
  }

  @Test
  void aBackupWhileRunningHoldsEveryAcknowledgedWrite(Vertx vertx) throws Exception {
    await(
        Hub.deployAll(
            vertx,
            HubTest.config(
                stateDir,
                Map.of(
                    "CONTIMG_HTTP_PORT",
                    String.valueOf(HubHarness.freePort()),
                    "CONTIMG_BRIDGE_PORT",
                    String.valueOf(HubHarness.freePort())))));
    for (int i = 0; i < 50; i++) {
      request(vertx, Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", file(i)));
    }
    for (int i = 50; i < 60; i++) {
      vertx
          .eventBus()
          .request(Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", file(i)));
    }
    List<Path> copies = Backup.run(stateDir, backups.resolve("today"));
    assertThat(copies).hasSize(4);
    Path ingest = backups.resolve("today/ingest.sqlite3");
    assertThat(count(ingest, "SELECT COUNT(*) FROM subband_files")).isBetween(50L, 60L);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ingest);
        ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
    assertThat(
            count(
                backups.resolve("today/catalogs/master_sources.sqlite3"),
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'final_references'"))
        .isEqualTo(1);
  }

  /**
   * OPERATIONS.md's restore: stop, empty the state folder (WAL files too), copy the backup in,
   * start.
   */
  @Test
  void aRestoredBackupIsServedRowForRow(Vertx vertx) throws Exception {
    Map<String, String> ports =
        Map.of(
            "CONTIMG_HTTP_PORT",
            String.valueOf(HubHarness.freePort()),
            "CONTIMG_BRIDGE_PORT",
            String.valueOf(HubHarness.freePort()));
    List<String> first = await(Hub.deployAll(vertx, HubTest.config(stateDir, ports)));
    for (int i = 0; i < 20; i++) {
      request(vertx, Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", file(i)));
    }
    JsonObject before =
        request(vertx, Addresses.INGEST_QUEUE_LIST, new JsonObject().put("limit", 100));
    Backup.run(stateDir, backups.resolve("night"));
    request(vertx, Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", file(40)));
    for (String deployment : first) {
      await(vertx.undeploy(deployment));
    }

    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(stateDir)) {
      for (Path file :
          files
              .sorted(java.util.Comparator.reverseOrder())
              .filter(f -> !f.equals(stateDir))
              .toList()) {
        java.nio.file.Files.delete(file);
      }
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(backups.resolve("night"))) {
      for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        Path restored = stateDir.resolve(backups.resolve("night").relativize(file));
        java.nio.file.Files.createDirectories(restored.getParent());
        java.nio.file.Files.copy(file, restored);
      }
    }
    await(Hub.deployAll(vertx, HubTest.config(stateDir, ports)));
    assertThat(request(vertx, Addresses.INGEST_QUEUE_LIST, new JsonObject().put("limit", 100)))
        .as("the queue as it was at the backup")
        .isEqualTo(before);
  }

  @Test
  void nothingToCopyOrATargetInUseExitsOneWithOneLineAndCopiesNothing() throws Exception {
    Path empty = backups.resolve("no-state");
    Run nothing = backup(empty, backups.resolve("a"));
    assertThat(nothing.exit()).isEqualTo(1);
    assertThat(nothing.output().strip())
        .isEqualTo(
            "cannot back up: no database under "
                + empty.toAbsolutePath()
                + " (CONTIMG_STATE_DIR): nothing to back up");

    try (Connection c =
        DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve("ingest.sqlite3"))) {
      c.createStatement().execute("CREATE TABLE t (x)");
    }
    Path used = java.nio.file.Files.createDirectories(backups.resolve("used"));
    java.nio.file.Files.writeString(used.resolve("notes.txt"), "keep me");
    Run inUse = backup(stateDir, used);
    assertThat(inUse.exit()).isEqualTo(1);
    assertThat(inUse.output().strip())
        .isEqualTo(
            "cannot back up: "
                + used.toAbsolutePath()
                + " already exists and is not an empty folder; back up into a new one");
    assertThat(used.toFile().list()).containsExactly("notes.txt");

    Run fine = backup(stateDir, backups.resolve("fresh"));
    assertThat(fine.exit()).as(fine.output()).isZero();
    assertThat(fine.output()).contains("1 database(s) from");
  }

  private record Run(int exit, String output) {}

  private static Run backup(Path state, Path target) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HubCommand.class.getName(),
                "backup",
                target.toString())
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("CONTIMG_"));
    builder.environment().put("CONTIMG_STATE_DIR", state.toString());
    builder.environment().put("CONTIMG_LOG_LEVEL", "WARN");
    Process process = builder.start();
    assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
        .as("backup finished within 60 s")
        .isTrue();
    return new Run(
        process.exitValue(),
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
  }
}
