package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.count;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.HubTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Far more than the telescope sends, for a while: a full 16-subband group every second and a
 * 10,000-row photometry image every two (the telescope sends one of each every five minutes), with
 * a dashboard reading the queue statistics ten times a second. Every write is either acknowledged
 * and stored, or refused with a clear 503 (nothing dropped silently); every read is answered; the
 * heap stays bounded. The latencies are printed, not asserted.
 */
@ExtendWith(VertxExtension.class)
class OverloadTest {
  private static final int SECONDS = Integer.getInteger("contimg.overload.seconds", 30);
  private static final int ROWS = 10_000;

  @TempDir Path stateDir;

  @Test
  void underSustainedOverloadNothingIsDroppedSilentlyAndMemoryStaysBounded(Vertx vertx)
      throws Exception {
    await(
        Hub.deployAll(
            vertx,
            HubTest.config(
                stateDir,
                Map.of(
                    "CONTIMG_HTTP_PORT",
                    String.valueOf(HubHarness.freePort()),
                    "CONTIMG_BRIDGE_PORT",
                    String.valueOf(HubHarness.freePort())))));
    DeliveryOptions patient = new DeliveryOptions().setSendTimeout(60_000);
    Set<String> acknowledgedSubbands = ConcurrentHashMap.newKeySet();
    Set<String> acknowledgedImages = ConcurrentHashMap.newKeySet();
    List<String> refusals = new CopyOnWriteArrayList<>();
    List<Long> readLatencies = new CopyOnWriteArrayList<>();
    AtomicInteger readFailures = new AtomicInteger();
    LocalDateTime night = LocalDateTime.of(2025, 10, 24, 0, 0);

    long reader =
        vertx.setPeriodic(
            100,
            id -> {
              long t0 = System.nanoTime();
              vertx
                  .eventBus()
                  .request(Addresses.INGEST_QUEUE_STATS, new JsonObject())
                  .onSuccess(r -> readLatencies.add((System.nanoTime() - t0) / 1_000_000))
                  .onFailure(f -> readFailures.incrementAndGet());
            });
    List<Future<?>> writes = new ArrayList<>();
    long heapPeak = 0;
    for (int tick = 0; tick < SECONDS; tick++) {
      int second = tick;
      String group = night.plusMinutes(5L * second) + ":00";
      for (int sb = 0; sb < 16; sb++) {
        String path = String.format("/overload/%s_sb%02d.hdf5", group, sb);
        writes.add(
            vertx
                .eventBus()
                .request(
                    Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", path), patient)
                .onSuccess(r -> acknowledgedSubbands.add(path))
                .onFailure(f -> refusals.add(describe(f))));
      }
      String image = "/overload/img-" + second;
      writes.add(
          second % 2 == 1
              ? Future.succeededFuture()
              : vertx
                  .eventBus()
                  .request(
                      Addresses.PRODUCTS_MS_UPSERT,
                      new JsonObject().put("path", "/overload/ms-" + second),
                      patient)
                  .compose(
                      r ->
                          vertx
                              .eventBus()
                              .request(
                                  Addresses.PRODUCTS_IMAGE_ADD,
                                  new JsonObject()
                                      .put("path", image)
                                      .put("ms_path", "/overload/ms-" + second)
                                      .put("type", "image"),
                                  patient))
                  .compose(
                      r ->
                          vertx
                              .eventBus()
                              .request(
                                  Addresses.PRODUCTS_PHOTOMETRY_ADD,
                                  new JsonObject()
                                      .put("image_path", image)
                                      .put("mjd", 60000.0 + second * 0.0035)
                                      .put("measurements", rows(second)),
                                  patient))
                  .onSuccess(r -> acknowledgedImages.add(image))
                  .onFailure(f -> refusals.add(describe(f))));
      Thread.sleep(1000);
      heapPeak =
          Math.max(heapPeak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    for (Future<?> write : writes) {
      write
          .toCompletionStage()
          .toCompletableFuture()
          .handle((r, e) -> null)
          .get(120, TimeUnit.SECONDS);
    }
    vertx.cancelTimer(reader);

    assertThat(refusals).as("refusals say why").allMatch(r -> r.startsWith("503"));
    assertThat(acknowledgedSubbands.size() + acknowledgedImages.size() + refusals.size())
        .isEqualTo(SECONDS * 16 + (SECONDS + 1) / 2);
    assertThat(count(stateDir.resolve("ingest.sqlite3"), "SELECT COUNT(*) FROM subband_files"))
        .isEqualTo(acknowledgedSubbands.size());
    assertThat(count(stateDir.resolve("products.sqlite3"), "SELECT COUNT(*) FROM photometry"))
        .isEqualTo((long) ROWS * acknowledgedImages.size());
    assertThat(readFailures.get()).isZero();
    assertThat(heapPeak).as("heap in use").isLessThan(2048L << 20);
    List<Long> sorted = readLatencies.stream().sorted().toList();
    System.out.printf(
        "overload %d s: %d subbands and %d images of %d rows acknowledged, %d refused; %d reads, p50 %d ms, p99 %d ms; heap peak %d MiB%n",
        SECONDS,
        acknowledgedSubbands.size(),
        acknowledgedImages.size(),
        ROWS,
        refusals.size(),
        sorted.size(),
        sorted.get(sorted.size() / 2),
        sorted.get((int) (sorted.size() * 0.99)),
        heapPeak >> 20);
  }

  @Test
  void pastTheBoundOnWaitingWritesAnOwnerAnswers503AtOnce(Vertx vertx) throws Exception {
    await(
        Hub.deployAll(
            vertx,
            HubTest.config(
                stateDir,
                Map.of(
                    "CONTIMG_HTTP_PORT",
                    String.valueOf(HubHarness.freePort()),
                    "CONTIMG_BRIDGE_PORT",
                    String.valueOf(HubHarness.freePort()),
                    "CONTIMG_SQLITE_MAX_PENDING_WRITES",
                    "2"))));
    LocalDateTime night = LocalDateTime.of(2025, 10, 24, 0, 0);
    List<Future<Object>> writes = new ArrayList<>();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 50; i++) {
      String path = "/burst/" + night.plusMinutes(5L * i) + ":00_sb00.hdf5";
      writes.add(
          vertx
              .eventBus()
              .request(Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", path))
              .onSuccess(r -> acknowledged.add(path))
              .map(r -> null));
    }
    List<String> refused = new ArrayList<>();
    for (Future<Object> write : writes) {
      try {
        await(write);
      } catch (ReplyException e) {
        refused.add(e.failureCode() + " " + e.getMessage());
      }
    }
    assertThat(refused)
        .isNotEmpty()
        .allMatch(r -> r.startsWith("503 ingest.sqlite3 is overloaded"));
    assertThat(count(stateDir.resolve("ingest.sqlite3"), "SELECT COUNT(*) FROM subband_files"))
        .isEqualTo(acknowledged.size());
  }

  private static JsonArray rows(int image) {
    JsonArray rows = new JsonArray();
    for (int s = 0; s < ROWS; s++) {
      rows.add(
          new JsonObject()
              .put("source_id", "OVR J" + s)
              .put("ra_deg", (s * 0.036) % 360)
              .put("dec_deg", 40.0)
              .put("peak_jyb", 0.01 + (image % 7) * 0.0001)
              .put("peak_err_jyb", 0.0005));
    }
    return rows;
  }

  private static String describe(Throwable failure) {
    return failure instanceof ReplyException reply
        ? reply.failureCode() + " " + reply.getMessage()
        : "? " + failure;
  }
}
