package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.dsa110.contimg.common.testing.HubTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Vertx a test is given is closed after it, with the hub deployed on it. It was not
 * (vertx-junit5 5.0.8 relies on JUnit closing AutoCloseable store values, which JUnit does from
 * 5.13): midway through this module 29 hubs' SQLite threads and 120 event loops were still alive,
 * polling health on temp folders already deleted.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestVertxClosedTest {
  private static long writersBefore;

  @TempDir Path stateDir;

  @Test
  @Order(1)
  void aHubRunsOnTheTestsVertx(Vertx vertx) throws Exception {
    writersBefore = sqliteWriters();
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
    assertThat(sqliteWriters())
        .as("one writer thread per database of the hub")
        .isEqualTo(writersBefore + 4);
  }

  @Test
  @Order(2)
  void itsThreadsAreGoneOnceTheTestEnded() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (sqliteWriters() > writersBefore && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(sqliteWriters())
        .as("SQLite writer threads 10 s after the previous test's Vertx should have closed")
        .isEqualTo(writersBefore);
  }

  private static long sqliteWriters() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("sqlite-writer-"))
        .count();
  }
}
