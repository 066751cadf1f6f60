package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dsa110.contimg.common.testing.HubTest.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dsa110.contimg.common.bridge.BridgeClient;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.HubTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A table of hostile requests over HTTP, the TCP bridge and SockJS: wrong types, NaN and
 * infinities, huge numbers and strings, SQL fragments, path traversal, invalid UTF-8 and
 * percent-escapes, deeply nested JSON, unknown fields and addresses, owner-internal addresses,
 * malformed frames, anonymous reads that once wrote alerts. Each gets the right 4xx or refusal; the
 * content of every table of every database is the same afterwards (not only the row counts); the
 * hub is still ready.
 */
@ExtendWith(VertxExtension.class)
class HostileInputTest {
  private static final String TOKEN = "hostile";

  @TempDir Path stateDir;

  private record HttpCase(
      HttpMethod method, String uri, String token, Buffer body, Set<Integer> expected) {}

  private record BusCase(String address, Object body, int expected) {}

  private static HttpCase get(String uri, int... expected) {
    return new HttpCase(HttpMethod.GET, uri, null, null, statuses(expected));
  }

  private static HttpCase send(
      HttpMethod method, String uri, String token, Buffer body, int... expected) {
    return new HttpCase(method, uri, token, body, statuses(expected));
  }

  private static Set<Integer> statuses(int... expected) {
    Set<Integer> set = new java.util.HashSet<>();
    for (int status : expected) {
      set.add(status);
    }
    return set;
  }

  private static Buffer json(String text) {
    return Buffer.buffer(text);
  }

  private static String table(String startMjd) {
    return "{\"set_name\":\"s\",\"tables\":[{\"path\":\"/p\",\"table_type\":\"K\",\"valid_start_mjd\":"
        + startMjd
        + ",\"valid_end_mjd\":60001}]}";
  }

  @Test
  void everyHostileRequestGetsTheRight4xxAndChangesNothing(Vertx vertx) throws Exception {
    int port = HubHarness.freePort();
    int bridgePort = HubHarness.freePort();
    await(
        Hub.deployAll(
            vertx,
            HubTest.config(
                stateDir,
                Map.of(
                    "CONTIMG_HTTP_PORT",
                    String.valueOf(port),
                    "CONTIMG_BRIDGE_PORT",
                    String.valueOf(bridgePort),
                    "CONTIMG_API_TOKEN",
                    TOKEN,
                    "CONTIMG_BRIDGE_TOKEN",
                    TOKEN))));
    HubTest.request(
        vertx,
        Addresses.INGEST_SUBBAND_ADD,
        new JsonObject().put("file_path", "/d/2025-10-24T12:00:00_sb00.hdf5"));
    Map<String, List<String>> before = snapshot();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);

