package org.dsa110.contimg.calibration;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.dsa110.contimg.common.bus.Owner;
import org.dsa110.contimg.common.testing.SeedSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

@ExtendWith(VertxExtension.class)
class CalibrationVerticleTest {
  @TempDir
  Path stateDir;

  @Test
  void createsTheSeedSchemaAndAnswersItsHealthCheck(Vertx vertx) throws Exception {
    SeedSchema.assertOwnerCreatesSeedSchema(vertx, new CalibrationVerticle(), Owner.CALIBRATION, stateDir, "cal_registry.sqlite3", "db/calibration/001-seed.sql");
  }
}
