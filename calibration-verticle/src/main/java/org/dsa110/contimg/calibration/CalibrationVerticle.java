package org.dsa110.contimg.calibration;

import static org.dsa110.contimg.common.bus.Addresses.CAL_ACTIVE_AT;
import static org.dsa110.contimg.common.bus.Addresses.CAL_COVERAGE;
import static org.dsa110.contimg.common.bus.Addresses.CAL_SET_GET;
import static org.dsa110.contimg.common.bus.Addresses.CAL_SET_LIST;
import static org.dsa110.contimg.common.bus.Addresses.CAL_SET_REGISTER;
import static org.dsa110.contimg.common.bus.Addresses.CAL_SET_RETIRE;

import io.vertx.core.Future;
import org.dsa110.contimg.common.OwnerVerticle;
import org.dsa110.contimg.common.bus.Owner;

/** Owner of cal_registry.sqlite3: which calibration tables apply when, in which order. */
public class CalibrationVerticle extends OwnerVerticle {

  public CalibrationVerticle() {
    super(
        Owner.CALIBRATION,
        "cal_registry.sqlite3",
        "db/calibration/001-seed.sql",
        "db/calibration/002-hub-retirements.sql");
  }

  /**
   * What lookups need to know of the registry's windows, read once at start and kept by the only
   * writer.
   */
  private record Bounds(LongestWindow longest, OpenEndedTypes openEnded) {}

  @Override
  protected Future<?> startServing() {
    CalSettings calibration = CalSettings.from(settings());
    return store()
        .read(
            tx ->
                new Bounds(
                    new LongestWindow(CalRepository.longestWindow(tx)),
                    new OpenEndedTypes(CalRepository.openEndedTypes(tx))))
        .map(
            bounds -> {
              CalCommands commands =
                  new CalCommands(
                      store(), bounds.longest(), bounds.openEnded(), calibration.types());
              CalQueries queries =
                  new CalQueries(
                      store(), bounds.longest(), bounds.openEnded(), calibration, vertx.eventBus());
              serveWrite(CAL_SET_REGISTER, commands::register);
              serveWrite(CAL_SET_RETIRE, commands::retire);
              serveByCaller(CAL_ACTIVE_AT, queries::activeAt);
              serve(CAL_SET_LIST, queries::list);
              serve(CAL_SET_GET, queries::get);
              serve(CAL_COVERAGE, queries::coverage);
              return bounds;
            });
  }
}
