package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * systemctl stop sends SIGTERM: the hub says it is stopping, closes its owners, says it stopped,
 * and the JVM exits 143, the status deploy/systemd/contimg-hub.service counts as success.
 */
class CleanStopTest {
  @TempDir Path stateDir;

  @Test
  void sigtermStopsTheHubCleanlyAndSaysSo() throws Exception {
    int http = HubHarness.freePort();
    Path log = stateDir.resolve("hub.log");
    try (ChildHub hub =
        ChildHub.start(
            log,
            Map.of(
                "CONTIMG_STATE_DIR",
                stateDir.resolve("state").toString(),
                "CONTIMG_HTTP_PORT",
                String.valueOf(http),
                "CONTIMG_BRIDGE_PORT",
                String.valueOf(HubHarness.freePort())))) {
      hub.awaitPort(http, Duration.ofSeconds(60));
      // the port opens a moment before the start is complete; stop a hub that has started
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(log).contains("contimg-hub running"));
      hub.process().destroy();
      assertThat(hub.process().waitFor(40, TimeUnit.SECONDS))
          .as("the hub stopped within 40 s of SIGTERM")
          .isTrue();
      assertThat(hub.process().exitValue()).isEqualTo(143);
    }
    String output = Files.readString(log);
    assertThat(output).contains("stopping: closing the listeners", "stopped cleanly in ");
    // (a connection accepted while the event loops stop earns a Netty WARN with its stack: the port
    // probe above can be one)
    assertThat(output.lines().filter(line -> line.contains(" ERROR ")))
        .as("no ERROR line")
        .isEmpty();
    assertThat(Files.list(stateDir.resolve("state")).map(p -> p.getFileName().toString()))
        .as(
            "each owner closed its database: SQLite removes the WAL of the last connection to close")
        .noneMatch(name -> name.endsWith("-wal"));
  }

  @Test
  void theUnitCountsThatExitAsSuccess() throws Exception {
    assertThat(Files.readString(Path.of("systemd", "contimg-hub.service")))
        .contains("SuccessExitStatus=143");
  }
}
