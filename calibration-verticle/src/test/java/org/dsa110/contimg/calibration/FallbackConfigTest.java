package org.dsa110.contimg.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.assertFails;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.dsa110.contimg.common.bus.Addresses;
import org.junit.jupiter.api.Test;

class FallbackConfigTest extends CalibrationTestBase {

  @Test
  void withFallbackOffInTheConfigurationANearMissIsA404(Vertx vertx) throws Exception {
    deploy(vertx, Map.of("CONTIMG_CALIBRATION_FALLBACK_ENABLED", "false"));
    register(set("near", 60000.0, 60001.0));
    assertFails(
        vertx, Addresses.CAL_ACTIVE_AT, new JsonObject().put("mjd", 60001.1), 404, "60001.1");
    JsonObject askedFor = activeAt(60000.5);
    assertThat(askedFor.getString("set_name")).isEqualTo("near");
  }

  @Test
  void aWiderFallbackWindowReachesFurther(Vertx vertx) throws Exception {
    deploy(vertx, Map.of("CONTIMG_CALIBRATION_FALLBACK_HOURS", "48"));
    register(set("far", 60000.0, 60001.0));
    JsonObject fallback = activeAt(60002.5);
    assertThat(fallback.getBoolean("fallback")).isTrue();
    assertThat(fallback.getDouble("distance_hours")).isEqualTo(36.0);
  }
}
