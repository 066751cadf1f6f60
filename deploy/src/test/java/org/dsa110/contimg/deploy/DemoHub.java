package org.dsa110.contimg.deploy;

import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.dsa110.contimg.common.testing.HubTest;

/**
 * A whole hub with the demo telescope feeding it, as {@code --demo} starts them, on free loopback
 * ports.
 */
record DemoHub(int httpPort, String demoDeployment) {

  /**
   * A fast demo: one observation every {@code intervalMs}, {@code sources} synthetic sources, a
   * fraction wandering.
   */
  static DemoHub start(
      Vertx vertx, Path stateDir, int intervalMs, int sources, double variableFraction)
      throws Exception {
    return start(vertx, stateDir, intervalMs, sources, variableFraction, Map.of());
  }

  /** The same, with more settings (as CONTIMG_* variables) on top. */
  static DemoHub start(
      Vertx vertx,
      Path stateDir,
      int intervalMs,
      int sources,
      double variableFraction,
      Map<String, String> more)
      throws Exception {
    int http = HubHarness.freePort();
    Map<String, String> env = new HashMap<>(more);
    env.putAll(
        Map.of(
            "CONTIMG_HTTP_PORT",
            String.valueOf(http),
            "CONTIMG_BRIDGE_PORT",
            String.valueOf(HubHarness.freePort()),
            "CONTIMG_BRIDGE_TOKEN",
            "demo",
            "CONTIMG_DEMO_INTERVAL_MS",
            String.valueOf(intervalMs),
            "CONTIMG_DEMO_SOURCES",
            String.valueOf(sources),
            "CONTIMG_DEMO_VARIABLE_FRACTION",
            String.valueOf(variableFraction)));
    JsonObject config = HubTest.config(stateDir, env);
    DemoTelescope.adjust(config);
    await(Hub.deployAll(vertx, config));
    return new DemoHub(
        http,
        await(
            vertx.deployVerticle(new DemoTelescope(), new DeploymentOptions().setConfig(config))));
  }
}
