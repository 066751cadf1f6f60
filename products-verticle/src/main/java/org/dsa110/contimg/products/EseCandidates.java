package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Sequentially;
import org.dsa110.contimg.products.variability.Detection;
import org.dsa110.contimg.products.variability.EventLocator;
import org.dsa110.contimg.products.variability.Point;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns detections into ESE candidates. A source is flagged ({@code variability} or {@code rapid_change}) when a
 * detector of that flag type reaches variability.min_significance (sigma-equivalent after trials, the same scale
 * for every rule). One open candidate per source and flag type: evidence a fifth stronger raises its significance,
 * less changes nothing; a dismissed candidate comes back only when the evidence exceeds what was dismissed by
 * reflag_factor. Each time a candidate is flagged or raised, every detector that passed is recorded as evidence
 * (hub_candidate_evidence), a variability departure located in the light curve (start, end while it lasts, depth).
 */
final class EseCandidates {
  static final String CHANGE_NEW = "new";
  static final String CHANGE_STRONGER = "stronger";
  /**
   * How much an open candidate's evidence must grow to be raised (new evidence rows, a "stronger" event): an ESE
   * in progress grows a little with every image, and raising it every time buried the steps that matter under
   * a row and an event per image and source (the bench's 150-day field, re-locating each event in its light
   * curve every day, did not finish in 20 minutes).
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

  /** Flags what the updates show; the returned events are published once the transaction commits. */
  Future<List<Committed.Event>> evaluate(SqlConnection conn, List<LightCurves.Update> updates, double now) {
    List<Map.Entry<LightCurves.Update, List<Detection>>> passing = new ArrayList<>();
    for (LightCurves.Update update : updates) {
      Map<String, List<Detection>> byType = new LinkedHashMap<>();
      update.detections().stream().filter(d -> d.significance() >= settings.minSignificance())
          .sorted(Comparator.comparingDouble(Detection::significance).reversed())
          .forEach(d -> byType.computeIfAbsent(d.flagType(), k -> new ArrayList<>()).add(d));
      byType.values().forEach(passed -> passing.add(Map.entry(update, passed)));
    }
    if (passing.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Committed.Event> events = new ArrayList<>();
    // a source's candidate is looked up once per batch for all of them: every source in an ongoing event
    // passes again with every image, and one query each made the batch's cost grow with the number of events
    return latest(conn, passing.stream().map(entry -> entry.getKey().sourceId()).distinct().toList())
        .compose(latest -> Sequentially.forEach(passing, entry -> {
          String key = entry.getKey().sourceId() + "|" + entry.getValue().get(0).flagType();
          return flag(conn, entry.getKey(), entry.getValue(), Optional.ofNullable(latest.get(key)), now)
              .onSuccess(event -> event.ifPresent(events::add));
        }))
        .map(done -> events);
  }

  /** passed: the detections of one flag type that reached the threshold, strongest first; latest: that type's newest candidate. */
  private Future<Optional<Committed.Event>> flag(SqlConnection conn, LightCurves.Update update, List<Detection> passed, Optional<Row> latest,
                                                 double now) {
    String sourceId = update.sourceId();
    Detection best = passed.get(0);
    if (latest.isEmpty() || ("dismissed".equals(latest.get().getString("status"))
        && best.significance() > latest.get().getDouble("significance") * settings.reflagFactor())) {
      return conn.preparedQuery("INSERT INTO ese_candidates (source_id, flagged_at, flagged_by, significance, flag_type, status) "
              + "VALUES (?, ?, 'auto', ?, ?, 'active') RETURNING id")
          .execute(Tuple.of(sourceId, now, best.significance(), best.flagType()))
          .map(rows -> rows.iterator().next().getLong("id"))
          .compose(id -> evidence(conn, id, sourceId, passed, now).compose(located -> event(conn, id, CHANGE_NEW, located)))
          .map(Optional::of);
    }
    Row open = latest.get();
    if (!"dismissed".equals(open.getString("status")) && best.significance() >= open.getDouble("significance") * STRONGER) {
      long id = open.getLong("id");
      return conn.preparedQuery("UPDATE ese_candidates SET significance = ? WHERE id = ?").execute(Tuple.of(best.significance(), id))
          .compose(done -> evidence(conn, id, sourceId, passed, now))
          .compose(located -> event(conn, id, CHANGE_STRONGER, located))
          .map(Optional::of);
    }
    return Future.succeededFuture(Optional.empty());
  }

  /** Records the detections as the candidate's evidence; gives back the strongest, located. */
  private Future<Detection> evidence(SqlConnection conn, long candidateId, String sourceId, List<Detection> passed, double now) {
    boolean needsLocating = passed.stream().anyMatch(d -> d.startMjd() == null);
    Future<List<Point>> points = needsLocating ? lightCurves.points(conn, sourceId) : Future.succeededFuture(List.of());
    return points.compose(curve -> {
      List<Point> weighted = curve.stream().filter(Point::weighted).toList();
      List<Detection> located = passed.stream().map(d -> d.startMjd() != null ? d : locate(d, weighted)).toList();
      List<Tuple> rows = located.stream().map(d -> Tuple.from(new Object[] {candidateId, sourceId, d.detector(), d.significance(), d.localSigma(),
          d.trials(), d.atMjd(), d.scaleDays(), d.depth(), d.direction(), d.startMjd(), d.endMjd(),
          (long) weighted.stream().filter(p -> d.startMjd() != null && p.mjd() >= d.startMjd() && (d.endMjd() == null || p.mjd() <= d.endMjd())).count(),
          now})).toList();
      return conn.preparedQuery("INSERT INTO hub_candidate_evidence (candidate_id, source_id, detector, significance, local_sigma, trials, at_mjd, "
              + "scale_days, depth, direction, start_mjd, end_mjd, n_points, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .executeBatch(rows)
          .map(done -> located.get(0));
    });
  }

  /** Where the departure lies: in the detection's direction, or (eta, a single deviation) whichever is stronger. */
  private Detection locate(Detection d, List<Point> points) {
    double maxDays = 3 * longestScaleDays;
    Optional<EventLocator.Segment> segment;
    if (d.depth() != null && d.depth() != 0) {
      segment = EventLocator.locate(points, d.depth() < 0 ? -1 : 1, maxDays);
    } else {
      Optional<EventLocator.Segment> dip = EventLocator.locate(points, -1, maxDays);
      Optional<EventLocator.Segment> rise = EventLocator.locate(points, 1, maxDays);
      segment = dip.isEmpty() ? rise : rise.isEmpty() ? dip : Math.abs(dip.get().z()) >= Math.abs(rise.get().z()) ? dip : rise;
    }
    return segment.map(d::located).orElse(d);
  }

  /** Each source's newest candidate of each flag type, keyed "source_id|flag_type". */
  private static Future<Map<String, Row>> latest(SqlConnection conn, List<String> sourceIds) {
    return conn.preparedQuery("SELECT e.id, e.source_id, e.flag_type, e.status, e.significance FROM json_each(?) j "
            + "JOIN ese_candidates e ON e.source_id = j.value ORDER BY e.id")
        .execute(Tuple.of(new JsonArray(sourceIds).encode()))
        .map(rows -> {
          Map<String, Row> latest = new HashMap<>();
          rows.forEach(row -> latest.put(row.getString("source_id") + "|" + row.getString("flag_type"), row));
          return latest;
        });
  }

  /** The events.ese message for a candidate, with the source's position and statistics (and what made it, if known). */
  static Future<Committed.Event> event(SqlConnection conn, long id, String change, Detection evidence) {
    return conn.preparedQuery("SELECT e.id, e.source_id, e.flag_type, e.significance, e.status, e.flagged_by, v.ra_deg AS ra, v.dec_deg AS dec, "
            + "v.mean_flux_mjy, v.nvss_flux_mjy, v.n_obs FROM ese_candidates e JOIN variability_stats v ON e.source_id = v.source_id WHERE e.id = ?")
        .execute(Tuple.of(id))
        .map(rows -> {
          JsonObject body = rows.iterator().next().toJson().put("change", change);
          if (evidence != null) {
            body.put("evidence", evidenceJson(evidence));
          }
          return new Committed.Event(Addresses.EVENTS_ESE, body);
        });
  }

  static JsonObject evidenceJson(Detection d) {
    return new JsonObject().put("detector", d.detector()).put("significance", d.significance()).put("local_sigma", d.localSigma())
        .put("trials", d.trials()).put("at_mjd", d.atMjd()).put("scale_days", d.scaleDays()).put("depth", d.depth())
        .put("direction", d.direction()).put("start_mjd", d.startMjd()).put("end_mjd", d.endMjd());
  }
}
