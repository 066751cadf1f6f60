package org.dsa110.contimg.bench;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.dsa110.contimg.common.bus.Addresses;

/**
 * The ingest queue's whole cycle (16 subbands, claim, complete) per group against the same cycle as
 * plain JDBC on one thread, queue statistics over HTTP under 50 connections, the fan-out of events
 * to 1,000 SockJS dashboards, and the JVM's peak resident memory.
 */
final class PipelineBench {
  private static final int GROUPS = 500;
  private static final int STATS_REQUESTS = 20_000;
  private static final int DASHBOARDS = 1_000;
  private static final int EVENTS = 100;

  /** Ten events a second: a busy night's rate of queue transitions is well below one a second. */
  private static final int EVENT_INTERVAL_MS = 100;

  private PipelineBench() {}

  static void run(BenchHub hub, BenchTable table) throws Exception {
    EventBus bus = hub.vertx.eventBus();
    LocalDateTime night = LocalDateTime.of(2025, 10, 24, 0, 0);
    Figures rawFull =
        RawIngestCycle.run(hub.stateDir.resolve("raw-ingest-full.sqlite3"), "FULL", GROUPS);
    table.add(rawFull);
    table.add(
        RawIngestCycle.run(hub.stateDir.resolve("raw-ingest-normal.sqlite3"), "NORMAL", GROUPS));
    table.add(
        LoadRunner.run(
                "group cycle: 16 × ingest.subband.add one after another, claim, complete (bus, 4 workers, FULL)",
                "groups",
                GROUPS,
                4,
                i -> cycle(bus, night.plusMinutes(5L * i).toString() + ":00", "worker-" + i, false))
            .await(),
        rawFull);
    LocalDateTime later = night.plusDays(30);
    table.add(
        LoadRunner.run(
                "group cycle: 16 × ingest.subband.add at once, claim, complete (bus, 4 workers, FULL)",
                "groups",
                GROUPS,
                4,
                i -> cycle(bus, later.plusMinutes(5L * i).toString() + ":00", "worker-" + i, true))
            .await(),
        rawFull);

    HttpClient http = hub.vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(50));
    table.add(
        LoadRunner.run(
                "GET /api/v1/queue/stats (50 connections)",
                "req",
                STATS_REQUESTS,
                50,
                i ->
                    http.request(HttpMethod.GET, hub.httpPort, "127.0.0.1", "/api/v1/queue/stats")
                        .compose(r -> r.send().compose(CalibrationBench::okBody)))
            .await());
    http.close().await();

    table.add(fanOut(hub));
    table.add(
        new Figures(
            "peak resident memory of this JVM (hub and load generators)",
            peakRssMb(),
            Double.NaN,
            Double.NaN,
            Double.NaN,
            "MiB"));
  }

  /**
   * One group's cycle; its sixteen subbands one after another, or all sent at once (as a watcher
   * finding them together would).
   */
  private static Future<Object> cycle(EventBus bus, String group, String worker, boolean atOnce) {
    Future<Object> added = Future.succeededFuture();
    List<Future<?>> all = new ArrayList<>();
    for (int sb = 0; sb < 16; sb++) {
      String path = String.format("/bench/%s_sb%02d.hdf5", group, sb);
      if (atOnce) {
        all.add(bus.request(Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", path)));
      } else {
        added =
            added.compose(
                done ->
                    bus.request(
                            Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", path))
                        .map(m -> null));
      }
    }
    if (atOnce) {
      added = Future.all(all).map(done -> null);
    }
    return added
        .compose(
            done ->
                bus.<JsonObject>request(
                    Addresses.INGEST_GROUP_CLAIM, new JsonObject().put("worker", worker)))
        .map(Message::body)
        .compose(
            claim ->
                claim.getBoolean("claimed")
                    ? bus.request(
                            Addresses.INGEST_GROUP_COMPLETE,
                            new JsonObject()
                                .put("group_id", claim.getJsonObject("group").getString("group_id"))
                                .put("worker", worker))
                        .map(m -> null)
                    : Future.succeededFuture());
  }

  /**
   * 1,000 WebSocket dashboards on /eventbus, pinging every 5 s as the official client does (the
   * bridge drops a silent socket); each event carries its publish time; latency = arrival -
   * publish.
   */
  private static Figures fanOut(BenchHub hub) throws Exception {
    // the client's default allows only a few WebSockets per server; a thousand dashboards need room
    // for all
    WebSocketClient client =
        hub.vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(DASHBOARDS));
    List<WebSocket> sockets = new ArrayList<>();
    long[] latencies = new long[DASHBOARDS * EVENTS];
    AtomicInteger arrived = new AtomicInteger();
    List<Future<WebSocket>> connecting = new ArrayList<>();
    for (int d = 0; d < DASHBOARDS; d++) {
      connecting.add(client.connect(hub.httpPort, "127.0.0.1", "/eventbus/websocket"));
    }
    for (Future<WebSocket> connected : connecting) {
      WebSocket socket = connected.await();
      socket.binaryMessageHandler(
          frame -> {
            JsonObject body = new JsonObject(frame).getJsonObject("body");
            if (body != null && body.containsKey("bench_sent")) {
              int index = arrived.getAndIncrement();
              if (index < latencies.length) {
                latencies[index] = System.nanoTime() - body.getLong("bench_sent");
              }
            }
          });
      socket
          .writeTextMessage(
              new JsonObject()
                  .put("type", "register")
                  .put("address", Addresses.EVENTS_QUEUE)
                  .encode())
          .await();
      sockets.add(socket);
    }
    String ping = new JsonObject().put("type", "ping").encode();
    long pinger =
        hub.vertx.setPeriodic(
            0, 5_000, id -> sockets.forEach(socket -> socket.writeTextMessage(ping)));
    Thread.sleep(2000);
    long begin = System.nanoTime();
    for (int e = 0; e < EVENTS; e++) {
      hub.vertx
          .eventBus()
          .publish(
              Addresses.EVENTS_QUEUE,
              new JsonObject().put("bench_sent", System.nanoTime()).put("n", e));
      Thread.sleep(EVENT_INTERVAL_MS);
    }
    long deadline = System.currentTimeMillis() + 60_000;
    while (arrived.get() < latencies.length && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    hub.vertx.cancelTimer(pinger);
    double seconds = (System.nanoTime() - begin) / 1e9;
    long[] measured = java.util.Arrays.copyOf(latencies, Math.min(arrived.get(), latencies.length));
    for (WebSocket socket : sockets) {
      socket.close();
    }
    client.close().await();
    return Figures.of(
        String.format(
            "SockJS fan-out: %d events at %d/s to %d dashboards (%d deliveries)",
            EVENTS, 1000 / EVENT_INTERVAL_MS, DASHBOARDS, measured.length),
        measured,
        seconds,
        "deliveries");
  }

  private static long peakRssMb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }
}
