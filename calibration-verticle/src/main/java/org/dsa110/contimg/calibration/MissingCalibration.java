package org.dsa110.contimg.calibration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.UnixTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a lookup that found no calibration, or not all the required types, leads to. Only the
 * pipeline's own lookups (over the TCP bridge) publish {@code events.calibration} {@code missing}
 * or {@code incomplete}, which the alerts owner turns into a {@code calibrator_missing} alert, once
 * per kind and hour of MJD. A reader's lookup (HTTP, a dashboard) is a log line and a count in
 * {@code contimg_calibration_missing_total{caller="reader"}}: an audit had one anonymous client
 * write 2,000 alert_history rows in 8 s by asking for MJDs without calibration.
 */
final class MissingCalibration {
  private static final Logger LOG = LoggerFactory.getLogger(MissingCalibration.class);
  private static final double HOURS_PER_DAY = 24.0;

  /**
   * Hours already announced; beyond this many the oldest is forgotten (its alert's cooldown has
   * long passed).
   */
  private static final int REMEMBERED_HOURS = 1024;

  private final EventBus bus;
  private final Set<String> announcedHours = new LinkedHashSet<>();

  MissingCalibration(EventBus bus) {
    this.bus = bus;
  }

  /** No table of any type within reach of the MJD. */
  void seen(double mjd, boolean byPipeline) {
    count(byPipeline ? "pipeline" : "reader");
    if (!byPipeline) {
      LOG.info(
          "no calibration at MJD {} for a reader's lookup (no alert: only the pipeline's lookups raise one)",
          String.format(Locale.ROOT, "%.5f", mjd));
      return;
    }
    announce("missing", mjd, new JsonObject().put("type", "missing").put("mjd", mjd));
  }

  /** An apply list without some required types: the converter cannot calibrate with it. */
  void incomplete(double mjd, List<String> missingTypes, boolean byPipeline) {
    count(byPipeline ? "pipeline" : "reader");
    if (!byPipeline) {
      LOG.info(
          "incomplete calibration at MJD {} for a reader's lookup, missing {} (no alert: only the pipeline's lookups raise one)",
          String.format(Locale.ROOT, "%.5f", mjd),
          missingTypes);
      return;
    }
    announce(
        "incomplete",
        mjd,
        new JsonObject()
            .put("type", "incomplete")
            .put("mjd", mjd)
            .put("missing", new JsonArray(missingTypes)));
  }

  /** Once per kind and hour of MJD. */
  private void announce(String kind, double mjd, JsonObject event) {
    String hour = kind + " " + (long) Math.floor(mjd * HOURS_PER_DAY);
    if (!announcedHours.add(hour)) {
      return;
    }
    if (announcedHours.size() > REMEMBERED_HOURS) {
      announcedHours.remove(announcedHours.iterator().next());
    }
    bus.publish(Addresses.EVENTS_CALIBRATION, event.put("at", UnixTime.now()));
  }

  private static void count(String caller) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (registry != null) {
      Counter.builder("contimg_calibration_missing")
          .description("calibration lookups without a complete apply list, by caller")
          .tag("caller", caller)
          .register(registry)
          .increment();
    }
  }
}
