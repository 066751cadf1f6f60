package org.dsa110.contimg.deploy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bridge.BridgeClient;
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

/**
 * kill -9 at random moments while subbands and whole photometry batches are being written, twenty times: after
 * every restart each acknowledged write is there, no batch is there in part, and the files pass integrity_check.
 */
@ExtendWith(VertxExtension.class)
class CrashRecoveryTest {
  private static final String TOKEN = "crash-test";
  private static final LocalDateTime T0 = LocalDateTime.of(2025, 10, 24, 0, 0, 0);
  private static final DateTimeFormatter GROUP_ID = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final int KILLS = 20;
  private static final int IN_FLIGHT = 8;
  private static final int BATCHES_IN_FLIGHT = 2;
  private static final int BATCH = 500;

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
          addForever(client, next, acknowledged);
        }
        for (int i = 0; i < BATCHES_IN_FLIGHT; i++) {
          recordForever(client, nextImage, batches);
        }
        Thread.sleep(300 + random.nextInt(1200));
        hub.kill();
      }
    }
    System.out.printf("kill -9 %d times: %d subbands and %d photometry batches of %d acknowledged, all stored%n",
        KILLS, acknowledged.size(), batches.size(), BATCH);
    assertThat(acknowledged).hasSizeGreaterThan(KILLS);
    assertThat(batches).isNotEmpty();
    assertThat(Files.readString(log)).contains("contimg-hub running");
  }

  /** Keeps one image's photometry in flight: MS, image, then the batch; recorded once acknowledged. */
  private static void recordForever(BridgeClient client, AtomicInteger next, Set<String> batches) {
    int n = next.getAndIncrement();
    String ms = "/data/ms/crash-" + n + ".ms";
    String image = "/data/img/crash-" + n + ".fits";
    JsonArray rows = new JsonArray();
    for (int s = 0; s < BATCH; s++) {
      rows.add(new JsonObject().put("source_id", "CRASH J" + s).put("ra_deg", s * 0.1).put("dec_deg", 40.0).put("peak_jyb", 0.01).put("peak_err_jyb", 0.001));
    }
    client.request(Addresses.PRODUCTS_MS_UPSERT, new JsonObject().put("path", ms).put("mid_mjd", 60000.0 + n))
        .compose(done -> client.request(Addresses.PRODUCTS_IMAGE_ADD, new JsonObject().put("path", image).put("ms_path", ms).put("type", "image")))
        .compose(done -> client.request(Addresses.PRODUCTS_PHOTOMETRY_ADD, new JsonObject().put("image_path", image).put("mjd", 60000.0 + n).put("measurements", rows)))
        .onSuccess(body -> {
          if (!"err".equals(body.getString("type")) && body.containsKey("added")) {
            batches.add(image);
            recordForever(client, next, batches);
          }
        });
  }

  private Map<String, Integer> batchSizes() throws Exception {
    Map<String, Integer> sizes = new java.util.HashMap<>();
    Path file = stateDir.resolve("products.sqlite3");
    if (!Files.exists(file)) {
      return sizes;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         ResultSet rs = c.createStatement().executeQuery("SELECT image_path, COUNT(*) FROM photometry GROUP BY image_path")) {
      while (rs.next()) {
        sizes.put(rs.getString(1), rs.getInt(2));
      }
    }
    return sizes;
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
    if (!Files.exists(stateDir.resolve("ingest.sqlite3"))) {
      return paths;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve("ingest.sqlite3"));
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
