package org.dsa110.contimg.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.bus.Addresses.*;
import static org.dsa110.contimg.common.testing.HubTest.assertFails;
import static org.dsa110.contimg.common.testing.HubTest.count;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every malformed message is a 400 naming the field, and leaves the database exactly as it was. */
class MalformedRequestTest extends IngestTestBase {
  private static final String G = id(T0);

  record Case(String address, Object body, String field) {}

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    deploy(vertx, Map.of());
    addGroup(T0);
    claim("w1");
  }

  private static JsonObject json(Object... pairs) {
    JsonObject json = new JsonObject();
    for (int i = 0; i < pairs.length; i += 2) {
      json.put((String) pairs[i], pairs[i + 1]);
    }
    return json;
  }

  @Test
  void malformedMessagesAre400AndChangeNothing() throws Exception {
    List<Case> cases =
        List.of(
            new Case(INGEST_SUBBAND_ADD, json(), "file_path"),
            new Case(INGEST_SUBBAND_ADD, "not an object", "body"),
            new Case(INGEST_SUBBAND_ADD, json("file_path", 42), "file_path"),
            new Case(INGEST_SUBBAND_ADD, json("file_path", ""), "file_path"),
            new Case(INGEST_SUBBAND_ADD, json("file_path", "/data/notes.txt"), "file_path"),
            new Case(
                INGEST_SUBBAND_ADD,
                json("file_path", "/data/2025-10-24T12:00:00_sb16.hdf5"),
                "file_path"),
            new Case(
                INGEST_SUBBAND_ADD,
                json("file_path", "/data/2025-13-24T12:00:00_sb01.hdf5"),
                "file_path"),
            new Case(
                INGEST_SUBBAND_ADD,
                json("file_path", "/data/2025-10-24T12:00:00_sb01.hdf5; DROP TABLE ingest_queue"),
                "file_path"),
            new Case(
                INGEST_SUBBAND_ADD,
                json("file_path", "/data/2025-10-24T12:00:00_sb01.hdf5", "file_size", -1),
                "file_size"),
            new Case(
                INGEST_SUBBAND_ADD,
                json("file_path", "/data/2025-10-24T12:00:00_sb01.hdf5", "file_size", "big"),
                "file_size"),
            new Case(
                INGEST_SUBBAND_ADD,
                json("file_path", "/data/2025-10-24T12:00:00_sb01.hdf5", "colour", "red"),
                "colour"),
            new Case(INGEST_SUBBAND_ADD, json("file_path", "x".repeat(5000)), "file_path"),
            new Case(INGEST_GROUP_CLAIM, json(), "worker"),
            new Case(INGEST_GROUP_CLAIM, json("worker", true), "worker"),
            new Case(INGEST_GROUP_HEARTBEAT, json(), "group_id"),
            new Case(INGEST_GROUP_COMPLETE, json("group_id", G, "metrics", "fast"), "metrics"),
            new Case(
                INGEST_GROUP_COMPLETE,
                json("group_id", G, "metrics", json("total_time", -5)),
                "metrics.total_time"),
            new Case(
                INGEST_GROUP_COMPLETE,
                json("group_id", G, "metrics", json("writer_type", "magic")),
                "metrics.writer_type"),
            new Case(
                INGEST_GROUP_COMPLETE,
                json("group_id", G, "metrics", json("speed", 1)),
                "metrics.speed"),
            new Case(INGEST_GROUP_FAIL, json("group_id", G, "retryable", true), "error"),
            new Case(INGEST_GROUP_FAIL, json("group_id", G, "error", "x"), "retryable"),
            new Case(
                INGEST_GROUP_FAIL,
                json("group_id", G, "error", "x", "retryable", "maybe"),
                "retryable"),
            new Case(INGEST_GROUP_RETRY, json("group_id", 7), "group_id"),
            new Case(
                INGEST_GROUP_CALIBRATORS,
                json("group_id", G, "has_calibrator", true),
                "calibrators"),
            new Case(
                INGEST_GROUP_CALIBRATORS,
                json("group_id", G, "has_calibrator", true, "calibrators", "3C286"),
                "calibrators"),
            new Case(
                INGEST_GROUP_CALIBRATORS,
                json("group_id", G, "has_calibrator", 2, "calibrators", new JsonArray()),
                "has_calibrator"),
            new Case(INGEST_GROUP_GET, json(), "group_id"),
            new Case(INGEST_QUEUE_LIST, json("state", "done"), "state"),
            new Case(INGEST_QUEUE_LIST, json("limit", 0), "limit"),
            new Case(INGEST_QUEUE_LIST, json("limit", 100000), "limit"),
            new Case(INGEST_QUEUE_LIST, json("offset", -1), "offset"),
            new Case(INGEST_QUEUE_LIST, json("sort", "x"), "sort"),
            new Case(INGEST_QUEUE_STATS, json("x", 1), "x"));

    String before = snapshot();
    for (Case c : cases) {
      assertFails(vertx, c.address(), c.body(), 400, c.field() + ":");
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  private String snapshot() throws Exception {
    return count(database(), "SELECT COUNT(*) FROM ingest_queue")
        + "/"
        + count(database(), "SELECT COUNT(*) FROM subband_files")
        + "/"
        + count(database(), "SELECT COUNT(*) FROM performance_metrics")
        + "/"
        + count(database(), "SELECT SUM(retry_count) FROM ingest_queue")
        + "/"
        + count(database(), "SELECT COUNT(*) FROM ingest_queue WHERE state = 'in_progress'")
        + "/"
        + count(database(), "SELECT COUNT(*) FROM ingest_queue WHERE calibrators IS NOT NULL");
  }
}
