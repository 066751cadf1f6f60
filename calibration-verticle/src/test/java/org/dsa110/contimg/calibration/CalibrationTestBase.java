package org.dsa110.contimg.calibration;

import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.config;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dsa110.contimg.common.bus.Addresses;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real CalibrationVerticle on a real cal_registry.sqlite3 in a temp folder, recording
 * events.calibration.
 */
@ExtendWith(VertxExtension.class)
abstract class CalibrationTestBase {
  @TempDir Path stateDir;
  Vertx vertx;
  final List<JsonObject> events = new CopyOnWriteArrayList<>();

  void deploy(Vertx vertx, Map<String, String> env) throws Exception {
    this.vertx = vertx;
    vertx.eventBus().<JsonObject>consumer(Addresses.EVENTS_CALIBRATION, m -> events.add(m.body()));
    await(
        vertx.deployVerticle(
            new CalibrationVerticle(), new DeploymentOptions().setConfig(config(stateDir, env))));
  }

  Path database() {
    return stateDir.resolve("cal_registry.sqlite3");
  }

  static JsonObject table(String path, String type, double start, double end) {
    return new JsonObject()
        .put("path", path)
        .put("table_type", type)
        .put("valid_start_mjd", start)
        .put("valid_end_mjd", end);
  }

  /** A K/BP/G set over one window, the way the calibrator registers one. */
  static JsonObject set(String name, double start, double end) {
    return new JsonObject()
        .put("set_name", name)
        .put(
            "tables",
            new JsonArray()
                .add(table("/cal/" + name + ".G", "G", start, end))
                .add(table("/cal/" + name + ".K", "K", start, end))
                .add(table("/cal/" + name + ".BP", "BP", start, end)));
  }

  JsonObject register(JsonObject set) throws Exception {
    return request(vertx, Addresses.CAL_SET_REGISTER, set);
  }

  JsonObject activeAt(double mjd) throws Exception {
    return request(vertx, Addresses.CAL_ACTIVE_AT, new JsonObject().put("mjd", mjd));
  }
}
