package org.dsa110.contimg.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HousekeepingTest extends IngestTestBase {

  @Test
  void anExpiredLeaseGoesBackToPendingThenFailsPastMaxRetries(Vertx vertx) throws Exception {
    deploy(
        vertx,
        Map.of(
            "CONTIMG_INGEST_LEASE_SECONDS",
            "0.3",
            "CONTIMG_INGEST_HOUSEKEEPING_INTERVAL_MS",
            "100",
            "CONTIMG_INGEST_MAX_RETRIES",
            "1"));
    addGroup(T0);
    claim("sleepy");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> group(id(T0)).getString("state").equals("pending"));
    assertThat(group(id(T0)).getString("error_message")).isEqualTo("lease expired");
    assertThat(group(id(T0)).getInteger("retry_count")).isEqualTo(1);

    claim("sleepy");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> group(id(T0)).getString("state").equals("failed"));
    assertThat(transitions(queueEvents, id(T0)))
        .endsWith("in_progress->pending", "pending->in_progress", "in_progress->failed");
  }

  @Test
  void heartbeatsKeepTheLease(Vertx vertx) throws Exception {
    deploy(
        vertx,
        Map.of(
            "CONTIMG_INGEST_LEASE_SECONDS",
            "1.0",
            "CONTIMG_INGEST_HOUSEKEEPING_INTERVAL_MS",
            "100"));
    addGroup(T0);
    claim("busy");
    for (int i = 0; i < 10; i++) {
      Thread.sleep(200);
      org.dsa110.contimg.common.testing.HubTest.request(
          vertx,
          org.dsa110.contimg.common.bus.Addresses.INGEST_GROUP_HEARTBEAT,
          new io.vertx.core.json.JsonObject().put("group_id", id(T0)).put("worker", "busy"));
    }
    assertThat(group(id(T0)).getString("state")).isEqualTo("in_progress");
  }

  @Test
  void aGroupCollectingForTooLongFails(Vertx vertx) throws Exception {
    deploy(
        vertx,
        Map.of(
            "CONTIMG_INGEST_COLLECTING_TIMEOUT_SECONDS",
            "0.3",
            "CONTIMG_INGEST_HOUSEKEEPING_INTERVAL_MS",
            "100"));
    add(file(T0, 0));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> group(id(T0)).getString("state").equals("failed"));
    assertThat(group(id(T0)).getString("error_message")).isEqualTo("collecting timeout");
  }
}
