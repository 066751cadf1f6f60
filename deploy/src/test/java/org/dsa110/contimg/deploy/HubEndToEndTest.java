package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.dsa110.contimg.common.bridge.BridgeClient;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.HubTest;
import org.dsa110.contimg.common.testing.SockJsClient;
import org.dsa110.contimg.deploy.HubHarness.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole hub in one JVM, reached the way its users reach it: files, HTTP, SockJS and the TCP
 * bridge.
 */
@ExtendWith(VertxExtension.class)
class HubEndToEndTest {
  private static final String API_TOKEN = "api-secret";
  private static final String BRIDGE_TOKEN = "bridge-secret";
  private static final String GROUP = "2025-10-24T12:00:00";

  @TempDir Path stateDir;
  @TempDir Path incoming;
  private Vertx vertx;
  private HubHarness http;
  private int httpPort;
  private int bridgePort;

  @BeforeEach
  void startHub(Vertx vertx) throws Exception {
    this.vertx = vertx;
    httpPort = HubHarness.freePort();
    bridgePort = HubHarness.freePort();
    JsonObject config =
        HubTest.config(
            stateDir,
            Map.of(
                "CONTIMG_HTTP_PORT",
                String.valueOf(httpPort),
                "CONTIMG_BRIDGE_PORT",
                String.valueOf(bridgePort),
                "CONTIMG_API_TOKEN",
                API_TOKEN,
                "CONTIMG_BRIDGE_TOKEN",
                BRIDGE_TOKEN,
                "CONTIMG_INGEST_WATCH_DIR",
                incoming.toString(),
                "CONTIMG_INGEST_WATCH_INTERVAL_MS",
                "50"));
    await(Hub.deployAll(vertx, config));
    http = new HubHarness(vertx, httpPort);
  }

