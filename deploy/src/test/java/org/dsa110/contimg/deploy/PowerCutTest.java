package org.dsa110.contimg.deploy;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;

/**
 * Power cuts at random moments while subbands and photometry batches are written, twenty times, on a filesystem
 * that loses whatever was written but not fsynced (FUSE, powercut_fs.py): after every cut the files as the disk
 * holds them pass integrity_check and contain every write the hub had acknowledged, and no batch in part. The
 * same cut with synchronous=NORMAL loses acknowledged writes, so the filesystem does what it claims.
 */
@ExtendWith(VertxExtension.class)
class PowerCutTest {
  private static final String TOKEN = "power-cut";
  private static final int CUTS = 20;
  private static final int IN_FLIGHT = 8;
  private static final int BATCH = 200;

  @TempDir
  Path dir;

  private record Writes(Set<String> subbands, Set<String> batches) {
  }

  @Test
  void everyAcknowledgedWriteSurvivesAPowerCut(Vertx vertx) throws Exception {
    PowerCutFilesystem.assumeAvailable();
    Writes acknowledged = new Writes(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
    AtomicInteger next = new AtomicInteger();
    AtomicInteger nextImage = new AtomicInteger();
    Random random = new Random(42);
    for (int cut = 1; cut <= CUTS; cut++) {
      runThenCut(vertx, Map.of(), acknowledged, next, nextImage, 300 + random.nextInt(1200));
      assertThat(integrityCheck("ingest.sqlite3")).as("after cut %d", cut).isEqualTo("ok");
      assertThat(integrityCheck("products.sqlite3")).as("after cut %d", cut).isEqualTo("ok");
      assertThat(storedPaths()).as("acknowledged subbands after cut %d", cut).containsAll(acknowledged.subbands());
      assertThat(batchSizes().keySet()).as("acknowledged batches after cut %d", cut).containsAll(acknowledged.batches());
      assertThat(batchSizes().values()).as("no batch in part after cut %d", cut).allMatch(size -> size == BATCH);
    }
    System.out.printf("%d power cuts: %d subbands and %d photometry batches of %d acknowledged, all on disk after each%n",
        CUTS, acknowledged.subbands().size(), acknowledged.batches().size(), BATCH);
    assertThat(acknowledged.subbands()).hasSizeGreaterThan(CUTS * 10);
    assertThat(acknowledged.batches()).hasSizeGreaterThan(CUTS);
  }

  @Test
  void withSynchronousNormalAPowerCutLosesAcknowledgedWrites(Vertx vertx) throws Exception {
    PowerCutFilesystem.assumeAvailable();
    Writes acknowledged = new Writes(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
    runThenCut(vertx, Map.of("CONTIMG_SQLITE_SYNCHRONOUS", "NORMAL"), acknowledged, new AtomicInteger(), new AtomicInteger(), 1500);
    assertThat(acknowledged.subbands()).isNotEmpty();
    Set<String> lost = new HashSet<>(acknowledged.subbands());
    lost.removeAll(storedPaths());
    assertThat(lost).as("acknowledged but gone after the cut: the filesystem really drops unsynced data").isNotEmpty();
  }

  /** One life of the hub on the power-cut filesystem: start, write for a while, then kill -9 and cut the power. */
  private void runThenCut(Vertx vertx, Map<String, String> extra, Writes acknowledged, AtomicInteger next, AtomicInteger nextImage,
                          long writeMillis) throws Exception {
    Path lower = dir.resolve("disk");
    Path mount = dir.resolve("mnt");
    Path log = dir.resolve("hub.log");
    int bridgePort = HubHarness.freePort();
    Map<String, String> env = new HashMap<>(Map.of(
        "CONTIMG_STATE_DIR", mount.toString(),
        "CONTIMG_HTTP_PORT", String.valueOf(HubHarness.freePort()),
        "CONTIMG_BRIDGE_PORT", String.valueOf(bridgePort),
        "CONTIMG_BRIDGE_TOKEN", TOKEN,
        "CONTIMG_GATEWAY_READY_OWNERS", "ingest,products",
        "CONTIMG_SQLITE_MIN_FREE_DISK_MB", "0"));
    env.putAll(extra);
    try (PowerCutFilesystem filesystem = PowerCutFilesystem.mount(lower, mount, dir.resolve("fs.log"));
         ChildHub hub = ChildHub.start(log, env, "--verticles", "ingest,products,gateway")) {
      hub.awaitPort(bridgePort, Duration.ofSeconds(90));
      BridgeClient client = await(BridgeClient.connect(vertx, bridgePort, TOKEN));
      for (int i = 0; i < IN_FLIGHT; i++) {
        BridgeLoad.addSubbandsForever(client, next, acknowledged.subbands());
      }
      BridgeLoad.recordPhotometryForever(client, "cut", BATCH, nextImage, acknowledged.batches());
      Thread.sleep(writeMillis);
      hub.kill();
      filesystem.cut();
    }
  }



  private Path disk(String database) {
    return dir.resolve("disk").resolve(database);
  }

  private Set<String> storedPaths() throws Exception {
    Set<String> paths = new HashSet<>();
    if (!Files.exists(disk("ingest.sqlite3"))) {
      return paths;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + disk("ingest.sqlite3"));
         ResultSet rs = c.createStatement().executeQuery("SELECT file_path FROM subband_files")) {
      while (rs.next()) {
        paths.add(rs.getString(1));
      }
    } catch (java.sql.SQLException e) {
      return paths;
    }
    return paths;
  }

  private Map<String, Integer> batchSizes() throws Exception {
    Map<String, Integer> sizes = new HashMap<>();
    if (!Files.exists(disk("products.sqlite3"))) {
      return sizes;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + disk("products.sqlite3"));
         ResultSet rs = c.createStatement().executeQuery("SELECT image_path, COUNT(*) FROM photometry GROUP BY image_path")) {
      while (rs.next()) {
        sizes.put(rs.getString(1), rs.getInt(2));
      }
    }
    return sizes;
  }

  private String integrityCheck(String database) throws Exception {
    if (!Files.exists(disk(database))) {
      return "ok";
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + disk(database));
         ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      return rs.getString(1);
    }
  }
}
