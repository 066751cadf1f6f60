package org.dsa110.contimg.alerts;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.dsa110.contimg.common.bus.Addresses;

/**
 * Which events become alerts: a new ESE candidate, or one whose significance has grown by the
 * escalation factor since it was last alerted; a lookup that found no calibration (one key per hour
 * of MJD); a group that failed. The dispatcher applies cooldowns and rate limits.
 */
final class AlertRules {
  private static final double HOURS_PER_DAY = 24;

  private final AlertSettings settings;
  private final AlertDispatcher dispatcher;
  private final Map<String, Double> alertedSignificance = new HashMap<>();

  AlertRules(AlertSettings settings, AlertDispatcher dispatcher) {
    this.settings = settings;
    this.dispatcher = dispatcher;
  }

  void listen(Vertx vertx) {
    vertx.eventBus().<JsonObject>consumer(Addresses.EVENTS_ESE, message -> onEse(message.body()));
    vertx
        .eventBus()
        .<JsonObject>consumer(
            Addresses.EVENTS_CALIBRATION, message -> onCalibration(message.body()));
    vertx
        .eventBus()
        .<JsonObject>consumer(Addresses.EVENTS_QUEUE, message -> onQueue(message.body()));
  }

  void onEse(JsonObject event) {
    String change = event.getString("change", "new");
    String source = event.getString("source_id");
    double significance = event.getDouble("significance", 0.0);
    Double alerted = alertedSignificance.get(source);
    boolean escalated =
        "stronger".equals(change)
            && (alerted == null || significance >= alerted * settings.eseEscalationFactor());
    if (!"new".equals(change) && !escalated) {
      return;
    }
    alertedSignificance.put(source, significance);
    String severity = significance >= settings.eseCriticalSignificance() ? "critical" : "warning";
    JsonObject fields =
        new JsonObject()
            .put("Source", source)
            .put("RA, Dec", format(event.getDouble("ra")) + ", " + format(event.getDouble("dec")))
            .put("Mean flux", format(event.getDouble("mean_flux_mjy")) + " mJy")
            .put("NVSS flux", format(event.getDouble("nvss_flux_mjy")) + " mJy")
            .put("Significance", format(significance) + " (" + event.getString("flag_type") + ")")
            .put("Measurements", String.valueOf(event.getValue("n_obs")));
    JsonObject evidence = event.getJsonObject("evidence");
    if (evidence != null) {
      fields.put("Evidence", describe(evidence));
    }
    dispatcher.raise(
        new Alert(
            "ese_candidate",
            severity,
            source,
            settings.eseChannel(),
            "ESE candidate " + source,
            ("new".equals(change) ? "newly flagged" : "significance up to " + format(significance))
                + " by "
                + event.getString("flag_type"),
            fields));
  }

  void onCalibration(JsonObject event) {
    String type = event.getString("type");
    if (!"missing".equals(type) && !"incomplete".equals(type)) {
      return;
    }
    double mjd = event.getDouble("mjd");
    String window =
        String.format(Locale.ROOT, "MJD %.4f", Math.floor(mjd * HOURS_PER_DAY) / HOURS_PER_DAY);
    if ("missing".equals(type)) {
      dispatcher.raise(
          new Alert(
              "calibrator_missing",
              "warning",
              window,
              settings.pipelineChannel(),
              "No calibration available",
              "no active calibration table is valid at MJD " + format(mjd),
              new JsonObject().put("MJD", format(mjd))));
    } else {
      String missing =
          String.join(
              ", ",
              event.getJsonArray("missing", new JsonArray()).stream()
                  .map(String::valueOf)
                  .toList());
      dispatcher.raise(
          new Alert(
              "calibrator_missing",
              "warning",
              window + " incomplete",
              settings.pipelineChannel(),
              "Incomplete calibration",
              "at MJD " + format(mjd) + " no table of type " + missing + " is valid",
              new JsonObject().put("MJD", format(mjd)).put("Missing", missing)));
    }
  }

  void onQueue(JsonObject event) {
    if (!"failed".equals(event.getString("to"))) {
      return;
    }
    String group = event.getString("group_id");
    dispatcher.raise(
        new Alert(
            "system_error",
            "critical",
            "group " + group,
            settings.pipelineChannel(),
            "Observation group failed",
            "group " + group + " failed after " + event.getValue("retry_count") + " retries",
            new JsonObject()
                .put("Group", group)
                .put("From", String.valueOf(event.getValue("from")))));
  }

  /**
   * "dip of 23% since MJD 60123.4 (time scale 15 d), slow_departure": what an astronomer reads
   * first.
   */
  private static String describe(JsonObject evidence) {
    StringBuilder text = new StringBuilder();
    Double depth = evidence.getDouble("depth");
    String direction = evidence.getString("direction");
    if (depth != null && direction != null) {
      text.append(direction).append(" of ").append(format(Math.abs(depth) * 100)).append("%");
    }
    Double start = evidence.getDouble("start_mjd");
    if (start != null) {
      text.append(evidence.getValue("end_mjd") == null ? " since MJD " : " from MJD ")
          .append(format(start));
      Double end = evidence.getDouble("end_mjd");
      if (end != null) {
        text.append(" to ").append(format(end));
      }
    }
    Double scale = evidence.getDouble("scale_days");
    if (scale != null && "slow_departure".equals(evidence.getString("detector"))) {
      text.append(" (time scale ").append(format(scale)).append(" d)");
    }
    return (text.length() > 0 ? text.append(", ") : text)
        .append(evidence.getString("detector"))
        .toString();
  }

  private static String format(Double value) {
    return value == null
        ? "?"
        : String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
