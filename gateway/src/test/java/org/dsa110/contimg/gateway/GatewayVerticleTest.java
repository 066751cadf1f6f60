package org.dsa110.contimg.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.config;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Owner;
import org.dsa110.contimg.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway on its own, with the owners played by plain bus consumers: what it does when an owner
 * is missing, slow or failing is the gateway's behaviour, whatever the owner's database holds.
 */
@ExtendWith(VertxExtension.class)
class GatewayVerticleTest {
  @TempDir Path stateDir;
  private int port;
  private HttpClient http;

  private void start(Vertx vertx, Map<String, String> extra) throws Exception {
    port = freePort();
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "CONTIMG_HTTP_PORT", String.valueOf(port),
                "CONTIMG_BRIDGE_PORT", String.valueOf(freePort()),
                "CONTIMG_API_TOKEN", "t0ken",
                "CONTIMG_BUS_REQUEST_TIMEOUT_MS", "500",
                "CONTIMG_HTTP_BODY_LIMIT_BYTES", "2048"));
    env.putAll(extra);
    await(
        vertx.deployVerticle(
            new GatewayVerticle(), new DeploymentOptions().setConfig(config(stateDir, env))));
    http = vertx.createHttpClient();
  }

  private JsonObject call(HttpMethod method, String path, Buffer body, int expectedStatus)
      throws Exception {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setPort(port)
            .setHost("localhost")
            .setURI(path)
            .putHeader("Authorization", "Bearer t0ken");
    return await(
        http.request(options)
            .compose(
                request ->
                    (body == null ? request.send() : request.send(body))
                        .compose(
                            response -> {
                              assertThat(response.statusCode()).isEqualTo(expectedStatus);
                              return response.body();
                            }))
            .map(bytes -> bytes.length() == 0 ? new JsonObject() : new JsonObject(bytes)));
  }

  @Test
  void readinessIsDownWhileAnOwnerDoesNotAnswerAndUpWhenItDoes(Vertx vertx) throws Exception {
    start(vertx, Map.of("CONTIMG_GATEWAY_READY_OWNERS", "ingest,alerts"));
    vertx
        .eventBus()
        .consumer(
            Addresses.health(Owner.ALERTS), m -> m.reply(new JsonObject().put("owner", "alerts")));
    JsonObject down = call(HttpMethod.GET, "/health/ready", null, 503);
    assertThat(down.getString("status")).isEqualTo("DOWN");

    vertx
        .eventBus()
        .consumer(
            Addresses.health(Owner.INGEST), m -> m.reply(new JsonObject().put("writable", true)));
    JsonObject up = call(HttpMethod.GET, "/health/ready", null, 200);
    assertThat(up.getString("status")).isEqualTo("UP");
  }

  @Test
  void anOwnerThatIsAbsentOrSilentIsA503AndItsFailureCodeBecomesTheStatus(Vertx vertx)
      throws Exception {
    start(vertx, Map.of());
    JsonObject absent = call(HttpMethod.GET, "/api/v1/queue/stats", null, 503);
    assertThat(absent.getInteger("error")).isEqualTo(503);

    vertx.eventBus().consumer(Addresses.INGEST_QUEUE_STATS, message -> {});
    JsonObject silent = call(HttpMethod.GET, "/api/v1/queue/stats", null, 503);
    assertThat(silent.getString("message")).contains("in time");

    vertx
        .eventBus()
        .consumer(Addresses.INGEST_GROUP_GET, message -> message.fail(409, "group g cannot move"));
    JsonObject conflict = call(HttpMethod.GET, "/api/v1/queue/g", null, 409);
    assertThat(conflict.getString("message")).isEqualTo("group g cannot move");
  }

  @Test
  void queryParametersReachTheOwnerAsFieldsOfTheirDeclaredTypes(Vertx vertx) throws Exception {
    start(vertx, Map.of());
    vertx
        .eventBus()
        .<JsonObject>consumer(
            Addresses.INGEST_QUEUE_LIST, message -> message.reply(message.body()));
    JsonObject echoed =
        call(HttpMethod.GET, "/api/v1/queue?state=pending&limit=5&has_calibrator=1", null, 200);
    assertThat(echoed.getMap())
        .containsEntry("state", "pending")
        .containsEntry("limit", 5)
        .containsEntry("has_calibrator", true);
  }

  @Test
  void theContractRefusesBeforeTheOwnerIsAsked(Vertx vertx) throws Exception {
    start(vertx, Map.of());
    vertx
        .eventBus()
        .<JsonObject>consumer(
            Addresses.INGEST_QUEUE_LIST, message -> message.fail(500, "the owner was asked"));
    assertThat(call(HttpMethod.GET, "/api/v1/queue?state=lost", null, 400).getString("message"))
        .isEqualTo(
            "state: must be one of collecting, pending, in_progress, completed, failed, got 'lost'");
    assertThat(call(HttpMethod.GET, "/api/v1/queue?limit=501", null, 400).getString("message"))
        .startsWith("limit: ");
    assertThat(call(HttpMethod.GET, "/api/v1/queue?limit=many", null, 400).getString("message"))
        .isEqualTo("limit: must be an integer, got 'many'");
    assertThat(call(HttpMethod.GET, "/api/v1/queue?format=xml", null, 400).getString("message"))
        .startsWith("format: ");
    assertThat(call(HttpMethod.GET, "/api/v1/queue?colour=red", null, 400).getString("message"))
        .isEqualTo(
            "colour: not a parameter of this operation, which takes state, has_calibrator, limit, offset, format");
  }

  @Test
  void aBodyIsRefusedAtTheFieldThatIsWrong(Vertx vertx) throws Exception {
    start(vertx, Map.of());
    assertThat(
            call(
                    HttpMethod.PATCH,
                    "/api/v1/ese/candidates/7",
                    Buffer.buffer("{\"status\":\"maybe\",\"by\":\"a\"}"),
                    400)
                .getString("message"))
        .as("a declared field with a wrong value is not also 'undeclared'")
        .isEqualTo("status: must be one of active, investigated, dismissed");
    assertThat(
            call(
                    HttpMethod.POST,
                    "/api/v1/calibration/sets",
                    Buffer.buffer(
                        "{\"set_name\":\"s\",\"tables\":[{\"path\":\"/a\",\"table_type\":\"K\",\"valid_start_mjd\":1,\"colour\":2}]}"),
                    400)
                .getString("message"))
        .isEqualTo("tables[0].colour: not a field of this operation");
    assertThat(
            call(
                    HttpMethod.POST,
                    "/api/v1/calibration/sets",
                    Buffer.buffer("{\"set_name\":\"s\",\"tables\":[{\"path\":\"/a\"}]}"),
                    400)
                .getString("message"))
        .startsWith("tables[0].");
  }

  @Test
  void anUndeclaredParameterIsRefusedOnEveryOperationOfTheContract(Vertx vertx) throws Exception {
    start(vertx, Map.of());
    assertThat(
            call(HttpMethod.GET, "/api/v1/artifacts?path=a.png&colour=red", null, 400)
                .getString("message"))
        .isEqualTo("colour: not a parameter of this operation, which takes path");
    assertThat(
            call(HttpMethod.GET, "/api/v1/queue/stats?verbose=1", null, 400).getString("message"))
        .isEqualTo("verbose: this operation takes no query parameters");
  }

  @Test
  void aBodyOnAWriteThatTakesNoneIsRefused(Vertx vertx) throws Exception {
    start(vertx, Map.of());
    vertx
        .eventBus()
        .<JsonObject>consumer(
            Addresses.INGEST_GROUP_RETRY, message -> message.fail(500, "the owner was asked"));
    assertThat(
            call(
                    HttpMethod.POST,
                    "/api/v1/queue/g/retry",
                    Buffer.buffer("{\"state\":\"pending\"}"),
                    400)
                .getString("message"))
        .isEqualTo("body: this operation takes no body");
  }

  @Test
  void anOversizedBodyIs413(Vertx vertx) throws Exception {
    start(vertx, Map.of());
    JsonObject tooLarge =
        call(HttpMethod.POST, "/api/v1/queue/g/retry", Buffer.buffer("x".repeat(10_000)), 413);
    assertThat(tooLarge.getString("message")).contains("2048");
  }

  @Test
  void aBridgeOffLoopbackWithoutATokenIsRefusedAtStart(Vertx vertx) {
    assertThatThrownBy(() -> start(vertx, Map.of("CONTIMG_BRIDGE_HOST", "0.0.0.0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CONTIMG_BRIDGE_TOKEN");
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
