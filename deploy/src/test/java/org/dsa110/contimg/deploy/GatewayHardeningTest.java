package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.common.bridge.BridgeClient;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.HubTest;
import org.dsa110.contimg.common.testing.SockJsClient;
import org.dsa110.contimg.deploy.HubHarness.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's protections, against a whole hub: tokens, request ids, compression, CORS,
 * readiness.
 */
@ExtendWith(VertxExtension.class)
class GatewayHardeningTest {
  @TempDir Path stateDir;
  private int httpPort;
  private int bridgePort;
  private HubHarness http;
  private List<String> deployments;

  private void start(Vertx vertx, Map<String, String> extra) throws Exception {
    httpPort = HubHarness.freePort();
    bridgePort = HubHarness.freePort();
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "CONTIMG_HTTP_PORT",
                String.valueOf(httpPort),
                "CONTIMG_BRIDGE_PORT",
                String.valueOf(bridgePort),
                "CONTIMG_API_TOKEN",
                "api",
                "CONTIMG_BRIDGE_TOKEN",
                "bridge"));
    env.putAll(extra);
    deployments = await(Hub.deployAll(vertx, HubTest.config(stateDir, env)));
    http = new HubHarness(vertx, httpPort);
  }

  @Test
  void readsCanBeMadeToNeedTheTokenToo(Vertx vertx) throws Exception {
    start(vertx, Map.of("CONTIMG_API_READS_REQUIRE_TOKEN", "true"));
    assertThat(await(http.get("/api/v1/queue")).status()).isEqualTo(401);
    assertThat(await(http.call(HttpMethod.GET, "/api/v1/queue", "api", (JsonObject) null)).status())
        .isEqualTo(200);
    assertThat(await(http.get("/health/live")).status())
        .as("health stays open for probes")
        .isIn(200, 204);
  }

  @Test
  void everyResponseCarriesARequestIdAndTheCallersIdIsKept(Vertx vertx) throws Exception {
    start(vertx, Map.of());
    HttpClient client = vertx.createHttpClient();
    String generated =
        await(
            client
                .request(HttpMethod.GET, httpPort, "localhost", "/api/v1/queue/stats")
                .compose(r -> r.send())
                .map(r -> r.getHeader("X-Request-Id")));
    assertThat(generated).isNotBlank();
    String kept =
        await(
            client
                .request(
                    new RequestOptions()
                        .setPort(httpPort)
                        .setHost("localhost")
                        .setURI("/api/v1/queue/nope")
                        .putHeader("X-Request-Id", "dashboard-42"))
                .compose(r -> r.send())
                .map(r -> r.getHeader("X-Request-Id")));
    assertThat(kept).isEqualTo("dashboard-42");
  }

  @Test
  void largeAnswersAreCompressedForClientsThatAskAndCorsIsConfigurable(Vertx vertx)
      throws Exception {
    start(vertx, Map.of("CONTIMG_HTTP_CORS_ORIGIN", "https://dashboard.example"));
    HttpClient client =
        vertx.createHttpClient(new HttpClientOptions().setDecompressionSupported(false));
    String encoding =
        await(
            client
                .request(
                    new RequestOptions()
                        .setPort(httpPort)
                        .setHost("localhost")
                        .setURI("/api/v1/calibration/coverage?start=60000&end=60001")
                        .putHeader("Accept-Encoding", "gzip"))
                .compose(r -> r.send())
                .map(r -> r.getHeader("Content-Encoding")));
    assertThat(encoding).isEqualTo("gzip");
    String allowed =
        await(
            client
                .request(
                    new RequestOptions()
                        .setPort(httpPort)
                        .setHost("localhost")
                        .setURI("/api/v1/queue")
                        .putHeader("Origin", "https://dashboard.example"))
                .compose(r -> r.send())
                .map(r -> r.getHeader("Access-Control-Allow-Origin")));
    assertThat(allowed).isEqualTo("https://dashboard.example");
  }

  @Test
  void theBridgeRefusesAddressesOutsideItsListEvenWithTheToken(Vertx vertx) throws Exception {
    start(vertx, Map.of());
    BridgeClient client = await(BridgeClient.connect(vertx, bridgePort, "bridge"));
    JsonObject allowed = await(client.request(Addresses.INGEST_QUEUE_STATS, new JsonObject()));
    assertThat(allowed.getInteger("total")).isZero();
    client.request(Addresses.health(org.dsa110.contimg.common.bus.Owner.ALERTS), new JsonObject());
    client.publish(Addresses.EVENTS_QUEUE, new JsonObject().put("forged", true));
    await().atMost(Duration.ofSeconds(5)).until(() -> client.received.size() >= 2);
    assertThat(client.received).allMatch(frame -> "err".equals(frame.getString("type")));
    assertThat(client.received)
        .anyMatch(frame -> "access_denied".equals(frame.getString("message")));
  }

  @Test
  void aSockJsTokenGuardsBrowserQueries(Vertx vertx) throws Exception {
    start(vertx, Map.of("CONTIMG_GATEWAY_SOCKJS_TOKEN", "dash"));
    SockJsClient client = await(SockJsClient.connect(vertx, httpPort));
    await(client.send(Addresses.INGEST_QUEUE_STATS, new JsonObject(), "without"));
    await().atMost(Duration.ofSeconds(5)).until(() -> !client.received.isEmpty());
    JsonObject refusal = client.received.poll();
    assertThat(refusal.getString("type")).isEqualTo("err");
    assertThat(refusal.getString("body")).isIn("access_denied", "rejected");
    await(
        client.send(
            Addresses.INGEST_QUEUE_STATS,
            new JsonObject(),
            "with",
            new JsonObject().put("token", "dash")));
    await().atMost(Duration.ofSeconds(5)).until(() -> !client.received.isEmpty());
    JsonObject answer = client.received.poll();
    assertThat(answer.getString("address")).isEqualTo("with");
    assertThat(answer.getJsonObject("body").getInteger("total")).isZero();
  }

  @Test
  void aDashboardThatStopsReadingIsDisconnectedInsteadOfGrowingTheServersMemory(Vertx vertx)
      throws Exception {
    start(vertx, Map.of("CONTIMG_GATEWAY_SOCKJS_WRITE_QUEUE_BYTES", "524288"));
    SockJsClient slow = await(SockJsClient.connect(vertx, httpPort));
    SockJsClient healthy = await(SockJsClient.connect(vertx, httpPort));
    await(slow.register(Addresses.EVENTS_QUEUE));
    await(healthy.register(Addresses.EVENTS_QUEUE));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              vertx.eventBus().publish(Addresses.EVENTS_QUEUE, new JsonObject().put("probe", true));
              return !slow.received.isEmpty() && !healthy.received.isEmpty();
            });
    slow.pause();
    healthy.received.clear();
    String padding = "x".repeat(1000);
    int chunk = 200;
    int published = 40_000;
    for (int i = 0; i < published; i++) {
      vertx
          .eventBus()
          .publish(Addresses.EVENTS_QUEUE, new JsonObject().put("n", i).put("padding", padding));
      if (i % chunk == chunk - 1) {
        int sent = i + 1;
        await().atMost(Duration.ofSeconds(10)).until(() -> healthy.received.size() >= sent);
      }
    }
    slow.resume();
    await().atMost(Duration.ofSeconds(30)).until(slow::isClosed);
    assertThat(slow.received.size()).isLessThan(published);
    assertThat(healthy.isClosed()).isFalse();
  }

  @Test
  void readinessTurnsDownWhileADatabaseIsLockedAndUpAgainAfter(Vertx vertx) throws Exception {
    start(vertx, Map.of("CONTIMG_SQLITE_BUSY_TIMEOUT_MS", "200"));
    assertThat(await(http.get("/health/ready")).status()).isEqualTo(200);
    try (Connection other =
            DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve("ingest.sqlite3"));
        Statement statement = other.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      Response down = await(http.get("/health/ready"));
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.body().getString("status")).isEqualTo("DOWN");
      List<String> failing =
          down.body().getJsonArray("checks").stream()
              .map(c -> (JsonObject) c)
              .filter(c -> "DOWN".equals(c.getString("status")))
              .map(c -> c.getString("id"))
              .toList();
      assertThat(failing).containsExactly("ingest");
      statement.execute("ROLLBACK");
    }
    assertThat(await(http.get("/health/ready")).status()).isEqualTo(200);
  }

  @Test
  void readinessIsDownWhenTheDiskIsNearlyFull(Vertx vertx) throws Exception {
    start(vertx, Map.of("CONTIMG_SQLITE_MIN_FREE_DISK_MB", String.valueOf(Integer.MAX_VALUE)));
    Response full = await(http.get("/health/ready"));
    assertThat(full.status()).isEqualTo(503);
    assertThat(full.body().encode()).contains("min_free_disk_mb");
  }

  @Test
  void readinessIsDownWhenAnOwnerIsUndeployed(Vertx vertx) throws Exception {
    start(vertx, Map.of());
    await(vertx.undeploy(deployments.get(0)));
    Response down = await(http.get("/health/ready"));
    assertThat(down.status()).isEqualTo(503);
    assertThat(
            down.body().getJsonArray("checks").stream()
                .map(c -> (JsonObject) c)
                .filter(c -> "DOWN".equals(c.getString("status")))
                .map(c -> c.getString("id"))
                .toList())
        .containsExactly("ingest");
    assertThat(await(http.get("/api/v1/queue")).status())
        .as("requests to the missing owner fail fast")
        .isEqualTo(503);
  }
}
