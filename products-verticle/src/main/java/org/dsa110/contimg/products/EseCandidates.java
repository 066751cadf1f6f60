package org.dsa110.contimg.products;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.store.DbRow;
import org.dsa110.contimg.common.store.Tx;
import org.dsa110.contimg.products.variability.Detection;
import org.dsa110.contimg.products.variability.EventLocator;
import org.dsa110.contimg.products.variability.Point;

/**
 * Turns detections into ESE candidates. A source is flagged ({@code variability} or {@code
 * rapid_change}) when a detector of that flag type reaches variability.min_significance
 * (sigma-equivalent after trials, the same scale for every rule). One open candidate per source and
 * flag type: evidence a fifth stronger raises its significance, less changes nothing; a dismissed
 * candidate comes back only when the evidence exceeds what was dismissed by reflag_factor. Each
 * time a candidate is flagged or raised, every detector that passed is recorded as evidence
 * (hub_candidate_evidence), a variability departure located in the light curve (start, end while it
 * lasts, depth).
 */
final class EseCandidates {
  static final String CHANGE_NEW = "new";
  static final String CHANGE_STRONGER = "stronger";

  /**
   * How much an open candidate's evidence must grow to be raised (new evidence rows, a "stronger"
   * event): an ESE in progress grows a little with every image, and raising it every time buried
   * the steps that matter under a row and an event per image and source (the bench's 150-day field,
   * re-locating each event in its light curve every day, did not finish in 20 minutes).
   */
  static final double STRONGER = 1.2;

  private final VariabilitySettings settings;
  private final LightCurves lightCurves;
  private final double longestScaleDays;

  EseCandidates(VariabilitySettings settings, LightCurves lightCurves) {
    this.settings = settings;
    this.lightCurves = lightCurves;
    this.longestScaleDays = Arrays.stream(settings.detectors().scalesDays()).max().orElse(180);
  }

  /**
   * Flags what the updates show; the returned events are published once the transaction commits.
   */
  List<Committed.Event> evaluate(Tx tx, List<LightCurves.Update> updates, double now) {
    List<Map.Entry<LightCurves.Update, List<Detection>>> passing = new ArrayList<>();
    for (LightCurves.Update update : updates) {
      Map<String, List<Detection>> byType = new LinkedHashMap<>();
      update.detections().stream()
          .filter(d -> d.significance() >= settings.minSignificance())
          .sorted(Comparator.comparingDouble(Detection::significance).reversed())
          .forEach(d -> byType.computeIfAbsent(d.flagType(), k -> new ArrayList<>()).add(d));
      byType.values().forEach(passed -> passing.add(Map.entry(update, passed)));
    }
    if (passing.isEmpty()) {
      return List.of();
    }
    // a source's candidates are looked up once per batch for all of them: every source in an
    // ongoing event
    // passes again with every image, and one query each made the batch's cost grow with the number
    // of events
    Map<String, DbRow> latest =
        latest(tx, passing.stream().map(entry -> entry.getKey().sourceId()).distinct().toList());
    List<Committed.Event> events = new ArrayList<>();
    for (Map.Entry<LightCurves.Update, List<Detection>> entry : passing) {
      String key = entry.getKey().sourceId() + "|" + entry.getValue().get(0).flagType();
      flag(tx, entry.getKey(), entry.getValue(), Optional.ofNullable(latest.get(key)), now)
          .ifPresent(events::add);
    }
    return events;
  }

  /**
   * passed: the detections of one flag type that reached the threshold, strongest first; latest:
   * that type's newest candidate.
   */
  private Optional<Committed.Event> flag(
      Tx tx,
      LightCurves.Update update,
      List<Detection> passed,
      Optional<DbRow> latest,
      double now) {
    String sourceId = update.sourceId();
    Detection best = passed.get(0);
    if (latest.isEmpty()
        || ("dismissed".equals(latest.get().getString("status"))
            && best.significance()
                > latest.get().getDouble("significance") * settings.reflagFactor())) {
      long id =
          tx.insert(
              "INSERT INTO ese_candidates (source_id, flagged_at, flagged_by, significance, flag_type, status) "
                  + "VALUES (?, ?, 'auto', ?, ?, 'active')",
              sourceId,
              now,
              best.significance(),
              best.flagType());
      return Optional.of(event(tx, id, CHANGE_NEW, evidence(tx, id, sourceId, passed, now)));
    }
    DbRow open = latest.get();
    if (!"dismissed".equals(open.getString("status"))
        && best.significance() >= open.getDouble("significance") * STRONGER) {
      long id = open.getLong("id");
      tx.update("UPDATE ese_candidates SET significance = ? WHERE id = ?", best.significance(), id);
      return Optional.of(event(tx, id, CHANGE_STRONGER, evidence(tx, id, sourceId, passed, now)));
    }
    return Optional.empty();
  }

