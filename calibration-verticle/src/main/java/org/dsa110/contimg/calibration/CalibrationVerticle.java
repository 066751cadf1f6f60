package org.dsa110.contimg.calibration;

import io.vertx.core.Future;
import org.dsa110.contimg.common.OwnerVerticle;
import org.dsa110.contimg.common.bus.Owner;

/** Owner of cal_registry.sqlite3: the calibration tables and their validity windows. */
public class CalibrationVerticle extends OwnerVerticle {

  public CalibrationVerticle() {
    super(Owner.CALIBRATION, "cal_registry.sqlite3", "db/calibration/001-seed.sql");
  }

  @Override
  protected Future<?> startServing() {
    return Future.succeededFuture();
  }
}