    StringBuilder nested = new StringBuilder();
    nested.append("[".repeat(20_000)).append("]".repeat(20_000));
    List<HttpCase> http =
        List.of(
            get("/api/v1/queue?limit=-1", 400),
            get("/api/v1/queue?limit=1e99", 400),
            get("/api/v1/queue?limit=99999999999999999999", 400),
            get("/api/v1/queue?state=pending%27%3B%20DROP%20TABLE%20ingest_queue%3B--", 400),
            get("/api/v1/queue?offset=abc", 400),
            get("/api/v1/queue?bogus=1", 400),
            get("/api/v1/queue/..%2F..%2Fetc%2Fpasswd", 404),
            get("/api/v1/queue/%00", 400, 404),
            send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json("{"), 400),
            send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json("[]"), 400),
            send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json("null"), 400),
            send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json("\"a string\""), 400),
            send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json(nested.toString()), 400),
            send(
                HttpMethod.POST,
                "/api/v1/calibration/sets",
                TOKEN,
                Buffer.buffer("x".repeat(10 * 1024 * 1024)),
                413),
            send(
                HttpMethod.POST,
                "/api/v1/calibration/sets",
                TOKEN,
                Buffer.buffer(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}),
                400),
            send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json(table("\"NaN\"")), 400),
            send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json(table("1e308")), 400),
            send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json(table("NaN")), 400),
            send(
                HttpMethod.POST,
                "/api/v1/calibration/sets",
                TOKEN,
                json("{\"set_name\":\"" + "s".repeat(5000) + "\",\"tables\":[]}"),
                400),
            send(
                HttpMethod.POST,
                "/api/v1/calibration/sets",
                TOKEN,
                json("{\"set_name\":\"s\",\"tables\":\"K\"}"),
                400),
            send(
                HttpMethod.POST,
                "/api/v1/calibration/sets",
                TOKEN,
                json("{\"set_name\":\"s\",\"tables\":[],\"__proto__\":{}}"),
                400),
            get("/api/v1/calibration/active?mjd=Infinity", 400),
            get("/api/v1/calibration/active?mjd=NaN", 400),
            get("/api/v1/calibration/coverage?start=1&end=999999", 400),
            get("/api/v1/artifacts?path=..%2F..%2Fetc%2Fpasswd", 404),
            get("/api/v1/catalog/cone?ra=abc&dec=1&radius=1", 400),
            get("/api/v1/catalog/cone?ra=1&dec=1&radius=1e9", 400),
            get("/api/v1/catalog/cone?ra=1%3BDROP&dec=1&radius=1", 400),
            send(
                HttpMethod.PATCH,
                "/api/v1/ese/candidates/abc",
                TOKEN,
                json("{\"status\":\"dismissed\",\"by\":\"x\"}"),
                400),
            send(
                HttpMethod.PATCH,
                "/api/v1/ese/candidates/1",
                TOKEN,
                json("{\"status\":\"dismissed\"}"),
                400),
            send(
                HttpMethod.POST,
                "/api/v1/ese/candidates",
                TOKEN,
                json("{\"source_id\":\"x\"}"),
                400),
            send(HttpMethod.POST, "/api/v1/queue/x/retry", null, null, 401),
            send(HttpMethod.POST, "/api/v1/queue/x/retry", "guess", null, 403),
            send(HttpMethod.DELETE, "/api/v1/queue", TOKEN, null, 404, 405),
            get("/api/v1/images/-5", 400),
            get("/api/v1/images/1.5", 400),
            get("/api/v1/pointing?max_points=0", 400),
            get("/api/v1/variability?sort=loud", 400),
            get("/api/v1/ese/candidates?min_significance=abc", 400),
            get("/api/v1/ms?format=xml", 400),
            get("/api/v1/queue/%zz", 400),
            get("/api/v1/queue?state=%zz", 400),
            get("/api/v1/calibration/active?mjd=1000", 404),
            get("/api/v1/calibration/active?mjd=1000.5&fallback=false", 404),
            get("/api/v1/queue/evil%0D%0A2026-01-01%20ERROR%20forged", 404),
            send(HttpMethod.POST, "/api/v1/queue/x/retry", "", null, 401, 403),
            send(
                HttpMethod.POST,
                "/api/v1/calibration/sets",
                "guess",
                Buffer.buffer("x".repeat(100_000)),
                403));

    // every probe on a connection of its own, as an attacker's would be, so a probe the server
    // answers before reading
    // its body (the 10 MiB 413) cannot leave a half-used connection to the next one; each wait is
    // bounded and names
    // its probe, with the Vert.x threads' stacks if it ever hangs (it did, rarely, before: once in
    // 3-10 runs, 30 s)
    HttpClient client =
        vertx.createHttpClient(
            new io.vertx.core.http.HttpClientOptions()
                .setKeepAlive(false)
                .setConnectTimeout(5_000));
    for (HttpCase c : http) {
      RequestOptions options =
          new RequestOptions()
              .setMethod(c.method())
              .setHost("127.0.0.1")
              .setPort(port)
              .setURI(c.uri())
              .setIdleTimeout(15_000);
      if (c.token() != null) {
        options.putHeader("Authorization", "Bearer " + c.token());
      }
      int[] status = new int[1];
      Buffer body =
          HubTest.await(
              client
                  .request(options)
                  .compose(
                      r ->
                          (c.body() == null ? r.send() : r.send(c.body()))
                              .compose(
                                  response -> {
                                    status[0] = response.statusCode();
                                    return response.body();
                                  })),
              15,
              c.method() + " " + c.uri().substring(0, Math.min(120, c.uri().length())));
      assertThat(c.expected())
          .as(c.method() + " " + c.uri() + " answered " + status[0] + ": " + body)
          .contains(status[0]);
      if (status[0] != 404 || body.length() > 0) {
        assertThat(new JsonObject(body).getInteger("error")).as(c.uri()).isEqualTo(status[0]);
      }
    }
    JsonObject injection =
        await(new HubHarness(vertx, port).get("/api/v1/sources?prefix=%27%20OR%201%3D1--")).body();
    assertThat(injection.getJsonArray("sources")).as("an SQL fragment is only data").isEmpty();

    List<BusCase> bridge =
        List.of(
            new BusCase(Addresses.INGEST_SUBBAND_ADD, new JsonObject(), 400),
            new BusCase(
                Addresses.INGEST_SUBBAND_ADD,
                new JsonObject().put("file_path", "x".repeat(1024 * 1024)),
                400),
            new BusCase(
                Addresses.INGEST_SUBBAND_ADD,
                new JsonObject().put("file_path", "/d/2025-10-24T12:00:00_sb00.hdf5\u0000.txt"),
                400),
            new BusCase(
                Addresses.PRODUCTS_PHOTOMETRY_ADD,
                new JsonObject()
                    .put("image_path", "/i")
                    .put("mjd", 60000)
                    .put(
                        "measurements",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("source_id", "s")
                                    .put("ra_deg", 1)
                                    .put("dec_deg", 1)
                                    .put("peak_jyb", "NaN"))),
                400),
            new BusCase(
                Addresses.PRODUCTS_PHOTOMETRY_ADD,
                new JsonObject()
                    .put("image_path", "/i")
                    .put("mjd", 60000)
                    .put("measurements", "all of them"),
                400),
            new BusCase(
                Addresses.PRODUCTS_PHOTOMETRY_ADD,
                new JsonObject()
                    .put("image_path", "/i")
                    .put("mjd", 1e300)
                    .put("measurements", new JsonArray()),
                400),
            new BusCase(
                Addresses.CAL_ACTIVE_AT,
                new JsonObject().put("mjd", new JsonArray().add(1).add(2)),
                400),
            new BusCase(
                Addresses.PRODUCTS_MS_UPSERT,
                new JsonObject().put("path", "/x").put("stage", "exploded"),
                400),
            new BusCase(
                Addresses.INGEST_GROUP_CLAIM,
                new JsonObject().put("worker", new JsonObject().put("$ne", 1)),
                400),
            new BusCase(
                Addresses.CATALOG_CONE_SEARCH,
                new JsonObject().put("ra_deg", 1).put("dec_deg", 1).put("radius_deg", -0.0001),
                400),
            new BusCase(
                Addresses.PRODUCTS_MOSAIC_ADD,
                new JsonObject()
                    .put("path", "/m")
                    .put("name", "m")
                    .put("start_mjd", 2)
                    .put("end_mjd", 1),
                400),
            new BusCase(
                Addresses.INGEST_GROUP_FAIL,
                new JsonObject().put("group_id", "x").put("error", "y").put("retryable", "maybe"),
                400),
            new BusCase(
                Addresses.PRODUCTS_POINTING_ADD,
                new JsonObject().put("timestamp", -1).put("ra_deg", 1).put("dec_deg", 1),
                400),
            new BusCase(
                Addresses.PRODUCTS_QA_ADD,
                new JsonObject()
                    .put("group_id", "g")
                    .put("name", "n")
                    .put("path", "/p")
                    .put("category", "'; --"),
                400),
            new BusCase(
                Addresses.PRODUCTS_POINTING_ADD,
                new JsonObject().put("timestamp", 1e308).put("ra_deg", 1).put("dec_deg", 1),
                400),
            new BusCase(
                Addresses.PRODUCTS_POINTING_ADD,
                new JsonObject()
                    .put(
                        "samples",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("timestamp", 6e9)
                                    .put("ra_deg", 1)
                                    .put("dec_deg", 1))),
                400));
    BridgeClient pipeline = await(BridgeClient.connect(vertx, bridgePort, TOKEN));
    List<String> failures = new ArrayList<>();
    for (BusCase c : bridge) {
      JsonObject reply =
          await(
              pipeline.request(
                  c.address(), c.body() instanceof JsonObject json ? json : new JsonObject()));
      if (!"err".equals(reply.getString("type"))
          || reply.getInteger("failureCode") != c.expected()) {
        failures.add(c.address() + " " + reply.encode());
      }
    }
    assertThat(failures).isEmpty();
    List<String> outOfReach =
        List.of(
            "nowhere.at.all",
            Addresses.CATALOG_IMPORT,
            Addresses.PRODUCTS_ALERTS_ENQUEUE,
            Addresses.PRODUCTS_ALERTS_RECORD,
            Addresses.PRODUCTS_ALERTS_PENDING,
            Addresses.ALERTS_TEST,
            Addresses.CATALOG_REFERENCES_AMONG,
            "ingest.health.check",
            "products.health.check");
    outOfReach.forEach(
        address ->
            pipeline.request(
                address,
                new JsonObject()
                    .put("path", "/etc/passwd")
                    .put(
                        "alerts",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("source_id", "forged")
                                    .put("alert_type", "system_error")
                                    .put("severity", "critical")
                                    .put("message", "<!channel> forged")))));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                pipeline.received.stream()
                        .filter(f -> "access_denied".equals(f.getString("message")))
                        .count()
                    == outOfReach.size());

    List<String> frames = malformedBridgeFrames(vertx, bridgePort);
    List<String> sockJs = hostileSockJsFrames(vertx, port);

    assertThat(http.size() + bridge.size() + outOfReach.size() + frames.size() + sockJs.size())
        .isGreaterThanOrEqualTo(90);
    Thread.sleep(
        500); // an alert the anonymous calibration lookups raised would have been recorded by now
    assertThat(snapshot()).isEqualTo(before);
    root.detachAppender(logs);
    assertLoggedSafely(logs.list);
    JsonObject ready = await(new HubHarness(vertx, port).get("/health/ready")).body();
    assertThat(ready.getString("status")).isEqualTo("UP");
    assertThat(ready.encode())
        .as("readiness is anonymous: no absolute paths")
        .doesNotContain(stateDir.toString())
        .contains("ingest.sqlite3");
  }

  /**
   * Malformed frames on the TCP bridge, each answered with an err naming what is wrong; the third
   * protocol violation closes the connection; a declared length beyond the limit, or a negative
   * one, is refused from the prefix alone.
   */
  private List<String> malformedBridgeFrames(Vertx vertx, int bridgePort) throws Exception {
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("not json", "invalid_json");
    expected.put("[1,2,3]", "invalid_json");
    expected.put(
        "{\"address\":\"ingest.queue.stats\",\"headers\":{\"token\":\"" + TOKEN + "\"}}",
        "missing_type");
    expected.put("{\"type\":\"teleport\",\"address\":\"ingest.queue.stats\"}", "unknown_type");
    expected.put(
        "{\"type\":\"send\",\"address\":\"ingest.queue.stats\",\"replyAddress\":\"r\",\"headers\":\"a string\"}",
        "invalid_headers");
    expected.put(
        "{\"type\":\"send\",\"address\":\"ingest.queue.stats\",\"replyAddress\":\"r\",\"headers\":{\"token\":\""
            + TOKEN
            + "\",\"timeout\":\"abc\"}}",
        "invalid_headers");
    expected.put(
        "{\"type\":\"send\",\"address\":42,\"headers\":{\"token\":\"" + TOKEN + "\"}}",
        "missing_address");
    expected.put(
        "{\"type\":\"register\",\"address\":\"events.queue\",\"headers\":{\"token\":7}}",
        "invalid_headers");
    List<String> answered = new ArrayList<>();
    for (Map.Entry<String, String> frame : expected.entrySet()) {
      RawBridgeSocket socket = await(RawBridgeSocket.connect(vertx, bridgePort));
      await(socket.frame(frame.getKey()));
      await().atMost(Duration.ofSeconds(5)).until(() -> !socket.received.isEmpty());
      JsonObject answer = socket.received.poll();
      assertThat(answer.getString("type")).as(frame.getKey()).isEqualTo("err");
      assertThat(answer.getString("message")).as(frame.getKey()).isEqualTo(frame.getValue());
      await(socket.frame("{\"type\":\"ping\"}"));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  "pong"
                      .equals(
                          socket.received.stream()
                              .map(f -> f.getString("type"))
                              .findFirst()
                              .orElse(null)));
      answered.add(frame.getValue());
      await(socket.close());
    }
    RawBridgeSocket prober = await(RawBridgeSocket.connect(vertx, bridgePort));
    for (int i = 0; i < 3; i++) {
      await(prober.frame("garbage " + i));
    }
    await().atMost(Duration.ofSeconds(5)).until(prober::isClosed);
    assertThat(prober.received)
        .hasSize(3)
        .allMatch(f -> "invalid_json".equals(f.getString("message")));
    for (int length : new int[] {Integer.MAX_VALUE, -5, 0}) {
      RawBridgeSocket socket = await(RawBridgeSocket.connect(vertx, bridgePort));
      await(socket.raw(Buffer.buffer().appendInt(length).appendString("{\"type\":\"ping\"}")));
      await().atMost(Duration.ofSeconds(5)).until(socket::isClosed);
      assertThat(socket.received)
          .extracting(f -> f.getString("message"))
          .containsExactly(length > 0 ? "frame_too_large" : "invalid_frame_length");
      answered.add("length " + length);
    }
    return answered;
  }

  /**
   * Hostile SockJS frames from an anonymous browser: garbage, wrong types, a publish (browsers may
   * only query), an owner-internal or write address, a calibration lookup that once became an
   * alert. Each is refused or answered.
   */
  private List<String> hostileSockJsFrames(Vertx vertx, int port) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket socket = await(client.connect(port, "localhost", "/eventbus/websocket"));
    java.util.Queue<JsonObject> received = new java.util.concurrent.ConcurrentLinkedQueue<>();
    socket.binaryMessageHandler(bytes -> received.add(new JsonObject(bytes)));
    socket.textMessageHandler(text -> received.add(new JsonObject(text)));
    Map<String, String> refusals = new java.util.LinkedHashMap<>();
    refusals.put(
        "{\"type\":\"publish\",\"address\":\"cal.active.at\",\"body\":{\"mjd\":1000}}",
        "access_denied");
    refusals.put(
        "{\"type\":\"send\",\"address\":\"ingest.subband.add\",\"replyAddress\":\"r1\",\"body\":{}}",
        "access_denied");
    refusals.put(
        "{\"type\":\"send\",\"address\":\"products.alerts.enqueue\",\"replyAddress\":\"r2\",\"body\":{}}",
        "access_denied");
    refusals.put("{\"type\":\"register\",\"address\":\"ingest.queue.stats\"}", "access_denied");
    refusals.put(
        "{\"type\":\"send\",\"address\":\"cal.active.at\",\"replyAddress\":\"r3\",\"headers\":\"x\",\"body\":{}}",
        "invalid_headers");
    refusals.put("{\"type\":9}", "missing_type");
    List<String> answered = new ArrayList<>();
    for (Map.Entry<String, String> frame : refusals.entrySet()) {
      received.clear();
      await(socket.writeTextMessage(frame.getKey()));
      await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
      assertThat(received.peek().getString("body")).as(frame.getKey()).isEqualTo(frame.getValue());
      answered.add(frame.getValue());
    }
    received.clear();
    await(
        socket.writeTextMessage(
            new JsonObject()
                .put("type", "send")
                .put("address", Addresses.CAL_ACTIVE_AT)
                .put("replyAddress", "lookup")
                .put("body", new JsonObject().put("mjd", 1000.25))
                .encode()));
    await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
    assertThat(received.peek().getString("address")).isEqualTo("lookup");
    assertThat(received.peek().getInteger("failureCode")).isEqualTo(404);
    answered.add("anonymous lookup");
    await(socket.close());
    return answered;
  }

  /**
   * Hostile input is logged at INFO at most, never with a stack trace, and rendered with the
   * production pattern (deploy's logback.xml) each event is one line, whatever line breaks the
   * input carried.
   */
  private static void assertLoggedSafely(List<ILoggingEvent> events) throws Exception {
    assertThat(events)
        .filteredOn(
            e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null)
        .extracting(ILoggingEvent::getFormattedMessage)
        .isEmpty();
    String config =
        new String(
            HostileInputTest.class.getResourceAsStream("/logback.xml").readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    PatternLayout production = new PatternLayout();
    production.setContext((ch.qos.logback.core.Context) LoggerFactory.getILoggerFactory());
    production.setPattern(
        config.substring(config.indexOf("<pattern>") + 9, config.indexOf("</pattern>")));
    production.start();
    assertThat(events)
        .as("logged lines")
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertThat(production.doLayout(e).strip())
                    .as(e.getFormattedMessage())
                    .doesNotContain("\n", "\r")
                    .isNotEmpty());
    assertThat(events)
        .extracting(e -> production.doLayout(e))
        .anyMatch(line -> line.contains("evil\\r\\n2026"));
  }

  /**
   * The content of every table of every database (each row as text, sorted), read with connections
   * of their own.
   */
  private Map<String, List<String>> snapshot() throws Exception {
    Map<String, List<String>> content = new TreeMap<>();
    for (String name : Backup.DATABASES) {
      Path file = stateDir.resolve(name);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
        List<String> tables = new ArrayList<>();
        try (ResultSet names =
            c.createStatement()
                .executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
          while (names.next()) {
            tables.add(names.getString(1));
          }
        }
        for (String table : tables) {
          List<String> rows = new ArrayList<>();
          try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              StringBuilder row = new StringBuilder();
              for (int i = 1; i <= columns; i++) {
                row.append(rs.getMetaData().getColumnName(i))
                    .append('=')
                    .append(rs.getString(i))
                    .append(';');
              }
              rows.add(row.toString());
            }
          }
          rows.sort(null);
          content.put(name + "/" + table, rows);
        }
      }
    }
    return content;
  }
}