  /** Records the detections as the candidate's evidence; gives back the strongest, located. */
  private Detection evidence(
      Tx tx, long candidateId, String sourceId, List<Detection> passed, double now) {
    // read whether or not a detection needs locating: every located one counts its points in it
    List<Point> weighted =
        lightCurves.points(tx, sourceId).stream().filter(Point::weighted).toList();
    List<Detection> located =
        passed.stream().map(d -> d.startMjd() != null ? d : locate(d, weighted)).toList();
    List<Object[]> rows =
        located.stream()
            .map(
                d ->
                    new Object[] {
                      candidateId,
                      sourceId,
                      d.detector(),
                      d.significance(),
                      d.localSigma(),
                      d.trials(),
                      d.atMjd(),
                      d.scaleDays(),
                      d.depth(),
                      d.direction(),
                      d.startMjd(),
                      d.endMjd(),
                      d.startMjd() == null
                          ? null
                          : weighted.stream()
                              .filter(
                                  p ->
                                      p.mjd() >= d.startMjd()
                                          && (d.endMjd() == null || p.mjd() <= d.endMjd()))
                              .count(),
                      now
                    })
            .toList();
    tx.batch(
        "INSERT INTO hub_candidate_evidence (candidate_id, source_id, detector, significance, local_sigma, trials, at_mjd, "
            + "scale_days, depth, direction, start_mjd, end_mjd, n_points, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows);
    return located.get(0);
  }

  /**
   * Where the departure lies: in the detection's direction, or (eta, a single deviation) whichever
   * is stronger.
   */
  private Detection locate(Detection d, List<Point> points) {
    double maxDays = 3 * longestScaleDays;
    Optional<EventLocator.Segment> segment;
    if (d.depth() != null && d.depth() != 0) {
      segment = EventLocator.locate(points, d.depth() < 0 ? -1 : 1, maxDays);
    } else {
      Optional<EventLocator.Segment> dip = EventLocator.locate(points, -1, maxDays);
      Optional<EventLocator.Segment> rise = EventLocator.locate(points, 1, maxDays);
      segment =
          dip.isEmpty()
              ? rise
              : rise.isEmpty()
                  ? dip
                  : Math.abs(dip.get().z()) >= Math.abs(rise.get().z()) ? dip : rise;
    }
    return segment.map(d::located).orElse(d);
  }

  /** Each source's newest candidate of each flag type, keyed "source_id|flag_type". */
  private static Map<String, DbRow> latest(Tx tx, List<String> sourceIds) {
    Map<String, DbRow> latest = new HashMap<>();
    tx.query(
            "SELECT e.id, e.source_id, e.flag_type, e.status, e.significance FROM json_each(?) j "
                + "JOIN ese_candidates e ON e.source_id = j.value ORDER BY e.id",
            new JsonArray(sourceIds).encode())
        .forEach(
            row -> latest.put(row.getString("source_id") + "|" + row.getString("flag_type"), row));
    return latest;
  }

  /**
   * The events.ese message for a candidate, with the source's position and statistics (and what
   * made it, if known).
   */
  static Committed.Event event(Tx tx, long id, String change, Detection evidence) {
    JsonObject body =
        tx.first(
                "SELECT e.id, e.source_id, e.flag_type, e.significance, e.status, e.flagged_by, v.ra_deg AS ra, v.dec_deg AS dec, "
                    + "v.mean_flux_mjy, v.nvss_flux_mjy, v.n_obs FROM ese_candidates e JOIN variability_stats v ON e.source_id = v.source_id WHERE e.id = ?",
                id)
            .orElseThrow()
            .toJson()
            .put("change", change);
    if (evidence != null) {
      body.put("evidence", evidenceJson(evidence));
    }
    return new Committed.Event(Addresses.EVENTS_ESE, body);
  }

  static JsonObject evidenceJson(Detection d) {
    return new JsonObject()
        .put("detector", d.detector())
        .put("significance", d.significance())
        .put("local_sigma", d.localSigma())
        .put("trials", d.trials())
        .put("at_mjd", d.atMjd())
        .put("scale_days", d.scaleDays())
        .put("depth", d.depth())
        .put("direction", d.direction())
        .put("start_mjd", d.startMjd())
        .put("end_mjd", d.endMjd());
  }
}
