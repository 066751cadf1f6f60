package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.dsa110.contimg.common.bridge.BridgeClient;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.SockJsClient;
import org.dsa110.contimg.deploy.HubHarness.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three JVMs on loopback joined by the Hazelcast event bus: the owners in one, a gateway in each of
 * the others. A subband sent through one gateway lands in the owner, its event reaches the
 * dashboards of both gateways; with the owners' JVM killed the gateway answers 503 quickly, and
 * when it comes back the hub recovers with nothing acknowledged lost. A second owner of the same
 * role is refused.
 */
@ExtendWith(VertxExtension.class)
class ClusterTest {
  private static final String TOKEN = "cluster";
  private static final String GROUP = "2025-10-24T12:00:00";

  @TempDir Path dir;

  private Map<String, String> env(
      int clusterPort, String members, String state, Map<String, String> extra) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "CONTIMG_STATE_DIR",
                dir.resolve(state).toString(),
                "CONTIMG_CLUSTER_PORT",
                String.valueOf(clusterPort),
                "CONTIMG_CLUSTER_MEMBERS",
                members,
                "CONTIMG_BUS_REQUEST_TIMEOUT_MS",
                "3000",
                "CONTIMG_BRIDGE_TOKEN",
                TOKEN,
                "CONTIMG_GATEWAY_READY_OWNERS",
                "ingest"));
    env.putAll(extra);
    return env;
  }

  private static void awaitLog(Path log, String text, ChildHub hub) throws IOException {
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                if (!hub.process().isAlive()) {
                  throw new IllegalStateException("exited: " + Files.readString(log));
                }
                return Files.exists(log) && Files.readString(log).contains(text);
              });
    } catch (ConditionTimeoutException e) {
      String said = Files.exists(log) ? Files.readString(log) : "(no log)";
      throw new AssertionError(
          log.getFileName()
              + " did not say '"
              + text
              + "' within 90 s; it says:\n"
              + said.substring(Math.max(0, said.length() - 6000)),
          e);
    }
  }

  @Test
  void gatewaysAndOwnersInSeparateJvmsShareOneHub(Vertx vertx) throws Exception {
    int pB = HubHarness.freePort();
    int pA = HubHarness.freePort();
    int pC = HubHarness.freePort();
    int pD = HubHarness.freePort();
    String members =
        String.join(
            ",", "127.0.0.1:" + pB, "127.0.0.1:" + pA, "127.0.0.1:" + pC, "127.0.0.1:" + pD);
    int httpA = HubHarness.freePort();
    int httpC = HubHarness.freePort();
    int bridgeA = HubHarness.freePort();
    int httpB = HubHarness.freePort();
    Map<String, String> owners =
        env(pB, members, "b", Map.of("CONTIMG_HTTP_PORT", String.valueOf(httpB)));
    Map<String, String> gatewayA =
        env(
            pA,
            members,
            "a",
            Map.of(
                "CONTIMG_HTTP_PORT",
                String.valueOf(httpA),
                "CONTIMG_BRIDGE_PORT",
                String.valueOf(bridgeA)));
    Map<String, String> gatewayC =
        env(
            pC,
            members,
            "c",
            Map.of(
                "CONTIMG_HTTP_PORT",
                String.valueOf(httpC),
                "CONTIMG_BRIDGE_PORT",
                String.valueOf(HubHarness.freePort())));
    String[] ownerRoles = {"--cluster", "--verticles", "ingest,calibration,products,catalog"};

    ChildHub b = ChildHub.start(dir.resolve("b.log"), owners, ownerRoles);
    try (ChildHub a =
            ChildHub.start(dir.resolve("a.log"), gatewayA, "--cluster", "--verticles", "gateway");
        ChildHub c =
            ChildHub.start(dir.resolve("c.log"), gatewayC, "--cluster", "--verticles", "gateway")) {
      awaitLog(dir.resolve("b.log"), "contimg-hub running", b);
      a.awaitPort(httpA, Duration.ofSeconds(90));
      c.awaitPort(httpC, Duration.ofSeconds(90));
      HubHarness httpOfA = new HubHarness(vertx, httpA);
      HubHarness ownersNode = new HubHarness(vertx, httpB);
      assertThat(await(ownersNode.get("/health/live")).status())
          .as("a node of owners only can be probed")
          .isEqualTo(200);
      String scraped =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://127.0.0.1:" + httpB + "/metrics"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(scraped)
          .as("and scraped")
          .contains("vertx_eventbus_", "jvm_memory_used_bytes", "contimg_build{");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> await(httpOfA.get("/health/ready")).status() == 200);

      SockJsClient dashboardA = await(SockJsClient.connect(vertx, httpA));
      SockJsClient dashboardC = await(SockJsClient.connect(vertx, httpC));
      await(dashboardA.register(Addresses.EVENTS_QUEUE));
      await(dashboardC.register(Addresses.EVENTS_QUEUE));
      BridgeClient pipeline = await(BridgeClient.connect(vertx, bridgeA, TOKEN));
      int[] probe = {0};
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                await(
                    pipeline.request(
                        Addresses.INGEST_SUBBAND_ADD,
                        new JsonObject()
                            .put(
                                "file_path",
                                String.format(
                                    "/probe/2025-10-23T%02d:00:00_sb00.hdf5", probe[0]++ % 24))));
                return !dashboardA.received.isEmpty() && !dashboardC.received.isEmpty();
              });

      for (int sb = 0; sb < 16; sb++) {
        JsonObject added =
            await(
                pipeline.request(
                    Addresses.INGEST_SUBBAND_ADD,
                    new JsonObject()
                        .put("file_path", String.format("/data/%s_sb%02d.hdf5", GROUP, sb))));
        assertThat(added.getString("group_id")).isEqualTo(GROUP);
      }
      for (SockJsClient dashboard : new SockJsClient[] {dashboardA, dashboardC}) {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    dashboard.received.stream()
                        .anyMatch(
                            f ->
                                f.getJsonObject("body") != null
                                    && GROUP.equals(f.getJsonObject("body").getString("group_id"))
                                    && "pending".equals(f.getJsonObject("body").getString("to"))));
      }
      assertThat(
              await(new HubHarness(vertx, httpC).get("/api/v1/queue/" + GROUP))
                  .body()
                  .getString("state"))
          .isEqualTo("pending");

      ChildHub second =
          ChildHub.start(
              dir.resolve("d.log"),
              env(
                  pD,
                  members,
                  "d",
                  Map.of("CONTIMG_HTTP_PORT", String.valueOf(HubHarness.freePort()))),
              "--cluster",
              "--verticles",
              "ingest");
      assertThat(second.process().waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(second.process().exitValue()).isEqualTo(2);
      assertThat(Files.readString(dir.resolve("d.log"))).contains("the ingest owner already runs");

      b.kill();
      long start = System.nanoTime();
      Response down = await(httpOfA.get("/api/v1/queue/" + GROUP));
      assertThat(down.status()).isEqualTo(503);
      assertThat((System.nanoTime() - start) / 1e9)
          .as("fails fast, within the bus timeout")
          .isLessThan(6.0);

      b = ChildHub.start(dir.resolve("b2.log"), owners, ownerRoles);
      awaitLog(dir.resolve("b2.log"), "contimg-hub running", b);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> await(httpOfA.get("/api/v1/queue/" + GROUP)).status() == 200);
      Response back = await(httpOfA.get("/api/v1/queue/" + GROUP));
      assertThat(back.body().getString("state")).isEqualTo("pending");
      assertThat(back.body().getInteger("subbands")).isEqualTo(16);
    } finally {
      b.close();
    }
  }
}
