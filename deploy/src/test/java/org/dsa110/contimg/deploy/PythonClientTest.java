package org.dsa110.contimg.deploy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.dsa110.contimg.common.testing.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The repository's Python client, run by the machine's python3 against a real hub, as a pipeline service would. */
@ExtendWith(VertxExtension.class)
class PythonClientTest {
  private static final Path CLIENT_DIR = Path.of("..", "clients", "python").toAbsolutePath().normalize();
  private static final String TOKEN = "py-secret";

  @TempDir
  Path stateDir;
  private int bridgePort;
  private HubHarness http;

  @BeforeEach
  void startHub(Vertx vertx) throws Exception {
    int httpPort = HubHarness.freePort();
    bridgePort = HubHarness.freePort();
    JsonObject config = HubTest.config(stateDir, Map.of("CONTIMG_HTTP_PORT", String.valueOf(httpPort),
        "CONTIMG_BRIDGE_PORT", String.valueOf(bridgePort), "CONTIMG_BRIDGE_TOKEN", TOKEN));
    await(Hub.deployAll(vertx, config));
    http = new HubHarness(vertx, httpPort);
  }

  private record Run(int exitCode, String output) {
  }

  private Run python(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("python3"));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).directory(CLIENT_DIR.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "python3 is not installed: the Python client cannot be tried");
      return null;
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void theExampleWorksAGroupFromSubbandsToCompleted() throws Exception {
    Run run = python("example_pipeline.py", "--port", String.valueOf(bridgePort), "--token", TOKEN);
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("group 2025-10-24T12:00:00 is pending", "claimed 2025-10-24T12:00:00 with 16 files",
        "completed 2025-10-24T12:00:00: completed", "refused as it should be: 409", "collecting -> pending",
        "with 100 measurements", "light curve of NVSS J123407.0+420000: 1 point(s), 17.0 mJy");

    JsonObject group = await(http.get("/api/v1/queue/2025-10-24T12:00:00")).body();
    assertThat(group.getString("state")).isEqualTo("completed");
    assertThat(group.getJsonObject("metrics").getString("writer_type")).isEqualTo("direct-subband");
  }

  @Test
  void withoutTheTokenEveryRequestIsRefusedByName() throws Exception {
    String script = String.join("\n",
        "from contimg_bridge import BridgeClient, BridgeError",
        "with BridgeClient('127.0.0.1', " + bridgePort + ", token='wrong') as hub:",
        "    try:",
        "        hub.request('ingest.queue.stats', {}, timeout=10)",
        "        print('accepted')",
        "    except BridgeError as e:",
        "        print('refused', e.code, e.message)");
    Run run = python("-c", script);
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("refused 401 headers.token");
  }

  @Test
  void badInputComesBackAsA400NamingTheField() throws Exception {
    String script = String.join("\n",
        "from contimg_bridge import BridgeClient, BridgeError",
        "with BridgeClient('127.0.0.1', " + bridgePort + ", token='" + TOKEN + "') as hub:",
        "    try:",
        "        hub.request('ingest.subband.add', {'file_path': '/data/not-a-subband.txt'})",
        "    except BridgeError as e:",
        "        print('refused', e.code, e.message)");
    Run run = python("-c", script);
    assertThat(run.output()).contains("refused 400 file_path:");
  }
}
