package org.dsa110.contimg.calibration;

import io.vertx.core.Future;
import org.dsa110.contimg.common.OwnerVerticle;
import org.dsa110.contimg.common.bus.Owner;

import static org.dsa110.contimg.common.bus.Addresses.CAL_ACTIVE_AT;
import static org.dsa110.contimg.common.bus.Addresses.CAL_COVERAGE;
import static org.dsa110.contimg.common.bus.Addresses.CAL_SET_GET;
import static org.dsa110.contimg.common.bus.Addresses.CAL_SET_LIST;
import static org.dsa110.contimg.common.bus.Addresses.CAL_SET_REGISTER;
import static org.dsa110.contimg.common.bus.Addresses.CAL_SET_RETIRE;

/** Owner of cal_registry.sqlite3: which calibration tables apply when, in which order. */
public class CalibrationVerticle extends OwnerVerticle {

  public CalibrationVerticle() {
    super(Owner.CALIBRATION, "cal_registry.sqlite3", "db/calibration/001-seed.sql", "db/calibration/002-hub-retirements.sql");
  }

  @Override
  protected Future<?> startServing() {
    CalSettings calibration = CalSettings.from(settings());
    return store().read(CalRepository::longestWindow).map(LongestWindow::new).map(longest -> {
      CalCommands commands = new CalCommands(store(), longest);
      CalQueries queries = new CalQueries(store(), longest, calibration, vertx.eventBus());
      serveWrite(CAL_SET_REGISTER, commands::register);
      serveWrite(CAL_SET_RETIRE, commands::retire);
      serveByCaller(CAL_ACTIVE_AT, queries::activeAt);
      serve(CAL_SET_LIST, queries::list);
      serve(CAL_SET_GET, queries::get);
      serve(CAL_COVERAGE, queries::coverage);
      return longest;
    });
  }
}
