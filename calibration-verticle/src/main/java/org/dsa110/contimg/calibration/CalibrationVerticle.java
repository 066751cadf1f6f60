package org.dsa110.contimg.calibration;

import io.vertx.core.Future;
import org.dsa110.contimg.common.OwnerVerticle;
import org.dsa110.contimg.common.bus.Owner;
import org.dsa110.contimg.common.store.Migrations;

import java.nio.file.Path;
import java.util.Optional;

/** Owner of cal_registry.sqlite3: the calibration tables and their validity windows. */
public class CalibrationVerticle extends OwnerVerticle {
  private static final Migrations MIGRATIONS = Migrations.fromResources(CalibrationVerticle.class.getClassLoader(), "db/calibration/001-seed.sql");

  @Override
  protected Owner owner() {
    return Owner.CALIBRATION;
  }

  @Override
  protected Optional<Database> database() {
    return Optional.of(new Database(Path.of("cal_registry.sqlite3"), MIGRATIONS));
  }

  @Override
  protected Future<?> startServing() {
    return Future.succeededFuture();
  }
}
