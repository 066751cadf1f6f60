package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.dsa110.contimg.common.bridge.BridgeClient;
import org.dsa110.contimg.common.bus.Addresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts at random moments while subbands and photometry batches are written, twenty times, on
 * a filesystem that loses whatever was written but not fsynced (FUSE, powercut_fs.py): after every
 * cut the files as the disk holds them pass integrity_check and contain every write the hub had
 * acknowledged, and no batch in part. The same cut with synchronous=NORMAL loses acknowledged
 * writes, so the filesystem does what it claims.
 */
@ExtendWith(VertxExtension.class)
class PowerCutTest {
  private static final String TOKEN = "power-cut";
  private static final int CUTS = 20;
  private static final int IN_FLIGHT = 8;
  private static final int BATCH = 200;

  @TempDir Path dir;

  private record Writes(Set<String> subbands, Set<String> batches) {}

  @Test
  void everyAcknowledgedWriteSurvivesAPowerCut(Vertx vertx) throws Exception {
    PowerCutFilesystem.assumeAvailable();
    Writes acknowledged = new Writes(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
    AtomicInteger next = new AtomicInteger();
    AtomicInteger nextImage = new AtomicInteger();
    Random random = new Random(42);
    for (int cut = 1; cut <= CUTS; cut++) {
      runThenCut(vertx, Map.of(), acknowledged, next, nextImage, 300 + random.nextInt(1200), false);
      assertThat(integrityCheck("ingest.sqlite3")).as("after cut %d", cut).isEqualTo("ok");
      assertThat(integrityCheck("products.sqlite3")).as("after cut %d", cut).isEqualTo("ok");
      assertThat(storedPaths())
          .as("acknowledged subbands after cut %d", cut)
          .containsAll(acknowledged.subbands());
      assertThat(batchSizes().keySet())
          .as("acknowledged batches after cut %d", cut)
          .containsAll(acknowledged.batches());
      assertThat(batchSizes().values())
          .as("no batch in part after cut %d", cut)
          .allMatch(size -> size == BATCH);
    }
    System.out.printf(
        "%d power cuts: %d subbands and %d photometry batches of %d acknowledged, all on disk after each%n",
        CUTS, acknowledged.subbands().size(), acknowledged.batches().size(), BATCH);
    assertThat(acknowledged.subbands()).hasSizeGreaterThan(CUTS * 10);
    assertThat(acknowledged.batches()).hasSizeGreaterThan(CUTS);
  }

  @Test
  void withSynchronousNormalAPowerCutLosesAcknowledgedWrites(Vertx vertx) throws Exception {
    PowerCutFilesystem.assumeAvailable();
    Writes acknowledged = new Writes(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
    List<String> lastWords =
        runThenCut(
            vertx,
            Map.of("CONTIMG_SQLITE_SYNCHRONOUS", "NORMAL"),
            acknowledged,
            new AtomicInteger(),
            new AtomicInteger(),
            1500,
            true);
    assertThat(acknowledged.subbands()).isNotEmpty();
    // the load's commits may all have been synced by a checkpoint just before the cut (one
    // full-suite run lost
    // none); the last of the two writes acknowledged after the load stopped cannot have been: a
    // checkpoint the first
    // may trigger empties the WAL, and at NORMAL nothing else syncs it
    assertThat(storedPaths())
        .as(
            "acknowledged at NORMAL just before the cut, yet on disk: the filesystem kept unsynced data")
        .doesNotContain(lastWords.get(lastWords.size() - 1));
  }

  /**
   * One life of the hub on the power-cut filesystem: start, write for a while, then kill -9 and cut
   * the power.
   */
  private List<String> runThenCut(
      Vertx vertx,
      Map<String, String> extra,
      Writes acknowledged,
      AtomicInteger next,
      AtomicInteger nextImage,
      long writeMillis,
      boolean lastWords)
      throws Exception {
    Path lower = dir.resolve("disk");
    Path mount = dir.resolve("mnt");
    Path log = dir.resolve("hub.log");
    int bridgePort = HubHarness.freePort();
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "CONTIMG_STATE_DIR",
                mount.toString(),
                "CONTIMG_HTTP_PORT",
                String.valueOf(HubHarness.freePort()),
                "CONTIMG_BRIDGE_PORT",
                String.valueOf(bridgePort),
                "CONTIMG_BRIDGE_TOKEN",
                TOKEN,
                "CONTIMG_GATEWAY_READY_OWNERS",
                "ingest,products",
                "CONTIMG_SQLITE_MIN_FREE_DISK_MB",
                "0"));
    env.putAll(extra);
    try (PowerCutFilesystem filesystem =
            PowerCutFilesystem.mount(lower, mount, dir.resolve("fs.log"));
        ChildHub hub = ChildHub.start(log, env, "--verticles", "ingest,products,gateway")) {
      hub.awaitPort(bridgePort, Duration.ofSeconds(90));
      BridgeClient client = await(BridgeClient.connect(vertx, bridgePort, TOKEN));
      for (int i = 0; i < IN_FLIGHT; i++) {
        BridgeLoad.addSubbandsForever(client, next, acknowledged.subbands());
      }
      BridgeLoad.recordPhotometryForever(client, "cut", BATCH, nextImage, acknowledged.batches());
      Thread.sleep(writeMillis);
      List<String> last = lastWords ? lastWords(vertx, client, bridgePort) : List.of();
      hub.kill();
      filesystem.cut();
      return last;
    }
  }

  /**
   * Stops the load (its client closes), then writes two subbands one after the other on a new
   * client, acknowledged.
   */
  private static List<String> lastWords(Vertx vertx, BridgeClient load, int bridgePort)
      throws Exception {
    await(load.close());
    BridgeClient client = await(BridgeClient.connect(vertx, bridgePort, TOKEN));
    List<String> paths =
        List.of(
            "/data/incoming/2030-01-01T00:00:00_sb00.hdf5",
            "/data/incoming/2030-01-01T00:00:00_sb01.hdf5");
    for (String path : paths) {
      JsonObject reply =
          await(
              client.request(Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", path)),
              30,
              "the add of " + path);
      assertThat(reply.getString("group_id"))
          .as("the add of %s acknowledged: %s", path, reply)
          .isNotNull();
    }
    return paths;
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
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT image_path, COUNT(*) FROM photometry GROUP BY image_path")) {
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
