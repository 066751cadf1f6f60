package org.dsa110.contimg.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.config;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Owner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class AlertsVerticleTest {
  @TempDir Path stateDir;

  @Test
  void answersItsHealthCheckWithoutADatabase(Vertx vertx) throws Exception {
    await(
        vertx.deployVerticle(
            new AlertsVerticle(), new DeploymentOptions().setConfig(config(stateDir, Map.of()))));
    JsonObject health = request(vertx, Addresses.health(Owner.ALERTS), new JsonObject());
    assertThat(health.getString("owner")).isEqualTo("alerts");
    assertThat(health.containsKey("database")).isFalse();
  }
}
