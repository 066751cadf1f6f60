package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dsa110.contimg.common.bridge.BridgeClient;
import org.dsa110.contimg.common.bus.Addresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub in a JVM of its own (256 MiB of heap, and exit on OutOfMemoryError, so running out cannot
 * pass unseen), with its default limits, while 2,000 anonymous connections misbehave at once:
 * writes with a wrong token declaring 1 MiB bodies, slowloris headers, bridge frames declared at
 * the maximum and dripped, bridge frames declared at 2 GiB, dashboards that subscribe and never
 * read. Each one the hub closes is replaced (at most 400 new ones a second), so the attack holds.
 * Meanwhile a pipeline service keeps writing through the bridge (a subband every 100 ms, a
 * 2,000-row photometry batch every 2 s) and a probe reads /health/ready. Every write must be
 * acknowledged, the hub's heap (sampled by jstat) must stay bounded, and when the attacker leaves
 * the hub must answer within a second. The figures are printed for RELIABILITY.md.
 */
@ExtendWith(VertxExtension.class)
class AbuseTest {
  private static final int SECONDS = Integer.getInteger("contimg.abuse.seconds", 30);
  private static final String API = "abuse-api";
  private static final String BRIDGE = "abuse-bridge";

  /**
   * Heap a collection of the old generation cannot free, MiB (G1 lets garbage fill the rest of -Xmx
   * before it collects). Measured: 60-100 MiB while the attack holds, 118 MiB at most as it starts;
   * 15 MiB at rest.
   */
  private static final long HEAP_BOUND_MIB = 160;

  /**
   * The attack aims at 2,000 connections at once, but the hub answers and closes each wrong-token
   * write as soon as it arrives, so those never accumulate: measured 1,645-1,911 open or opening at
   * once on two shared cores, 1,493 on the project's CI machine, where the attacker shares the
   * cores with the build. The test holds the attack until at least 1,200 were, most of the 1,400
   * slowloris, dripping-bridge and silent-dashboard connections of its target, which the hub cannot
   * close the moment they arrive.
   */
  private static final int INTENDED_AT_ONCE = 1200;

  @TempDir Path stateDir;

  private enum Kind {
    WRONG_TOKEN_BODY,
    SLOWLORIS,
    BRIDGE_DRIP,
    BRIDGE_HUGE,
    SILENT_DASHBOARD
  }

  private static final Map<Kind, Integer> TARGETS =
      Map.of(
          Kind.WRONG_TOKEN_BODY,
          500,
          Kind.SLOWLORIS,
          500,
          Kind.BRIDGE_DRIP,
          400,
          Kind.BRIDGE_HUGE,
          100,
          Kind.SILENT_DASHBOARD,
          500);

