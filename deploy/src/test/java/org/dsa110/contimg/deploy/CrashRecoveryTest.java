package org.dsa110.contimg.deploy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.BridgeClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;

/** kill -9 while subbands are being added: after a restart every acknowledged subband is there. */
@ExtendWith(VertxExtension.class)
class CrashRecoveryTest {
  private static final String TOKEN = "crash-test";
  private static final LocalDateTime T0 = LocalDateTime.of(2025, 10, 24, 0, 0, 0);
  private static final DateTimeFormatter GROUP_ID = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final int KILLS = 3;
  private static final int IN_FLIGHT = 8;

  @TempDir
  Path stateDir;

  @Test
  void everyAcknowledgedSubbandSurvivesSigkill(Vertx vertx) throws Exception {
    int bridgePort = HubHarness.freePort();
    Map<String, String> env = Map.of(
        "CONTIMG_STATE_DIR", stateDir.toString(),
        "CONTIMG_HTTP_PORT", String.valueOf(HubHarness.freePort()),
        "CONTIMG_BRIDGE_PORT", String.valueOf(bridgePort),
        "CONTIMG_BRIDGE_TOKEN", TOKEN,
        "CONTIMG_GATEWAY_READY_OWNERS", "ingest");
    Path log = stateDir.resolve("hub.log");
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger next = new AtomicInteger();
    Random random = new Random(110);

    for (int round = 0; round < KILLS; round++) {
      try (ChildHub hub = ChildHub.start(log, env, "--verticles", "ingest,gateway")) {
        hub.awaitPort(bridgePort, Duration.ofSeconds(60));
        BridgeClient client = await(BridgeClient.connect(vertx, bridgePort, TOKEN));
        for (int i = 0; i < IN_FLIGHT; i++) {
          addForever(client, next, acknowledged);
        }
        Thread.sleep(500 + random.nextInt(1500));
        hub.kill();
      }
      assertThat(acknowledged).as("round %d acknowledged something before the kill", round).isNotEmpty();
    }

    try (ChildHub hub = ChildHub.start(log, env, "--verticles", "ingest,gateway")) {
      hub.awaitPort(bridgePort, Duration.ofSeconds(60));
      Set<String> stored = storedPaths();
      System.out.printf("kill -9 %d times: %d subbands acknowledged, %d stored%n", KILLS, acknowledged.size(), stored.size());
      assertThat(stored).containsAll(acknowledged);
      assertThat(integrityCheck()).isEqualTo("ok");
      BridgeClient client = await(BridgeClient.connect(vertx, bridgePort, TOKEN));
      JsonObject stats = await(client.request(Addresses.INGEST_QUEUE_STATS, new JsonObject()));
      assertThat(stats.getInteger("total")).isPositive();
    }
    assertThat(Files.readString(log)).contains("contimg-hub running");
  }

  /** Keeps one request in flight: when it is acknowledged, records it and sends the next one. */
  private static void addForever(BridgeClient client, AtomicInteger next, Set<String> acknowledged) {
    int n = next.getAndIncrement();
    String path = String.format("/data/incoming/%s_sb%02d.hdf5", T0.plusSeconds(300L * (n / 16)).format(GROUP_ID), n % 16);
    Future<JsonObject> reply = client.request(Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", path).put("file_size", n));
    reply.onSuccess(body -> {
      if (!"err".equals(body.getString("type")) && body.containsKey("group_id")) {
        acknowledged.add(path);
        addForever(client, next, acknowledged);
      }
    });
  }

  private Set<String> storedPaths() throws Exception {
    Set<String> paths = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve("ingest.sqlite3"));
         ResultSet rs = c.createStatement().executeQuery("SELECT file_path FROM subband_files")) {
      while (rs.next()) {
        paths.add(rs.getString(1));
      }
    }
    return paths;
  }

  private String integrityCheck() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve("ingest.sqlite3"));
         ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      return rs.getString(1);
    }
  }
}
