package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Sequentially;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flags extreme-scattering-event candidates from the statistics a batch just updated: {@code variability} when
 * a source with enough measurements scatters far beyond its errors (sigma_deviation or chi2_nu over threshold),
 * {@code rapid_change} when two consecutive measurements pass the two-epoch criteria of Mooley et al. (2016).
 * One open candidate per source and flag type: a stronger signal raises its significance, a weaker one changes
 * nothing; a dismissed candidate comes back only when the evidence exceeds what was dismissed by reflag_factor.
 */
final class EseCandidates {
  static final String CHANGE_NEW = "new";
  static final String CHANGE_STRONGER = "stronger";

  private final VariabilitySettings settings;

  EseCandidates(VariabilitySettings settings) {
    this.settings = settings;
  }

  private record Signal(String flagType, double significance) {
  }

  /** Flags what the updates show; the returned events are published once the transaction commits. */
  Future<List<Committed.Event>> evaluate(SqlConnection conn, List<Variability.Update> updates, double now) {
    List<Committed.Event> events = new ArrayList<>();
    List<Map.Entry<Variability.Update, Signal>> flagged = new ArrayList<>();
    updates.forEach(update -> signals(update).forEach(signal -> flagged.add(Map.entry(update, signal))));
    return Sequentially.forEach(flagged, entry -> flag(conn, entry.getKey(), entry.getValue(), now)
            .onSuccess(event -> event.ifPresent(events::add)))
        .map(done -> events);
  }

  private List<Signal> signals(Variability.Update update) {
    List<Signal> signals = new ArrayList<>();
    SourceState s = update.state();
    if (s.n >= settings.minObs()) {
      double significance = 0;
      Double sigma = s.sigmaDeviation();
      Double chi2 = s.chi2Nu();
      if (sigma != null && sigma >= settings.minSigma()) {
        significance = sigma;
      }
      if (chi2 != null && chi2 >= settings.minChi2Nu()) {
        significance = Math.max(significance, chi2);
      }
      if (significance > 0) {
        signals.add(new Signal("variability", significance));
      }
    }
    twoEpoch(update.step()).ifPresent(vs -> signals.add(new Signal("rapid_change", vs)));
    return signals;
  }

  /** |Vs| when the step passes |Vs| >= rapid_min_vs and |m| >= rapid_min_m (both points need errors). */
  private Optional<Double> twoEpoch(SourceState.Step step) {
    if (step == null || !step.previous().weighted() || !step.current().weighted()) {
      return Optional.empty();
    }
    double f1 = step.previous().fluxMjy();
    double f2 = step.current().fluxMjy();
    double deltaF = f2 - f1;
    double vs = deltaF / Math.sqrt(step.previous().errMjy() * step.previous().errMjy() + step.current().errMjy() * step.current().errMjy());
    double m = f1 + f2 == 0 ? Double.POSITIVE_INFINITY : 2 * deltaF / (f1 + f2);
    return Math.abs(vs) >= settings.rapidMinVs() && Math.abs(m) >= settings.rapidMinM() ? Optional.of(Math.abs(vs)) : Optional.empty();
  }

  private Future<Optional<Committed.Event>> flag(SqlConnection conn, Variability.Update update, Signal signal, double now) {
    String sourceId = update.state().sourceId;
    return latest(conn, sourceId, signal.flagType()).compose(latest -> {
      if (latest.isEmpty() || ("dismissed".equals(latest.get().getString("status"))
          && signal.significance() > latest.get().getDouble("significance") * settings.reflagFactor())) {
        return conn.preparedQuery("INSERT INTO ese_candidates (source_id, flagged_at, flagged_by, significance, flag_type, status) "
                + "VALUES (?, ?, 'auto', ?, ?, 'active')")
            .execute(Tuple.of(sourceId, now, signal.significance(), signal.flagType()))
            .compose(done -> conn.query("SELECT last_insert_rowid() AS id").execute())
            .compose(id -> event(conn, id.iterator().next().getLong("id"), CHANGE_NEW)).map(Optional::of);
      }
      Row open = latest.get();
      if (!"dismissed".equals(open.getString("status")) && signal.significance() > open.getDouble("significance")) {
        return conn.preparedQuery("UPDATE ese_candidates SET significance = ? WHERE id = ?")
            .execute(Tuple.of(signal.significance(), open.getLong("id")))
            .compose(done -> event(conn, open.getLong("id"), CHANGE_STRONGER)).map(Optional::of);
      }
      return Future.succeededFuture(Optional.empty());
    });
  }

  private static Future<Optional<Row>> latest(SqlConnection conn, String sourceId, String flagType) {
    return conn.preparedQuery("SELECT id, status, significance FROM ese_candidates WHERE source_id = ? AND flag_type = ? ORDER BY id DESC LIMIT 1")
        .execute(Tuple.of(sourceId, flagType))
        .map(rows -> rows.size() == 0 ? Optional.<Row>empty() : Optional.of(rows.iterator().next()));
  }

  /** The events.ese message for a candidate, with the source's position and statistics. */
  static Future<Committed.Event> event(SqlConnection conn, long id, String change) {
    return conn.preparedQuery("SELECT e.id, e.source_id, e.flag_type, e.significance, e.status, e.flagged_by, v.ra_deg AS ra, v.dec_deg AS dec, "
            + "v.mean_flux_mjy, v.nvss_flux_mjy, v.n_obs FROM ese_candidates e JOIN variability_stats v ON e.source_id = v.source_id WHERE e.id = ?")
        .execute(Tuple.of(id))
        .map(rows -> new Committed.Event(Addresses.EVENTS_ESE, rows.iterator().next().toJson().put("change", change)));
  }
}