  @Test
  void twoThousandMisbehavingConnectionsNeitherExhaustTheHeapNorStopThePipeline(Vertx vertx)
      throws Exception {
    int httpPort = HubHarness.freePort();
    int bridgePort = HubHarness.freePort();
    Map<String, String> env =
        Map.of(
            "CONTIMG_STATE_DIR",
            stateDir.toString(),
            "CONTIMG_HTTP_PORT",
            String.valueOf(httpPort),
            "CONTIMG_BRIDGE_PORT",
            String.valueOf(bridgePort),
            "CONTIMG_API_TOKEN",
            API,
            "CONTIMG_BRIDGE_TOKEN",
            BRIDGE,
            "CONTIMG_GATEWAY_READY_OWNERS",
            "ingest,products");
    Path log = Path.of("target", "abuse-hub.log").toAbsolutePath();
    Path gcLog = Path.of("target", "abuse-gc.log").toAbsolutePath();
    java.nio.file.Files.deleteIfExists(log);
    java.nio.file.Files.deleteIfExists(gcLog);
    try (ChildHub hub =
        ChildHub.start(
            log,
            List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog),
            env,
            "--verticles",
            "ingest,products,gateway")) {
      hub.awaitPort(bridgePort, Duration.ofSeconds(60));
      hub.awaitPort(httpPort, Duration.ofSeconds(60));
      HeapSampler heap = HeapSampler.start(hub.process().pid());
      long restingMib = heap.awaitFirstMib();

      Pipeline pipeline =
          new Pipeline(vertx, await(BridgeClient.connect(vertx, bridgePort, BRIDGE)));
      Attacker attacker = new Attacker(vertx, httpPort, bridgePort);
      HealthProbe probe = new HealthProbe(vertx, httpPort);
      pipeline.start();
      probe.start();
      attacker.start();
      long attackStarted = System.nanoTime();
      Thread.sleep(SECONDS * 1000L);
      // on a loaded machine the attacker's own refill can lag the hub's closing:
      // the attack goes on until it has reached its intended size, for at most another 30 s, so the
      // test always
      // measures the hub under the attack it claims rather than a weaker one
      long extendedUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (attacker.peakOpen.get() < INTENDED_AT_ONCE && System.nanoTime() < extendedUntil) {
        Thread.sleep(100);
      }
      long attackSeconds = Duration.ofNanos(System.nanoTime() - attackStarted).toSeconds();
      attacker.stop();
      long left = System.nanoTime();
      long recoveredMs = probe.firstAnswerAfter(left);
      probe.stop();
      pipeline.stop();
      await(pipeline.drained());
      long peakMib = heap.stop();
      long retainedMib = GcLog.maxRetainedMib(gcLog);
      long afterAttackMib = collectedAfterAttack(hub.process().pid(), gcLog);

      assertThat(hub.process().isAlive())
          .as("the hub survived (it exits on OutOfMemoryError)")
          .isTrue();
      System.out.printf(
          "abuse %d s: %d anonymous connections opened (%d at once), %d closed by the hub; pipeline: %d subbands and %d photometry "
              + "batches of 2000 rows acknowledged, %d failed, write p50 %d ms, p99 %d ms; /health/live during the attack: %d of %d answered, "
              + "p50 %d ms (failures %s); heap at rest %d MiB, peak in use %d MiB, at most %d MiB left by old-generation collections "
              + "(bound %d, -Xmx256m), %d MiB after a full collection once the attacker left; "
              + "answered %d ms after the attacker left%n",
          attackSeconds,
          attacker.opened.get(),
          attacker.peakOpen.get(),
          attacker.closedByHub.get(),
          pipeline.subbands.get(),
          pipeline.batches.get(),
          pipeline.failures.size(),
          pipeline.percentile(0.5),
          pipeline.percentile(0.99),
          probe.ok.get(),
          probe.asked.get(),
          probe.medianMs(),
          probe.failures,
          restingMib,
          peakMib,
          retainedMib,
          HEAP_BOUND_MIB,
          afterAttackMib,
          recoveredMs);
      assertThat(attacker.peakOpen.get())
          .as("the attack had 1,200 connections open or opening at once")
          .isGreaterThanOrEqualTo(INTENDED_AT_ONCE);
      assertThat(pipeline.failures).as("every pipeline write acknowledged").isEmpty();
      assertThat(pipeline.subbands.get()).isGreaterThan(SECONDS * 5);
      assertThat(pipeline.batches.get()).isGreaterThanOrEqualTo(SECONDS / 4);
      assertThat(retainedMib)
          .as("heap a collection could not free during the attack, MiB")
          .isBetween(0L, HEAP_BOUND_MIB);
      assertThat(afterAttackMib)
          .as("heap in use after a full collection once the attacker left, MiB")
          .isLessThan(restingMib + 32);
      assertThat(recoveredMs)
          .as("ms until /health/ready answers after the attacker left")
          .isLessThan(1000);
      assertThat(probe.ok.get())
          .as("the gateway kept answering during the attack")
          .isGreaterThan(probe.asked.get() / 4);
    }
  }

  /**
   * Asks the hub's JVM for a full collection (jcmd GC.run) and reads what it left in use from the
   * GC log.
   */
  private static long collectedAfterAttack(long pid, Path gcLog) throws Exception {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid),
                "GC.run")
            .redirectErrorStream(true)
            .start();
    assertThat(jcmd.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
        .as("jcmd GC.run within 30 s")
        .isTrue();
    Thread.sleep(500);
    return GcLog.lastRetainedMib(gcLog);
  }

  /** A pipeline service writing through the bridge as the telescope does, only faster. */
  private static final class Pipeline {
    private final Vertx vertx;
    private final BridgeClient client;
    private final List<Future<?>> writes = new CopyOnWriteArrayList<>();
    private final List<Long> latencies = new CopyOnWriteArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger subbands = new AtomicInteger();
    final AtomicInteger batches = new AtomicInteger();
    private final List<Long> timers = new ArrayList<>();
    private int tick;

    Pipeline(Vertx vertx, BridgeClient client) {
      this.vertx = vertx;
      this.client = client;
    }

    void start() {
      LocalDateTime night = LocalDateTime.of(2025, 10, 24, 0, 0);
      timers.add(
          vertx.setPeriodic(
              100,
              id -> {
                int n = tick++;
                String path =
                    String.format(
                        "/abuse/%s_sb%02d.hdf5", night.plusMinutes(5L * (n / 16)) + ":00", n % 16);
                timed(
                    client.request(
                        Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", path)),
                    subbands);
              }));
      timers.add(
          vertx.setPeriodic(
              2000,
              id -> {
                int n = tick;
                String ms = "/abuse/ms-" + tick;
                String image = "/abuse/img-" + tick;
                timed(
                    client
                        .request(Addresses.PRODUCTS_MS_UPSERT, new JsonObject().put("path", ms))
                        .compose(
                            r ->
                                client.request(
                                    Addresses.PRODUCTS_IMAGE_ADD,
                                    new JsonObject()
                                        .put("path", image)
                                        .put("ms_path", ms)
                                        .put("type", "image")))
                        .compose(
                            r ->
                                client.request(
                                    Addresses.PRODUCTS_PHOTOMETRY_ADD,
                                    new JsonObject()
                                        .put("image_path", image)
                                        .put("mjd", 60000.0 + tick * 0.001)
                                        .put("measurements", rows(n)))),
                    batches);
              }));
    }

    private void timed(Future<JsonObject> write, AtomicInteger acknowledged) {
      long t0 = System.nanoTime();
      writes.add(
          write.onComplete(
              done -> {
                if (done.succeeded() && !"err".equals(done.result().getString("type"))) {
                  acknowledged.incrementAndGet();
                  latencies.add((System.nanoTime() - t0) / 1_000_000);
                } else {
                  failures.add(done.succeeded() ? done.result().encode() : done.cause().toString());
                }
              }));
    }

    void stop() {
      timers.forEach(vertx::cancelTimer);
    }

    Future<?> drained() {
      return Future.join(new ArrayList<>(writes));
    }

    long percentile(double p) {
      List<Long> sorted = latencies.stream().sorted().toList();
      return sorted.isEmpty()
          ? -1
          : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
    }

    private static JsonArray rows(int image) {
      JsonArray rows = new JsonArray();
      for (int s = 0; s < 2000; s++) {
        rows.add(
            new JsonObject()
                .put("source_id", "ABUSE J" + s)
                .put("ra_deg", s * 0.1)
                .put("dec_deg", 40.0)
                .put("peak_jyb", 0.01 + (image % 5) * 0.0001)
                .put("peak_err_jyb", 0.0005));
      }
      return rows;
    }
  }

  /**
   * Keeps {@link #TARGETS} misbehaving connections of each kind open, replacing each one the hub
   * closes.
   */
  private static final class Attacker {
    private static final int NEW_PER_TICK = 40;
    private final Vertx vertx;
    private final int httpPort;
    private final int bridgePort;
    private final NetClient net;
    private final WebSocketClient webSockets;
    private final Map<Kind, Set<Object>> open = new ConcurrentHashMap<>();
    private final Map<Kind, AtomicInteger> connecting = new ConcurrentHashMap<>();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closedByHub = new AtomicInteger();
    final AtomicInteger peakOpen = new AtomicInteger();
    private volatile boolean stopping;
    private long refill;
    private long drip;

    Attacker(Vertx vertx, int httpPort, int bridgePort) {
      this.vertx = vertx;
      this.httpPort = httpPort;
      this.bridgePort = bridgePort;
      this.net = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5000));
      this.webSockets =
          vertx.createWebSocketClient(
              new WebSocketClientOptions().setMaxConnections(10_000).setConnectTimeout(5000));
      for (Kind kind : Kind.values()) {
        open.put(kind, ConcurrentHashMap.newKeySet());
        connecting.put(kind, new AtomicInteger());
      }
    }

    void start() {
      // 40 new connections of each kind per 100 ms at most: 2,000 within about a second, then
      // replacements
      refill =
          vertx.setPeriodic(
              100,
              id ->
                  TARGETS.forEach(
                      (kind, target) -> {
                        int missing = target - open.get(kind).size() - connecting.get(kind).get();
                        for (int i = 0; i < Math.min(missing, NEW_PER_TICK); i++) {
                          connect(kind);
                        }
                        int attempting =
                            open.values().stream().mapToInt(Set::size).sum()
                                + connecting.values().stream().mapToInt(AtomicInteger::get).sum();
                        peakOpen.accumulateAndGet(attempting, Math::max);
                      }));
      drip =
          vertx.setPeriodic(
              2000,
              id -> open.forEach((kind, sockets) -> sockets.forEach(socket -> drip(kind, socket))));
    }

    private void connect(Kind kind) {
      connecting.get(kind).incrementAndGet();
      Future<?> connected =
          switch (kind) {
            case WRONG_TOKEN_BODY ->
                raw(
                    httpPort,
                    kind,
                    Buffer.buffer(
                        "POST /api/v1/calibration/sets HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer wrong\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 1048576\r\n\r\n"
                            + "x".repeat(64 * 1024)));
            case SLOWLORIS ->
                raw(httpPort, kind, Buffer.buffer("GET /api/v1/queue HTTP/1.1\r\nHost: hub\r\n"));
            case BRIDGE_DRIP ->
                raw(
                    bridgePort,
                    kind,
                    Buffer.buffer()
                        .appendInt(8 << 20)
                        .appendString("{\"type\":\"send\",\"address\":\"" + "x".repeat(1000)));
            case BRIDGE_HUGE ->
                raw(
                    bridgePort,
                    kind,
                    Buffer.buffer().appendInt(Integer.MAX_VALUE).appendString("{\"type\":"));
            case SILENT_DASHBOARD ->
                webSockets
                    .connect(httpPort, "localhost", "/eventbus/websocket")
                    .onSuccess(
                        socket -> {
                          track(kind, socket, socket::closeHandler);
                          socket.writeTextMessage(
                              new JsonObject()
                                  .put("type", "register")
                                  .put("address", Addresses.EVENTS_PRODUCTS)
                                  .encode());
                          socket.writeTextMessage(
                              new JsonObject()
                                  .put("type", "register")
                                  .put("address", Addresses.EVENTS_QUEUE)
                                  .encode());
                          socket.pause();
                        });
          };
      connected.onComplete(done -> connecting.get(kind).decrementAndGet());
    }

    private Future<NetSocket> raw(int port, Kind kind, Buffer first) {
      return net.connect(port, "127.0.0.1")
          .onSuccess(
              socket -> {
                track(
                    kind,
                    socket,
                    onClose -> SocketClosed.of(socket).onComplete(v -> onClose.handle(null)));
                socket.handler(ignored -> {});
                socket.write(first);
              });
    }

    private void track(
        Kind kind,
        Object socket,
        java.util.function.Consumer<io.vertx.core.Handler<Void>> closeHandler) {
      opened.incrementAndGet();
      open.get(kind).add(socket);
      closeHandler.accept(
          v -> {
            open.get(kind).remove(socket);
            if (!stopping) {
              closedByHub.incrementAndGet();
            }
          });
    }

    private static void drip(Kind kind, Object socket) {
      switch (kind) {
        case WRONG_TOKEN_BODY, BRIDGE_DRIP ->
            ((NetSocket) socket).write(Buffer.buffer("x".repeat(1024)));
        case SLOWLORIS -> ((NetSocket) socket).write(Buffer.buffer("X-Slow: 1\r\n"));
        default -> {}
      }
    }

    void stop() throws Exception {
      stopping = true;
      vertx.cancelTimer(refill);
      vertx.cancelTimer(drip);
      List<Future<Void>> closing = new ArrayList<>();
      open.values()
          .forEach(
              sockets ->
                  sockets.forEach(
                      socket ->
                          closing.add(
                              socket instanceof NetSocket s
                                  ? s.close()
                                  : ((WebSocket) socket).close())));
      await(Future.join(closing).recover(ignored -> Future.succeededFuture()));
    }
  }

  /**
   * Reads /health/live every 250 ms on a fresh connection, as a load balancer's probe does;
   * /health/ready once the attack ends.
   */
  private static final class HealthProbe {
    private final Vertx vertx;
    private final int port;
    private final HttpClient client;
    private final List<Long> latencies = new CopyOnWriteArrayList<>();
    final AtomicInteger asked = new AtomicInteger();
    final AtomicInteger ok = new AtomicInteger();
    final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private long timer;

    HealthProbe(Vertx vertx, int port) {
      this.vertx = vertx;
      this.port = port;
      this.client =
          vertx.createHttpClient(
              new HttpClientOptions().setKeepAlive(false).setConnectTimeout(2000));
    }

    void start() {
      timer =
          vertx.setPeriodic(
              250,
              id -> {
                asked.incrementAndGet();
                long t0 = System.nanoTime();
                get("/health/live", 2000)
                    .onComplete(
                        done -> {
                          if (done.succeeded() && done.result() == 200) {
                            ok.incrementAndGet();
                            latencies.add((System.nanoTime() - t0) / 1_000_000);
                          } else {
                            failures.merge(
                                done.succeeded()
                                    ? "status " + done.result()
                                    : done.cause().getClass().getSimpleName(),
                                1,
                                Integer::sum);
                          }
                        });
              });
    }

    void stop() {
      vertx.cancelTimer(timer);
    }

    /**
     * Milliseconds from {@code since} (System.nanoTime) until a fresh connection is answered 200
     * (bounded: 10 s).
     */
    long firstAnswerAfter(long since) throws Exception {
      long deadline = since + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        Integer status =
            await(get("/health/ready", 1000).recover(failed -> Future.succeededFuture(-1)));
        if (status == 200) {
          return (System.nanoTime() - since) / 1_000_000;
        }
        Thread.sleep(20);
      }
      throw new AssertionError(
          "the hub did not answer /health/ready within 10 s of the attacker leaving");
    }

    long medianMs() {
      List<Long> sorted = latencies.stream().sorted().toList();
      return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
    }

    private Future<Integer> get(String uri, long timeoutMs) {
      return client
          .request(
              new RequestOptions()
                  .setPort(port)
                  .setHost("127.0.0.1")
                  .setURI(uri)
                  .setIdleTimeout(timeoutMs / 1000 + 1))
          .compose(
              request ->
                  request
                      .send()
                      .compose(response -> response.body().map(body -> response.statusCode())))
          .timeout(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  /**
   * The heap of the hub's JVM as jstat sees it (survivors, eden and old generation in use), sampled
   * every 200 ms.
   */
  private static final class HeapSampler {
    private final Process jstat;
    private final AtomicLong peakKib = new AtomicLong(-1);
    private final AtomicLong firstKib = new AtomicLong(-1);
    private final AtomicLong oldPeakKib = new AtomicLong(-1);
    private final Thread reader;

    private HeapSampler(Process jstat) {
      this.jstat = jstat;
      this.reader = new Thread(this::read, "jstat-reader");
      reader.setDaemon(true);
      reader.start();
    }

    static HeapSampler start(long pid) throws Exception {
      Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
      return new HeapSampler(
          new ProcessBuilder(jstat.toString(), "-gc", String.valueOf(pid), "200")
              .redirectErrorStream(true)
              .start());
    }

    private void read() {
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
        List<String> header = null;
        for (String line; (line = lines.readLine()) != null; ) {
          List<String> fields = List.of(line.trim().split("\\s+"));
          if (fields.contains("EU")) {
            header = fields;
            continue;
          }
          if (header == null || fields.size() != header.size()) {
            continue;
          }
          long used = 0;
          for (String column : List.of("S0U", "S1U", "EU", "OU")) {
            used += (long) Double.parseDouble(fields.get(header.indexOf(column)));
          }
          firstKib.compareAndSet(-1, used);
          oldPeakKib.accumulateAndGet(
              (long) Double.parseDouble(fields.get(header.indexOf("OU"))), Math::max);
          long sample = used;
          peakKib.accumulateAndGet(sample, Math::max);
        }
      } catch (Exception e) {
        // jstat ends with the test
      }
    }

    long awaitFirstMib() throws InterruptedException {
      for (int i = 0; i < 100 && firstKib.get() < 0; i++) {
        Thread.sleep(100);
      }
      assertThat(firstKib.get()).as("jstat sampled the hub's heap").isGreaterThanOrEqualTo(0);
      return firstKib.get() >> 10;
    }

    long oldPeakMib() {
      return oldPeakKib.get() >> 10;
    }

    long stop() throws InterruptedException {
      Thread.sleep(400);
      jstat.destroy();
      return peakKib.get() >> 10;
    }
  }

  /**
   * The unified GC log of the hub's JVM ("Pause Remark 163M->80M(215M) 5.1ms"). Young collections
   * promote whatever is live at that instant (a slowloris connection lives 10 s), so the heap a
   * collection cannot free is read after the collections that reclaim the old generation: remark,
   * mixed and full.
   */
  private static final class GcLog {
    private static final java.util.regex.Pattern RECLAIMING =
        java.util.regex.Pattern.compile(
            "Pause (Remark|Young \\(Mixed\\)|Full).* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** The most the old-generation collections left in use, MiB. */
    static long maxRetainedMib(Path log) throws Exception {
      return reclaimed(log).stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    /** What the last old-generation collection left in use, MiB. */
    static long lastRetainedMib(Path log) throws Exception {
      List<Long> all = reclaimed(log);
      return all.isEmpty() ? -1 : all.get(all.size() - 1);
    }

    private static List<Long> reclaimed(Path log) throws Exception {
      List<Long> after = new ArrayList<>();
      for (String line : java.nio.file.Files.readAllLines(log)) {
        java.util.regex.Matcher pause = RECLAIMING.matcher(line);
        if (pause.find()) {
          after.add(Long.parseLong(pause.group(3)));
        }
      }
      return after;
    }
  }
}
