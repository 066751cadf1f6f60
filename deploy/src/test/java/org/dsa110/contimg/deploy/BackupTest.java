package org.dsa110.contimg.deploy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.HubTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.count;
import static org.dsa110.contimg.common.testing.HubTest.request;

/** A backup taken while the hub is writing is complete, consistent and opens on its own. */
@ExtendWith(VertxExtension.class)
class BackupTest {
  @TempDir
  Path stateDir;
  @TempDir
  Path backups;

  /** Observation i of a night, five minutes apart. */
  private static String file(int i) {
    return "/d/" + LocalDateTime.of(2025, 10, 24, 0, 0).plusMinutes(5L * i) + ":00_sb00.hdf5";
  }

  @Test
  void aBackupWhileRunningHoldsEveryAcknowledgedWrite(Vertx vertx) throws Exception {
    await(Hub.deployAll(vertx, HubTest.config(stateDir, Map.of("CONTIMG_HTTP_PORT", String.valueOf(HubHarness.freePort()),
        "CONTIMG_BRIDGE_PORT", String.valueOf(HubHarness.freePort())))));
    for (int i = 0; i < 50; i++) {
      request(vertx, Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", file(i)));
    }
    for (int i = 50; i < 60; i++) {
      vertx.eventBus().request(Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", file(i)));
    }
    List<Path> copies = Backup.run(stateDir, backups.resolve("today"));
    assertThat(copies).hasSize(4);
    Path ingest = backups.resolve("today/ingest.sqlite3");
    assertThat(count(ingest, "SELECT COUNT(*) FROM subband_files")).isBetween(50L, 60L);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ingest); ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
    assertThat(count(backups.resolve("today/catalogs/master_sources.sqlite3"), "SELECT COUNT(*) FROM sqlite_master WHERE name = 'final_references'")).isEqualTo(1);
  }
}
