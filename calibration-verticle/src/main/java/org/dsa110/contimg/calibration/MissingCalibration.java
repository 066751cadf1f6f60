package org.dsa110.contimg.calibration;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.UnixTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a lookup that found no calibration leads to. Only the pipeline's own lookups (over the TCP bridge) publish
 * {@code events.calibration} {@code missing}, which the alerts owner turns into a {@code calibrator_missing} alert,
 * once per hour of MJD. A reader's lookup (HTTP, a dashboard) is a log line and a count in
 * {@code contimg_calibration_missing_total{caller="reader"}}: an audit had one anonymous client write 2,000
 * alert_history rows in 8 s by asking for MJDs without calibration.
 */
final class MissingCalibration {
  private static final Logger LOG = LoggerFactory.getLogger(MissingCalibration.class);
  private static final double HOURS_PER_DAY = 24.0;
  /** Hours already announced; beyond this many the oldest is forgotten (its alert's cooldown has long passed). */
  private static final int REMEMBERED_HOURS = 1024;

  private final EventBus bus;
  private final Set<Long> announcedHours = new LinkedHashSet<>();

  MissingCalibration(EventBus bus) {
    this.bus = bus;
  }

  void seen(double mjd, boolean byPipeline) {
    count(byPipeline ? "pipeline" : "reader");
    if (!byPipeline) {
      LOG.info("no calibration at MJD {} for a reader's lookup (no alert: only the pipeline's lookups raise one)",
          String.format(Locale.ROOT, "%.5f", mjd));
      return;
    }
    long hour = (long) Math.floor(mjd * HOURS_PER_DAY);
    if (!announcedHours.add(hour)) {
      return;
    }
    if (announcedHours.size() > REMEMBERED_HOURS) {
      announcedHours.remove(announcedHours.iterator().next());
    }
    bus.publish(Addresses.EVENTS_CALIBRATION, new JsonObject().put("type", "missing").put("mjd", mjd).put("at", UnixTime.now()));
  }

  private static void count(String caller) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (registry != null) {
      registry.counter("contimg_calibration_missing", "caller", caller).increment();
    }
  }
}
