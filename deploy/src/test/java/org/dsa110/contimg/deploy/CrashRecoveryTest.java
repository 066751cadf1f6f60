package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.dsa110.contimg.common.bridge.BridgeClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments while subbands and whole photometry batches are being written, twenty
 * times: after every restart each acknowledged write is there, no batch is there in part, and the
 * files pass integrity_check.
 */
@ExtendWith(VertxExtension.class)
class CrashRecoveryTest {
  private static final String TOKEN = "crash-test";
  private static final int KILLS = 20;
  private static final int IN_FLIGHT = 8;
  private static final int BATCHES_IN_FLIGHT = 2;
  private static final int BATCH = 500;

  @TempDir Path stateDir;

  @Test
  void everyAcknowledgedSubbandSurvivesSigkill(Vertx vertx) throws Exception {
    int bridgePort = HubHarness.freePort();
    Map<String, String> env =
        Map.of(
            "CONTIMG_STATE_DIR", stateDir.toString(),
            "CONTIMG_HTTP_PORT", String.valueOf(HubHarness.freePort()),
            "CONTIMG_BRIDGE_PORT", String.valueOf(bridgePort),
            "CONTIMG_BRIDGE_TOKEN", TOKEN,
            "CONTIMG_GATEWAY_READY_OWNERS", "ingest,products");
    Path log = stateDir.resolve("hub.log");
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> batches = ConcurrentHashMap.newKeySet();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger nextImage = new AtomicInteger();
    Random random = new Random(110);

    for (int round = 0; round <= KILLS; round++) {
      try (ChildHub hub = ChildHub.start(log, env, "--verticles", "ingest,products,gateway")) {
        hub.awaitPort(bridgePort, Duration.ofSeconds(60));
        assertThat(storedPaths()).as("after restart %d", round).containsAll(acknowledged);
        assertThat(batchSizes().keySet()).as("after restart %d", round).containsAll(batches);
        assertThat(batchSizes().values()).as("no batch in part").allMatch(size -> size == BATCH);
        assertThat(integrityCheck("ingest.sqlite3")).isEqualTo("ok");
        assertThat(integrityCheck("products.sqlite3")).isEqualTo("ok");
        if (round == KILLS) {
          break;
        }
        BridgeClient client = await(BridgeClient.connect(vertx, bridgePort, TOKEN));
        for (int i = 0; i < IN_FLIGHT; i++) {
          BridgeLoad.addSubbandsForever(client, next, acknowledged);
        }
        for (int i = 0; i < BATCHES_IN_FLIGHT; i++) {
          BridgeLoad.recordPhotometryForever(client, "crash", BATCH, nextImage, batches);
        }
        Thread.sleep(300 + random.nextInt(1200));
        hub.kill();
      }
    }
    System.out.printf(
        "kill -9 %d times: %d subbands and %d photometry batches of %d acknowledged, all stored%n",
        KILLS, acknowledged.size(), batches.size(), BATCH);
    assertThat(acknowledged).hasSizeGreaterThan(KILLS);
    assertThat(batches).isNotEmpty();
    assertThat(Files.readString(log)).contains("contimg-hub running");
  }

  private Map<String, Integer> batchSizes() throws Exception {
    Map<String, Integer> sizes = new java.util.HashMap<>();
    Path file = stateDir.resolve("products.sqlite3");
    if (!Files.exists(file)) {
      return sizes;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT image_path, COUNT(*) FROM photometry GROUP BY image_path")) {
      while (rs.next()) {
        sizes.put(rs.getString(1), rs.getInt(2));
      }
    }
    return sizes;
  }

  private Set<String> storedPaths() throws Exception {
    Set<String> paths = new HashSet<>();
    if (!Files.exists(stateDir.resolve("ingest.sqlite3"))) {
      return paths;
    }
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve("ingest.sqlite3"));
        ResultSet rs = c.createStatement().executeQuery("SELECT file_path FROM subband_files")) {
      while (rs.next()) {
        paths.add(rs.getString(1));
      }
    }
    return paths;
  }

  private String integrityCheck(String database) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve(database));
        ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      return rs.getString(1);
    }
  }
}