  private SockJsClient dashboard() throws Exception {
    SockJsClient client = await(SockJsClient.connect(vertx, httpPort));
    await(client.register(Addresses.EVENTS_QUEUE));
    // registration is not acknowledged: publish probes until one arrives, then start clean
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              vertx.eventBus().publish(Addresses.EVENTS_QUEUE, new JsonObject().put("probe", true));
              return !client.received.isEmpty();
            });
    Thread.sleep(100);
    client.received.clear();
    return client;
  }

  /** A pushed events.queue frame for GROUP from one state (null: a new group) to another. */
  private boolean sawTransition(SockJsClient client, String from, String to) {
    return client.received.stream()
        .anyMatch(
            frame ->
                "rec".equals(frame.getString("type"))
                    && GROUP.equals(frame.getJsonObject("body").getString("group_id"))
                    && frame.getJsonObject("body").containsKey("from")
                    && Objects.equals(from, frame.getJsonObject("body").getString("from"))
                    && to.equals(frame.getJsonObject("body").getString("to")));
  }

  @Test
  void subbandsDroppedInTheWatchDirectoryAppearOverHttpAndSockJs() throws Exception {
    SockJsClient client = dashboard();
    for (int sb = 0; sb < 16; sb++) {
      Files.writeString(incoming.resolve(String.format("%s_sb%02d.hdf5", GROUP, sb)), "");
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                "pending"
                    .equals(await(http.get("/api/v1/queue/" + GROUP)).body().getString("state")));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> sawTransition(client, "collecting", "pending"));
    assertThat(sawTransition(client, null, "collecting"))
        .as("the new group was pushed too")
        .isTrue();

    Response group = await(http.get("/api/v1/queue/" + GROUP));
    assertThat(group.status()).isEqualTo(200);
    assertThat(group.contentType()).startsWith("application/json");
    assertThat(group.body().getInteger("subbands")).isEqualTo(16);
    assertThat(group.body().getJsonArray("files")).hasSize(16);

    Response list = await(http.get("/api/v1/queue?state=pending&limit=10"));
    assertThat(list.body().getInteger("total")).isEqualTo(1);
    Response stats = await(http.get("/api/v1/queue/stats"));
    assertThat(stats.body().getJsonObject("counts").getInteger("pending")).isEqualTo(1);
  }

  @Test
  void aPipelineServiceWorksAGroupThroughTheTcpBridge() throws Exception {
    BridgeClient worker = await(BridgeClient.connect(vertx, bridgePort, BRIDGE_TOKEN));
    JsonObject last = null;
    for (int sb = 0; sb < 16; sb++) {
      last =
          await(
              worker.request(
                  Addresses.INGEST_SUBBAND_ADD,
                  new JsonObject()
                      .put("file_path", String.format("/data/incoming/%s_sb%02d.hdf5", GROUP, sb))
                      .put("file_size", 1000 + sb)));
    }
    assertThat(last.getString("state")).isEqualTo("pending");
    JsonObject claimed =
        await(
            worker.request(
                Addresses.INGEST_GROUP_CLAIM, new JsonObject().put("worker", "converter-1")));
    assertThat(claimed.getJsonObject("group").getString("group_id")).isEqualTo(GROUP);
    JsonObject completed =
        await(
            worker.request(
                Addresses.INGEST_GROUP_COMPLETE,
                new JsonObject()
                    .put("group_id", GROUP)
                    .put("worker", "converter-1")
                    .put("metrics", new JsonObject().put("total_time", 280.5))));
    assertThat(completed.getString("state")).isEqualTo("completed");

    JsonObject refused =
        await(worker.request(Addresses.INGEST_GROUP_CLAIM, new JsonObject().put("worker", 5)));
    assertThat(refused.getString("type")).isEqualTo("err");
    assertThat(refused.getInteger("failureCode")).isEqualTo(400);
    assertThat(refused.getString("message")).contains("worker");

    Response viaHttp = await(http.get("/api/v1/queue/" + GROUP));
    assertThat(viaHttp.body().getString("state")).isEqualTo("completed");
    assertThat(viaHttp.body().getJsonObject("metrics").getDouble("total_time")).isEqualTo(280.5);
  }

  @Test
  void theTcpBridgeRefusesFramesWithoutTheTokenAndClosesAfterRepeatedRefusals() throws Exception {
    BridgeClient intruder = await(BridgeClient.connect(vertx, bridgePort, "wrong"));
    JsonObject refusal =
        await(
            intruder.request(
                Addresses.INGEST_SUBBAND_ADD,
                new JsonObject().put("file_path", "/x/" + GROUP + "_sb00.hdf5")));
    assertThat(refusal.getString("type")).isEqualTo("err");
    assertThat(refusal.getInteger("failureCode")).isEqualTo(401);
    assertThat(refusal.getString("message")).contains("headers.token");
    for (int i = 0; i < 2; i++) {
      intruder.request(
          Addresses.INGEST_SUBBAND_ADD,
          new JsonObject().put("file_path", "/x/" + GROUP + "_sb00.hdf5"));
    }
    await().atMost(Duration.ofSeconds(5)).until(intruder::isClosed);
    assertThat(intruder.received).anyMatch(frame -> "err".equals(frame.getString("type")));
    assertThat(await(http.get("/api/v1/queue")).body().getInteger("total")).isZero();

    BridgeClient noToken = await(BridgeClient.connect(vertx, bridgePort, null));
    noToken.publish(Addresses.EVENTS_QUEUE, new JsonObject().put("forged", true));
    await().atMost(Duration.ofSeconds(5)).until(() -> !noToken.received.isEmpty());
    assertThat(noToken.received.peek().getString("type")).isEqualTo("err");
  }

  @Test
  void browsersMayQueryButNeverWrite() throws Exception {
    SockJsClient client = await(SockJsClient.connect(vertx, httpPort));
    await(client.send(Addresses.INGEST_GROUP_RETRY, new JsonObject().put("group_id", GROUP), "r1"));
    await(
        client.send(
            Addresses.INGEST_SUBBAND_ADD,
            new JsonObject().put("file_path", "/x/" + GROUP + "_sb00.hdf5"),
            "r2"));
    await(client.send(Addresses.INGEST_QUEUE_STATS, new JsonObject(), "r3"));
    await().atMost(Duration.ofSeconds(5)).until(() -> client.received.size() >= 3);
    assertThat(
            client.received.stream()
                .filter(f -> "err".equals(f.getString("type")))
                .map(f -> f.getString("body")))
        .containsExactly("access_denied", "access_denied");
    assertThat(
            client.received.stream()
                .filter(f -> "r3".equals(f.getString("address")))
                .findFirst()
                .orElseThrow()
                .getJsonObject("body")
                .getInteger("total"))
        .isZero();
    assertThat(await(http.get("/api/v1/queue")).body().getInteger("total")).isZero();
  }

  @Test
  void httpErrorsAreJsonWithTheBusCodeAsStatus() throws Exception {
    for (int sb = 0; sb < 16; sb++) {
      Files.writeString(incoming.resolve(String.format("%s_sb%02d.hdf5", GROUP, sb)), "");
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                "pending"
                    .equals(await(http.get("/api/v1/queue/" + GROUP)).body().getString("state")));

    assertError(await(http.get("/api/v1/queue/2020-01-01T00:00:00")), 404, "2020-01-01T00:00:00");
    assertError(await(http.get("/api/v1/queue?limit=many")), 400, "limit");
    assertError(await(http.get("/api/v1/queue?limit=100000")), 400, "limit");
    assertError(await(http.get("/api/v1/queue?colour=red")), 400, "colour");
    assertError(await(http.get("/api/v1/nothing-here")), 404, "/api/v1/nothing-here");
    String retry = "/api/v1/queue/" + GROUP + "/retry";
    assertError(await(http.post(retry, null, null)), 401, "Bearer");
    assertError(await(http.post(retry, "guess", null)), 403, "not valid");
    assertError(
        await(http.post("/api/v1/queue/2020-01-01T00:00:00/retry", API_TOKEN, null)),
        409 - 5,
        "2020-01-01T00:00:00");
    assertError(await(http.post(retry, API_TOKEN, null)), 409, "from pending to pending");
  }

  @Test
  void readinessReportsEveryOwner() throws Exception {
    Response live = await(http.get("/health/live"));
    assertThat(live.status()).isEqualTo(200);
    assertThat(
            live.body()
                .getJsonArray("checks")
                .getJsonObject(0)
                .getJsonObject("data")
                .getString("version"))
        .as("the build's version, as --version and contimg_build say it")
        .isEqualTo(org.dsa110.contimg.common.config.BuildInfo.version())
        .doesNotContain("${");
    Response ready = await(http.get("/health/ready"));
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body().getString("status")).isEqualTo("UP");
    assertThat(ready.body().getJsonArray("checks")).hasSize(5);
  }

  private static void assertError(Response response, int status, String mentions) {
    assertThat(response.status()).as(response.body().encode()).isEqualTo(status);
    assertThat(response.body().getInteger("error")).isEqualTo(status);
    assertThat(response.body().getString("message")).contains(mentions);
  }
}
