package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.common.bridge.BridgeClient;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.HubTest;
import org.dsa110.contimg.common.testing.SockJsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every limit of the edge, each set small so that it shows within a second: connections per
 * listener, header, body, frame and idle timeouts, the body checked after the token and before
 * buffering, the bridge's frame size read from its length prefix, the bytes anonymous frames may
 * hold, write queues, registrations, Origins, the token rules of SockJS, and what goes out
 * (artifacts, CSV, headers).
 */
@ExtendWith(VertxExtension.class)
class EdgeLimitsTest {
  private static final String API = "api-token";
  private static final String BRIDGE = "bridge-token";

  @TempDir Path stateDir;
  private int httpPort;
  private int bridgePort;

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
                API,
                "CONTIMG_BRIDGE_TOKEN",
                BRIDGE));
    env.putAll(extra);
    await(Hub.deployAll(vertx, HubTest.config(stateDir, env)));
  }

  // ------------------------------------------------------------------------------------------------------- HTTP

  @Test
  void aWriteIsRefusedBeforeItsBodyIsReadAndAnOversizedOneFromItsContentLength(Vertx vertx)
      throws Exception {
    start(vertx, Map.of("CONTIMG_HTTP_BODY_LIMIT_BYTES", "4096"));
    long start = System.nanoTime();
    try (RawHttp wrongToken = new RawHttp(httpPort)) {
      wrongToken.send(
          "POST /api/v1/calibration/sets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer guess\r\nContent-Type: application/json\r\n"
              + "Content-Length: 1048576\r\n\r\n{\"set_name\":");
      String answer = wrongToken.readUntilClosed(Duration.ofSeconds(5));
      assertThat(answer).startsWith("HTTP/1.1 403").contains("\"error\":403", "Connection: close");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("answered without waiting for the 1 MiB body")
          .isLessThan(Duration.ofSeconds(3));
    }
    try (RawHttp tooLarge = new RawHttp(httpPort)) {
      tooLarge.send(
          "POST /api/v1/calibration/sets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
              + API
              + "\r\nContent-Length: 10485760\r\n\r\n");
      assertThat(tooLarge.readUntilClosed(Duration.ofSeconds(5)))
          .startsWith("HTTP/1.1 413")
          .contains("larger than 4096 bytes");
    }
  }

  @Test
  void headersAndBodiesMustArriveInTimeAndIdleKeptAliveConnectionsAreClosed(Vertx vertx)
      throws Exception {
    start(
        vertx,
        Map.of("CONTIMG_HTTP_HEADER_TIMEOUT_MS", "500", "CONTIMG_HTTP_BODY_TIMEOUT_MS", "500"));
    try (RawHttp slowloris = new RawHttp(httpPort)) {
      slowloris.send("GET /api/v1/queue HTTP/1.1\r\nHost: x\r\nX-a: ");
      long start = System.nanoTime();
      assertThat(slowloris.readUntilClosed(Duration.ofSeconds(5))).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
    }
    try (RawHttp dripped = new RawHttp(httpPort)) {
      dripped.send(
          "PATCH /api/v1/ese/candidates/1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
              + API
              + "\r\nContent-Length: 100\r\n\r\n{\"st");
      assertThat(dripped.readUntilClosed(Duration.ofSeconds(5)))
          .startsWith("HTTP/1.1 408")
          .contains("did not arrive within 500 ms");
    }
    try (RawHttp keptAlive = new RawHttp(httpPort)) {
      keptAlive.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
      String answers = keptAlive.readUntilClosed(Duration.ofSeconds(5));
      assertThat(answers)
          .as("answered, then closed once no next request came")
          .startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void atTheConnectionCapANewConnectionDisplacesOneWaitingForHeadersOrIsRefused(Vertx vertx)
      throws Exception {
    start(vertx, Map.of("CONTIMG_HTTP_MAX_CONNECTIONS", "4"));
    List<RawHttp> idle = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      idle.add(new RawHttp(httpPort));
    }
    Thread.sleep(200);
    HubHarness.Response served = await(new HubHarness(vertx, httpPort).get("/api/v1/queue/stats"));
    assertThat(served.status()).isEqualTo(200);
    assertThat(idle.get(0).readUntilClosed(Duration.ofSeconds(5)))
        .as("the oldest idle connection made room")
        .isEmpty();
    idle.forEach(RawHttp::close);

    List<RawHttp> streaming = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      RawHttp dashboard = new RawHttp(httpPort);
      dashboard.send(
          "POST /eventbus/1/stream"
              + i
              + "/xhr_streaming HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
      dashboard.readUntil("\r\n\r\n", Duration.ofSeconds(5));
      streaming.add(dashboard);
    }
    try (RawHttp refused = new RawHttp(httpPort)) {
      refused.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(refused.readUntilClosed(Duration.ofSeconds(5)))
          .as("every connection is busy: refused")
          .isEmpty();
    }
    streaming.forEach(RawHttp::close);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> await(new HubHarness(vertx, httpPort).get("/health/live")).status() == 200);
  }

  @Test
  void everyAnswerCarriesTheSecurityHeadersAndWhatGoesOutIsNeutralised(Vertx vertx)
      throws Exception {
    Path dataRoot = Files.createDirectories(stateDir.resolve("data"));
    Files.writeString(
        dataRoot.resolve("plot.html"),
        "<script>alert(sessionStorage.getItem('contimg.token'))</script>");
    Files.writeString(
        dataRoot.resolve("plot.svg"),
        "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
    Files.write(dataRoot.resolve("thumb.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    start(vertx, Map.of("CONTIMG_GATEWAY_DATA_ROOT", dataRoot.toString()));
    HttpClient client =
        vertx.createHttpClient(new HttpClientOptions().setDecompressionSupported(true));
    for (String uri :
        List.of("/api/v1/queue/stats", "/api/v1/queue/nope", "/api/v1/nowhere", "/health/ready")) {
      HttpClientResponse response =
          await(
              client
                  .request(new RequestOptions().setPort(httpPort).setHost("localhost").setURI(uri))
                  .compose(r -> r.send()));
      assertThat(response.getHeader("X-Content-Type-Options")).as(uri).isEqualTo("nosniff");
      assertThat(response.getHeader("Content-Security-Policy"))
          .as(uri)
          .contains("default-src 'self'", "frame-ancestors 'none'");
    }
    for (String file : List.of("plot.html", "plot.svg", "thumb.png")) {
      HttpClientResponse response =
          await(
              client
                  .request(
                      new RequestOptions()
                          .setPort(httpPort)
                          .setHost("localhost")
                          .setURI("/api/v1/artifacts?path=" + dataRoot.resolve(file)))
                  .compose(r -> r.send()));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.getHeader("Content-Security-Policy"))
          .as(file)
          .contains("sandbox", "default-src 'none'");
      assertThat(response.getHeader("Content-Disposition"))
          .as(file)
          .isEqualTo(file.endsWith(".png") ? "inline" : "attachment; filename=\"" + file + "\"");
    }

    BridgeClient pipeline = await(BridgeClient.connect(vertx, bridgePort, BRIDGE));
    for (String path :
        List.of(
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "+cmd|' /C calc'!A0",
            "@SUM(1+1)",
            "-2+3",
            "/data/ok.ms")) {
      JsonObject reply =
          await(
              pipeline.request(
                  Addresses.PRODUCTS_MS_UPSERT,
                  new JsonObject().put("path", path).put("pointing_dec_deg", -30.5)));
      assertThat(reply.getString("type")).as(reply.encode()).isNotEqualTo("err");
    }
    String csv =
        await(
                client
                    .request(
                        new RequestOptions()
                            .setPort(httpPort)
                            .setHost("localhost")
                            .setURI("/api/v1/ms?format=csv"))
                    .compose(r -> r.send().compose(HttpClientResponse::body)))
            .toString();
    assertThat(csv)
        .contains(
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"",
            "'+cmd|' /C calc'!A0",
            "'@SUM(1+1)",
            "'-2+3",
            "\n/data/ok.ms,")
        .contains(",-30.5")
        .doesNotContain(",=", ",+", ",@");
  }

  // ------------------------------------------------------------------------------------------------- TCP bridge

  @Test
  void anonymousFramesShareOneBudgetAndHalfFramesAndSilentConnectionsAreClosed(Vertx vertx)
      throws Exception {
    start(
        vertx,
        Map.of(
            "CONTIMG_BRIDGE_MAX_FRAME_BYTES",
            "32768",
            "CONTIMG_BRIDGE_UNAUTHENTICATED_BUFFER_BYTES",
            "65536",
            "CONTIMG_BRIDGE_FRAME_TIMEOUT_MS",
            "1000",
            "CONTIMG_BRIDGE_IDLE_TIMEOUT_SECONDS",
            "2"));
    List<RawBridgeSocket> hogs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RawBridgeSocket hog = await(RawBridgeSocket.connect(vertx, bridgePort));
      await(hog.raw(Buffer.buffer().appendInt(30_000).appendString("{\"type\":")));
      hogs.add(hog);
    }
    long start = System.nanoTime();
    BridgeClient pipeline = await(BridgeClient.connect(vertx, bridgePort, BRIDGE));
    JsonObject stats = await(pipeline.request(Addresses.INGEST_QUEUE_STATS, new JsonObject()));
    long waitedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(stats.getInteger("total")).isZero();
    assertThat(waitedMs)
        .as(
            "the first frame of a new connection waited for the budget, until the half frames timed out")
        .isLessThan(4000);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> hogs.stream().allMatch(RawBridgeSocket::isClosed));

    RawBridgeSocket silent = await(RawBridgeSocket.connect(vertx, bridgePort));
    RawBridgeSocket pinging = await(RawBridgeSocket.connect(vertx, bridgePort));
    long pinger = vertx.setPeriodic(500, id -> pinging.frame("{\"type\":\"ping\"}"));
    await().atMost(Duration.ofSeconds(6)).until(silent::isClosed);
    assertThat(pinging.isClosed()).isFalse();
    vertx.cancelTimer(pinger);
  }

  @Test
  void atTheBridgesCapTheOldestAnonymousConnectionMakesRoomAndTokenHoldersAreKept(Vertx vertx)
      throws Exception {
    start(vertx, Map.of("CONTIMG_BRIDGE_MAX_CONNECTIONS", "3"));
    List<RawBridgeSocket> anonymous = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      anonymous.add(await(RawBridgeSocket.connect(vertx, bridgePort)));
    }
    Thread.sleep(200);
    List<BridgeClient> pipeline = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      BridgeClient client = await(BridgeClient.connect(vertx, bridgePort, BRIDGE));
      assertThat(
              await(client.request(Addresses.INGEST_QUEUE_STATS, new JsonObject()))
                  .getInteger("total"))
          .isZero();
      pipeline.add(client);
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> anonymous.stream().allMatch(RawBridgeSocket::isClosed));
    RawBridgeSocket late = await(RawBridgeSocket.connect(vertx, bridgePort));
    await().atMost(Duration.ofSeconds(5)).until(late::isClosed);
    assertThat(pipeline).noneMatch(BridgeClient::isClosed);
  }

  @Test
  void oneConsumerPerAddressAtMostSoManyAddressesAndASubscriberThatDoesNotReadIsDropped(Vertx vertx)
      throws Exception {
    start(
        vertx,
        Map.of(
            "CONTIMG_BRIDGE_MAX_REGISTRATIONS", "8", "CONTIMG_BRIDGE_WRITE_QUEUE_BYTES", "65536"));
    BridgeClient client = await(BridgeClient.connect(vertx, bridgePort, BRIDGE));
    for (int i = 0; i < 1000; i++) {
      client.register(Addresses.EVENTS_QUEUE);
    }
    assertThat(
            await(client.request(Addresses.INGEST_QUEUE_STATS, new JsonObject()))
                .getInteger("total"))
        .isZero();
    vertx.eventBus().publish(Addresses.EVENTS_QUEUE, new JsonObject().put("n", 1));
    await().atMost(Duration.ofSeconds(5)).until(() -> !client.received.isEmpty());
    Thread.sleep(300);
    assertThat(client.received).as("1,000 registrations of one address, one delivery").hasSize(1);
    client.received.clear();
    for (int i = 0; i < 8; i++) {
      client.register("events.extra" + i);
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                client.received.stream()
                    .anyMatch(f -> "max_registrations_reached".equals(f.getString("message"))));
    assertThat(client.received)
        .extracting(f -> f.getString("message"))
        .containsExactly("max_registrations_reached");

    RawBridgeSocket reader = await(RawBridgeSocket.connect(vertx, bridgePort));
    RawBridgeSocket stalled = await(RawBridgeSocket.connect(vertx, bridgePort));
    for (RawBridgeSocket subscriber : List.of(reader, stalled)) {
      await(
          subscriber.frame(
              new JsonObject()
                  .put("type", "register")
                  .put("address", Addresses.EVENTS_PRODUCTS)
                  .put("headers", new JsonObject().put("token", BRIDGE))
                  .encode()));
      await(subscriber.frame("{\"type\":\"ping\"}"));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> subscriber.received.stream().anyMatch(f -> "pong".equals(f.getString("type"))));
      subscriber.received.clear();
    }
    stalled.pause();
    String padding = "x".repeat(1000);
    String dropped = "contimg_refusals_total{listener=\"bridge\",reason=\"slow_subscriber\"} 1.0";
    for (int i = 0; i < 40_000; i++) {
      vertx
          .eventBus()
          .publish(Addresses.EVENTS_PRODUCTS, new JsonObject().put("n", i).put("padding", padding));
      if (i % 20
          == 19) { // bursts well inside the write queue, which a reading subscriber drains between
        // them
        int sent = i + 1;
        await()
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(2))
            .atMost(Duration.ofSeconds(10))
            .until(() -> reader.received.size() >= sent);
      }
      if (i % 1000 == 999 && metrics(vertx).contains(dropped)) {
        break;
      }
    }
    assertThat(metrics(vertx)).contains(dropped);
    stalled.resume();
    await().atMost(Duration.ofSeconds(10)).until(stalled::isClosed);
    assertThat(reader.isClosed()).as("a subscriber that reads keeps its connection").isFalse();
  }

  // ------------------------------------------------------------------------------------------------------ SockJS

  @Test
  void sockJsAcceptsItsOwnOriginAndConfiguredOnesOnlyAndItsXhrTransportWorks(Vertx vertx)
      throws Exception {
    start(vertx, Map.of());
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocketConnectOptions evil =
        new WebSocketConnectOptions()
            .setPort(httpPort)
            .setHost("localhost")
            .setURI("/eventbus/websocket")
            .addHeader("Origin", "https://evil.example");
    Throwable refused =
        await(
            client
                .connect(evil)
                .map(connected -> (Throwable) null)
                .recover(Future::succeededFuture));
    assertThat(refused.getMessage()).contains("403");
    WebSocketConnectOptions own =
        new WebSocketConnectOptions()
            .setPort(httpPort)
            .setHost("localhost")
            .setURI("/eventbus/websocket")
            .addHeader("Origin", "http://localhost:" + httpPort);
    WebSocket socket = await(client.connect(own));
    await(socket.close());

    HubHarness http = new HubHarness(vertx, httpPort);
    String session = "/eventbus/123/xhrsession";
    assertThat(xhr(session + "/xhr", "")).endsWith("o\n\r\n0\r\n\r\n");
    String query =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("type", "send")
                    .put("address", Addresses.INGEST_QUEUE_STATS)
                    .put("replyAddress", "via-xhr")
                    .put("body", new JsonObject())
                    .encode())
            .encode();
    assertThat(xhr(session + "/xhr_send", query)).startsWith("HTTP/1.1 204");
    assertThat(xhr(session + "/xhr", ""))
        .startsWith("HTTP/1.1 200")
        .contains("a[", "via-xhr", "total");
    assertThat(await(http.get("/eventbus/123/jsonpsession/jsonp?c=steal")).status())
        .as("JSONP is off")
        .isEqualTo(404);
    JsonObject info = await(http.get("/eventbus/info")).body();
    assertThat(info.getJsonArray("origins")).containsExactly("localhost:" + httpPort);
    assertThat(info.getBoolean("websocket")).isTrue();
  }

  @Test
  void sockJsFollowsTheTokenRulesOfHttpReadsAndCapsItsSockets(Vertx vertx) throws Exception {
    start(
        vertx,
        Map.of(
            "CONTIMG_API_READS_REQUIRE_TOKEN", "true", "CONTIMG_GATEWAY_SOCKJS_MAX_SOCKETS", "2"));
    SockJsClient anonymous = await(SockJsClient.connect(vertx, httpPort));
    await(anonymous.send(Addresses.INGEST_QUEUE_STATS, new JsonObject(), "anon"));
    await(anonymous.register(Addresses.EVENTS_QUEUE));
    await().atMost(Duration.ofSeconds(5)).until(() -> anonymous.received.size() >= 2);
    assertThat(anonymous.received)
        .extracting(f -> f.getString("body"))
        .containsExactly("rejected", "rejected");

    SockJsClient operator = await(SockJsClient.connect(vertx, httpPort));
    await(
        operator.send(
            Addresses.INGEST_QUEUE_STATS,
            new JsonObject(),
            "op",
            new JsonObject().put("token", API)));
    await().atMost(Duration.ofSeconds(5)).until(() -> !operator.received.isEmpty());
    assertThat(operator.received.poll().getJsonObject("body").getInteger("total")).isZero();

    SockJsClient third = await(SockJsClient.connect(vertx, httpPort));
    await().atMost(Duration.ofSeconds(5)).until(third::isClosed);
    assertThat(operator.isClosed()).isFalse();
  }

  private String metrics(Vertx vertx) throws Exception {
    return await(
            vertx
                .createHttpClient()
                .request(
                    new RequestOptions().setPort(httpPort).setHost("localhost").setURI("/metrics"))
                .compose(r -> r.send().compose(HttpClientResponse::body)))
        .toString();
  }

  /**
   * One POST of SockJS's XHR transport, by hand (the XHR polling answer comes when there is
   * something to say).
   */
  private String xhr(String uri, String body) throws Exception {
    try (RawHttp socket = new RawHttp(httpPort)) {
      socket.send(
          "POST "
              + uri
              + " HTTP/1.1\r\nHost: localhost:"
              + httpPort
              + "\r\nConnection: close\r\nContent-Length: "
              + body.getBytes(StandardCharsets.UTF_8).length
              + "\r\n\r\n"
              + body);
      return socket.readUntilClosed(Duration.ofSeconds(10));
    }
  }

  /** A plain socket speaking HTTP/1.1 by hand, as a slow or hostile client does. */
  private static final class RawHttp implements AutoCloseable {
    private final Socket socket;

    RawHttp(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
    }

    void send(String text) throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    /**
     * What the server has sent once {@code marker} is among it (bounded: fails after the timeout).
     */
    String readUntil(String marker, Duration timeout) throws IOException {
      socket.setSoTimeout((int) timeout.toMillis());
      InputStream in = socket.getInputStream();
      StringBuilder text = new StringBuilder();
      byte[] buffer = new byte[1];
      while (!text.toString().contains(marker)) {
        if (in.read(buffer) < 0) {
          throw new AssertionError("closed before " + marker + "; sent: " + text);
        }
        text.append((char) buffer[0]);
      }
      return text.toString();
    }

    /**
     * Everything the server sends until it closes the connection (bounded: fails after the
     * timeout).
     */
    String readUntilClosed(Duration timeout) throws IOException {
      socket.setSoTimeout((int) timeout.toMillis());
      InputStream in = socket.getInputStream();
      StringBuilder text = new StringBuilder();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError(
            "the server kept the connection open for " + timeout + "; it sent: " + text);
      } catch (IOException reset) {
        // a reset is a close too
      }
      return text.toString();
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a socket the server already closed
      }
    }
  }
}
