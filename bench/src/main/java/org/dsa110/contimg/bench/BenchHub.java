package org.dsa110.contimg.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.dsa110.contimg.common.config.HubConfig;
import org.dsa110.contimg.deploy.Hub;

/** A whole hub in this JVM on loopback ports, with its state in a fresh temporary folder. */
final class BenchHub implements AutoCloseable {
  static final String TOKEN = "bench-token";

  final Vertx vertx;
  final Path stateDir;
  final int httpPort;
  final int bridgePort;

  private BenchHub(Vertx vertx, Path stateDir, int httpPort, int bridgePort) {
    this.vertx = vertx;
    this.stateDir = stateDir;
    this.httpPort = httpPort;
    this.bridgePort = bridgePort;
  }

  static BenchHub start() throws Exception {
    return start(Map.of());
  }

  /**
   * A hub with some configuration keys changed (environment-variable names, as an operator would
   * set them).
   */
  static BenchHub start(Map<String, String> overrides) throws Exception {
    return start(overrides, Files.createTempDirectory("contimg-bench"));
  }

  /**
   * A hub on a state folder prepared beforehand (a catalogue imported into it, say); the folder is
   * deleted at close.
   */
  static BenchHub start(Map<String, String> overrides, Path stateDir) throws Exception {
    int httpPort = freePort();
    int bridgePort = freePort();
    Vertx vertx = Vertx.vertx();
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "CONTIMG_STATE_DIR",
                stateDir.toString(),
                "CONTIMG_HTTP_PORT",
                String.valueOf(httpPort),
                "CONTIMG_HTTP_HOST",
                "127.0.0.1",
                "CONTIMG_BRIDGE_PORT",
                String.valueOf(bridgePort),
                "CONTIMG_API_TOKEN",
                TOKEN,
                "CONTIMG_BRIDGE_TOKEN",
                TOKEN));
    env.putAll(overrides);
    JsonObject config = HubConfig.resolve(new JsonObject(), env);
    Hub.deployAll(vertx, config).await();
    return new BenchHub(vertx, stateDir, httpPort, bridgePort);
  }

  Path database(String name) {
    return stateDir.resolve(name);
  }

  @Override
  public void close() throws IOException {
    vertx.close().await();
    try (var files = Files.walk(stateDir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
