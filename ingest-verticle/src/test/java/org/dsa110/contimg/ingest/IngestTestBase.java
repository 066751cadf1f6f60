package org.dsa110.contimg.ingest;

import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.config;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dsa110.contimg.common.bus.Addresses;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a real IngestVerticle on a real ingest.sqlite3 in a temp folder, and records events.queue.
 */
@ExtendWith(VertxExtension.class)
abstract class IngestTestBase {
  static final LocalDateTime T0 = LocalDateTime.of(2025, 10, 24, 12, 0, 0);

  @TempDir Path stateDir;
  Vertx vertx;
  final List<JsonObject> queueEvents = new CopyOnWriteArrayList<>();

  void deploy(Vertx vertx, Map<String, String> env) throws Exception {
    this.vertx = vertx;
    vertx.eventBus().<JsonObject>consumer(Addresses.EVENTS_QUEUE, m -> queueEvents.add(m.body()));
    await(
        vertx.deployVerticle(
            new IngestVerticle(), new DeploymentOptions().setConfig(config(stateDir, env))));
  }

  Path database() {
    return stateDir.resolve("ingest.sqlite3");
  }

  static String file(LocalDateTime at, int subband) {
    return String.format("/data/incoming/%s_sb%02d.hdf5", at.format(SubbandFile.GROUP_ID), subband);
  }

  JsonObject add(String path) throws Exception {
    return request(
        vertx,
        Addresses.INGEST_SUBBAND_ADD,
        new JsonObject().put("file_path", path).put("file_size", 1024));
  }

  /**
   * Adds all 16 subbands of one observation, the correlator's way: timestamps a few seconds apart.
   */
  JsonObject addGroup(LocalDateTime at) throws Exception {
    JsonObject last = null;
    for (int sb = 0; sb < 16; sb++) {
      last = add(file(at.plusSeconds(sb % 3), sb));
    }
    return last;
  }

  JsonObject claim(String worker) throws Exception {
    return request(vertx, Addresses.INGEST_GROUP_CLAIM, new JsonObject().put("worker", worker));
  }

  JsonObject group(String groupId) throws Exception {
    return request(vertx, Addresses.INGEST_GROUP_GET, new JsonObject().put("group_id", groupId));
  }

  static String id(LocalDateTime at) {
    return at.format(SubbandFile.GROUP_ID);
  }

  static List<String> transitions(List<JsonObject> events, String groupId) {
    return events.stream()
        .filter(e -> groupId.equals(e.getString("group_id")))
        .map(e -> e.getString("from") + "->" + e.getString("to"))
        .toList();
  }

  static JsonArray files(JsonObject group) {
    return group.getJsonArray("files");
  }
}
