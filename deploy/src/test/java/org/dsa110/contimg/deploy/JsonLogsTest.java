package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTIMG_LOG_FORMAT=json, as a log shipper reads it: every line of the hub's output is one JSON
 * object, and a request's lines carry its request_id (and the owner's line the bus address and
 * status) as fields.
 */
class JsonLogsTest {
  @TempDir Path dir;

  @Test
  void everyLineIsJsonAndARequestsLinesCarryItsIdAsAField() throws Exception {
    int http = HubHarness.freePort();
    Path log = dir.resolve("hub.log");
    // the hub's own logback.xml, not the tests' logback-test.xml the classpath also holds
    try (ChildHub hub =
        ChildHub.start(
            log,
            List.of("-Xmx256m", "-Dlogback.configurationFile=logback.xml"),
            Map.of(
                "CONTIMG_STATE_DIR",
                dir.resolve("state").toString(),
                "CONTIMG_HTTP_PORT",
                String.valueOf(http),
                "CONTIMG_BRIDGE_PORT",
                String.valueOf(HubHarness.freePort()),
                "CONTIMG_LOG_FORMAT",
                "json"))) {
      hub.awaitPort(http, Duration.ofSeconds(60));
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + http + "/api/v1/queue/nope"))
                      .header("X-Request-Id", "trace-42")
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(404);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Files.readString(log).contains("RequestLog"));
    }
    List<JsonObject> lines =
        Files.readAllLines(log).stream()
            .filter(line -> !line.isBlank())
            .map(JsonObject::new)
            .toList();
    assertThat(lines)
        .isNotEmpty()
        .allMatch(line -> line.containsKey("level") && line.containsKey("formattedMessage"));
    assertThat(lines)
        .filteredOn(line -> !"INFO".equals(line.getString("level")))
        .extracting(line -> line.getString("formattedMessage"))
        .as("a start without a bridge token warns of that, and of nothing else")
        .singleElement()
        .asString()
        .startsWith("the TCP bridge has no token");
    assertThat(fields(lines, "org.dsa110.contimg.gateway.RequestLog"))
        .containsEntry("request_id", "trace-42")
        .containsEntry("status", "404")
        .containsEntry("path", "/api/v1/queue/nope");
    assertThat(fields(lines, "org.dsa110.contimg.common.bus.BusReplies"))
        .containsEntry("request_id", "trace-42")
        .containsEntry("address", "ingest.group.get")
        .containsEntry("status", "404");
  }

  /** The key-value fields of the first line the logger wrote. */
  private static Map<String, Object> fields(List<JsonObject> lines, String logger) {
    JsonObject line =
        lines.stream()
            .filter(l -> logger.equals(l.getString("loggerName")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no line from " + logger));
    JsonObject merged = new JsonObject();
    line.getJsonArray("kvpList", new JsonArray())
        .forEach(pair -> merged.mergeIn((JsonObject) pair));
    return merged.getMap();
  }
}
