package org.dsa110.contimg.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_GROUP_CALIBRATORS;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_GROUP_COMPLETE;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_GROUP_FAIL;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_GROUP_HEARTBEAT;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_GROUP_RETRY;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_QUEUE_LIST;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_QUEUE_STATS;
import static org.dsa110.contimg.common.testing.HubTest.assertFails;
import static org.dsa110.contimg.common.testing.HubTest.count;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupLifecycleTest extends IngestTestBase {
  private static final String G = id(T0);

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    deploy(vertx, Map.of("CONTIMG_INGEST_MAX_RETRIES", "2"));
  }

  private JsonObject fail(boolean retryable) throws Exception {
    return request(
        vertx,
        INGEST_GROUP_FAIL,
        new JsonObject()
            .put("group_id", G)
            .put("error", "casa crashed")
            .put("retryable", retryable));
  }

  @Test
  void claimHandsOutTheOldestPendingGroupWithItsFiles() throws Exception {
    addGroup(T0.plusSeconds(600));
    addGroup(T0);
    JsonObject claimed = claim("converter-1");
    assertThat(claimed.getBoolean("claimed")).isTrue();
    assertThat(claimed.getJsonObject("group").getString("group_id")).isEqualTo(G);
    assertThat(claimed.getJsonObject("group").getString("state")).isEqualTo("in_progress");
    assertThat(files(claimed.getJsonObject("group"))).hasSize(16);
    assertThat(claim("converter-2").getJsonObject("group").getString("group_id"))
        .isEqualTo(id(T0.plusSeconds(600)));
    JsonObject none = claim("converter-3");
    assertThat(none.getBoolean("claimed")).isFalse();
    assertThat(none.getValue("group")).isNull();
  }

  @Test
  void completeRecordsMetricsAndPublishesTheTransition() throws Exception {
    addGroup(T0);
    claim("w1");
    request(vertx, INGEST_GROUP_HEARTBEAT, new JsonObject().put("group_id", G).put("worker", "w1"));
    JsonObject metrics =
        new JsonObject()
            .put("writer_type", "direct-subband")
            .put("conversion_time", 41.5)
            .put("total_time", 300);
    JsonObject done =
        request(
            vertx,
            INGEST_GROUP_COMPLETE,
            new JsonObject().put("group_id", G).put("worker", "w1").put("metrics", metrics));
    assertThat(done.getString("state")).isEqualTo("completed");

    JsonObject stored = group(G).getJsonObject("metrics");
    assertThat(stored.getString("writer_type")).isEqualTo("direct-subband");
    assertThat(stored.getDouble("conversion_time")).isEqualTo(41.5);
    assertThat(stored.getDouble("total_time")).isEqualTo(300.0);
    assertThat(stored.getValue("imaging_time")).isNull();
    await().until(() -> transitions(queueEvents, G).size() == 4);
    assertThat(transitions(queueEvents, G))
        .containsExactly(
            "null->collecting",
            "collecting->pending",
            "pending->in_progress",
            "in_progress->completed");
  }

  @Test
  void retryableFailuresRequeueUntilMaxRetriesThenFail() throws Exception {
    addGroup(T0);
    for (int attempt = 1; attempt <= 2; attempt++) {
      claim("w");
      JsonObject requeued = fail(true);
      assertThat(requeued.getString("state")).isEqualTo("pending");
      assertThat(requeued.getInteger("retry_count")).isEqualTo(attempt);
      assertThat(requeued.getString("error_message")).isEqualTo("casa crashed");
    }
    claim("w");
    JsonObject failed = fail(true);
    assertThat(failed.getString("state")).isEqualTo("failed");
    assertThat(failed.getString("error_message")).isEqualTo("casa crashed");

    JsonObject retried = request(vertx, INGEST_GROUP_RETRY, new JsonObject().put("group_id", G));
    assertThat(retried.getString("state")).isEqualTo("pending");
    assertThat(retried.getInteger("retry_count")).isZero();
    assertThat(retried.getValue("error_message")).isNull();
  }

  @Test
  void aNonRetryableFailureFailsAtOnce() throws Exception {
    addGroup(T0);
    claim("w");
    JsonObject failed = fail(false);
    assertThat(failed.getString("state")).isEqualTo("failed");
    assertThat(failed.getInteger("retry_count")).isZero();
  }

  @Test
  void everyIllegalTransitionIsA409NamingBothStates() throws Exception {
    add(file(T0, 0));
    assertFails(
        vertx,
        INGEST_GROUP_COMPLETE,
        new JsonObject().put("group_id", G),
        409,
        "from collecting to completed");
    assertFails(
        vertx,
        INGEST_GROUP_FAIL,
        new JsonObject().put("group_id", G).put("error", "x").put("retryable", true),
        409,
        "from collecting to pending");
    assertFails(
        vertx,
        INGEST_GROUP_RETRY,
        new JsonObject().put("group_id", G),
        409,
        "from collecting to pending");
    assertFails(
        vertx, INGEST_GROUP_HEARTBEAT, new JsonObject().put("group_id", G), 409, "collecting");

    for (int sb = 1; sb < 16; sb++) {
      add(file(T0, sb));
    }
    assertFails(
        vertx,
        INGEST_GROUP_COMPLETE,
        new JsonObject().put("group_id", G),
        409,
        "from pending to completed");
    assertFails(
        vertx,
        INGEST_GROUP_RETRY,
        new JsonObject().put("group_id", G),
        409,
        "from pending to pending");
    assertFails(
        vertx,
        INGEST_GROUP_FAIL,
        new JsonObject().put("group_id", G).put("error", "x").put("retryable", false),
        409,
        "from pending to failed");

    claim("w1");
    assertFails(
        vertx,
        INGEST_GROUP_RETRY,
        new JsonObject().put("group_id", G),
        409,
        "from in_progress to pending");
    assertFails(
        vertx,
        INGEST_GROUP_COMPLETE,
        new JsonObject().put("group_id", G).put("worker", "w2"),
        409,
        "held by worker w1");
    request(vertx, INGEST_GROUP_COMPLETE, new JsonObject().put("group_id", G));
    assertFails(
        vertx,
        INGEST_GROUP_COMPLETE,
        new JsonObject().put("group_id", G),
        409,
        "from completed to completed");
    assertFails(
        vertx,
        INGEST_GROUP_FAIL,
        new JsonObject().put("group_id", G).put("error", "x").put("retryable", true),
        409,
        "from completed to pending");
    assertFails(
        vertx,
        INGEST_GROUP_RETRY,
        new JsonObject().put("group_id", G),
        409,
        "from completed to pending");
    assertFails(
        vertx, INGEST_GROUP_HEARTBEAT, new JsonObject().put("group_id", G), 409, "completed");
    assertThat(group(G).getString("state")).isEqualTo("completed");
  }

  @Test
  void unknownGroupsAre404() throws Exception {
    assertFails(
        vertx,
        INGEST_GROUP_COMPLETE,
        new JsonObject().put("group_id", "2020-01-01T00:00:00"),
        404,
        "2020-01-01T00:00:00");
    assertFails(
        vertx,
        org.dsa110.contimg.common.bus.Addresses.INGEST_GROUP_GET,
        new JsonObject().put("group_id", "nope"),
        404,
        "nope");
  }

  @Test
  void calibratorsAreStoredAsAJsonArray() throws Exception {
    add(file(T0, 0));
    JsonArray calibrators =
        new JsonArray().add(new JsonObject().put("name", "3C286").put("sep_deg", 0.4));
    request(
        vertx,
        INGEST_GROUP_CALIBRATORS,
        new JsonObject()
            .put("group_id", G)
            .put("has_calibrator", true)
            .put("calibrators", calibrators));
    JsonObject stored = group(G);
    assertThat(stored.getBoolean("has_calibrator")).isTrue();
    assertThat(stored.getJsonArray("calibrators")).isEqualTo(calibrators);
    assertThat(count(database(), "SELECT has_calibrator FROM ingest_queue")).isEqualTo(1);
  }

  @Test
  void listIsNewestFirstFilteredAndPaginatedAndStatsCountEachState() throws Exception {
    for (int i = 0; i < 5; i++) {
      addGroup(T0.plusSeconds(300L * i));
    }
    add(file(T0.plusSeconds(3000), 0));
    claim("w");
    JsonObject page =
        request(vertx, INGEST_QUEUE_LIST, new JsonObject().put("limit", 2).put("offset", 1));
    assertThat(page.getInteger("total")).isEqualTo(6);
    assertThat(page.getJsonArray("groups")).hasSize(2);
    JsonObject pending =
        request(vertx, INGEST_QUEUE_LIST, new JsonObject().put("state", "pending"));
    assertThat(pending.getInteger("total")).isEqualTo(4);
    assertThat(pending.getJsonArray("groups").getJsonObject(0).getInteger("subbands"))
        .isEqualTo(16);
    assertThat(pending.getJsonArray("groups").getJsonObject(0).getDouble("received_at"))
        .isGreaterThanOrEqualTo(
            pending.getJsonArray("groups").getJsonObject(3).getDouble("received_at"));

    JsonObject stats = request(vertx, INGEST_QUEUE_STATS, new JsonObject());
    assertThat(stats.getJsonObject("counts").getMap())
        .containsEntry("collecting", 1)
        .containsEntry("pending", 4)
        .containsEntry("in_progress", 1)
        .containsEntry("completed", 0)
        .containsEntry("failed", 0);
    assertThat(stats.getDouble("oldest_pending_age_s")).isGreaterThanOrEqualTo(0.0);
    assertThat(stats.getInteger("groups_per_hour")).isZero();
  }
}
