package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.dsa110.contimg.common.bus.Mjd;
import org.dsa110.contimg.products.variability.Detection;
import org.dsa110.contimg.products.variability.DetectorSettings;
import org.dsa110.contimg.products.variability.Detectors;
import org.dsa110.contimg.products.variability.ImageScale;
import org.dsa110.contimg.products.variability.Point;
import org.dsa110.contimg.products.variability.RunningStatistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps each source's {@link RunningStatistics} (hub_source_state) and its seed statistics (variability_stats)
 * current in the photometry transaction, on normalised fluxes: one state row read and written per touched source,
 * never its history, except for a source without a state yet (its first measurement, a database imported with
 * photometry, or a state built with other parameters), whose state is built from its photometry once.
 */
final class LightCurves {
  private final DetectorSettings settings;
  private final Detectors detectors;

  LightCurves(DetectorSettings settings) {
    this.settings = settings;
    this.detectors = new Detectors(settings);
  }

  /** Where a source is, from its newest measurement. */
  record Identity(double raDeg, double decDeg, Double nvssFluxMjy) {
  }

  /** A source after an update: its state, where it is, and what every detector says of it now. */
  record Update(String sourceId, RunningStatistics state, Identity identity, List<Detection> detections) {
    Optional<Detection> strongest() {
      return detections.stream().max((a, b) -> Double.compare(a.significance(), b.significance()));
    }
  }

  /**
   * Adds normalised points to their sources. {@code excludeImage} is the image the points come from: its rows are
   * already stored, and must not also be read back as history when a state is built.
   */
  Future<List<Update>> add(SqlConnection conn, Map<String, List<Point>> points, Map<String, Identity> identities, String excludeImage,
                           double now) {
    List<String> ids = new ArrayList<>(points.keySet());
    return states(conn, ids, excludeImage).compose(states -> {
      List<Update> updates = new ArrayList<>(ids.size());
      for (String id : ids) {
        RunningStatistics state = states.computeIfAbsent(id, k -> settings.newStatistics());
        points.get(id).forEach(state::add);
        updates.add(new Update(id, state, identities.get(id), detectors.evaluate(state)));
      }
      return write(conn, updates, now).map(updates);
    });
  }

  /** Rebuilds the states of some sources from their photometry (after rows were replaced, deleted or normalised anew). */
  Future<List<Update>> rebuild(SqlConnection conn, List<String> sourceIds, double now) {
    JsonArray ids = new JsonArray(sourceIds);
    return conn.preparedQuery("DELETE FROM hub_source_state WHERE source_id IN (SELECT value FROM json_each(?))").execute(Tuple.of(ids.encode()))
        .compose(deleted -> history(conn, sourceIds, ""))
        .compose(histories -> {
          List<Update> updates = new ArrayList<>();
          histories.forEach((id, h) -> updates.add(new Update(id, h.state(), h.identity(), detectors.evaluate(h.state()))));
          return write(conn, updates, now).map(updates);
        })
        .compose(updates -> conn.preparedQuery("DELETE FROM variability_stats WHERE source_id IN (SELECT value FROM json_each(?)) "
                + "AND source_id NOT IN (SELECT source_id FROM photometry) AND source_id NOT IN (SELECT source_id FROM ese_candidates)")
            .execute(Tuple.of(ids.encode())).map(updates));
  }

  /** Records where sources are without touching their statistics (their points wait for normalisation). */
  static Future<Void> identify(SqlConnection conn, Map<String, Identity> identities, double now) {
    List<Tuple> rows = new ArrayList<>();
    identities.forEach((id, where) -> rows.add(Tuple.of(id, where.raDeg(), where.decDeg(), where.nvssFluxMjy(), now)));
    return rows.isEmpty() ? Future.succeededFuture() : conn.preparedQuery("INSERT INTO variability_stats (source_id, ra_deg, dec_deg, "
            + "nvss_flux_mjy, n_obs, updated_at) VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT(source_id) DO UPDATE SET ra_deg = excluded.ra_deg, "
            + "dec_deg = excluded.dec_deg, nvss_flux_mjy = COALESCE(excluded.nvss_flux_mjy, variability_stats.nvss_flux_mjy)")
        .executeBatch(rows).mapEmpty();
  }

  /** One source's usable points on the common scale, oldest first (for locating an event in it). */
  Future<List<Point>> points(SqlConnection conn, String sourceId) {
    return rows(conn, List.of(sourceId), "").map(rows -> {
      List<Point> points = new ArrayList<>();
      rows.forEach(row -> points.add(point(row)));
      return points;
    });
  }

  private record History(RunningStatistics state, Identity identity) {
  }

  private Future<Map<String, RunningStatistics>> states(SqlConnection conn, List<String> ids, String excludeImage) {
    Map<String, RunningStatistics> states = new LinkedHashMap<>();
    return conn.preparedQuery("SELECT s.source_id, s.state FROM json_each(?) j JOIN hub_source_state s ON s.source_id = j.value")
        .execute(Tuple.of(new JsonArray(ids).encode()))
        .compose(rows -> {
          rows.forEach(row -> RunningStatistics.decode(row.getString("state"), settings.scalesDays(), settings.rapidMinVs(), settings.rapidMinM())
              .ifPresent(state -> states.put(row.getString("source_id"), state)));
          List<String> missing = ids.stream().filter(id -> !states.containsKey(id)).toList();
          return missing.isEmpty() ? Future.succeededFuture(states) : history(conn, missing, excludeImage).map(histories -> {
            histories.forEach((id, h) -> states.put(id, h.state()));
            return states;
          });
        });
  }

  /** The states the sources' usable photometry gives, oldest measurement first. */
  private Future<Map<String, History>> history(SqlConnection conn, List<String> ids, String excludeImage) {
    return rows(conn, ids, excludeImage).map(rows -> {
      Map<String, History> histories = new LinkedHashMap<>();
      for (Row row : rows) {
        String id = row.getString("source_id");
        History known = histories.get(id);
        RunningStatistics state = known == null ? settings.newStatistics() : known.state();
        state.add(point(row));
        Double nvss = row.getDouble("nvss_flux_mjy");
        histories.put(id, new History(state, new Identity(row.getDouble("ra_deg"), row.getDouble("dec_deg"),
            nvss != null ? nvss : known == null ? null : known.identity().nvssFluxMjy())));
      }
      return histories;
    });
  }

  private static Future<RowSet<Row>> rows(SqlConnection conn, List<String> ids, String excludeImage) {
    return conn.preparedQuery("SELECT p.source_id, p.mjd, p.measured_at, p.peak_jyb, p.peak_err_jyb, p.flags, p.ra_deg, p.dec_deg, p.nvss_flux_mjy, "
            + "i.noise_jy, g.gain, g.gain_err, g.floor_used FROM json_each(?) j JOIN photometry p ON p.source_id = j.value "
            + "JOIN hub_image_gains g ON g.image_path = p.image_path AND g.status IN " + ImageGains.USABLE + " "
            + "LEFT JOIN images i ON i.path = p.image_path WHERE p.image_path != ? ORDER BY p.source_id, p.mjd, p.id")
        .execute(Tuple.of(new JsonArray(ids).encode(), excludeImage));
  }

  private static Point point(Row row) {
    Double mjd = row.getDouble("mjd");
    Long flags = row.getLong("flags");
    ImageScale scale = new ImageScale(row.getDouble("gain"), row.getDouble("gain_err"), row.getDouble("floor_used"));
    return PhotometryPoints.point(scale, mjd != null ? mjd : Mjd.UNIX_EPOCH + row.getDouble("measured_at") / 86400, row.getDouble("peak_jyb"),
        row.getDouble("peak_err_jyb"), row.getDouble("noise_jy"), flags == null ? 0 : flags);
  }

  private static Future<Void> write(SqlConnection conn, List<Update> updates, double now) {
    if (updates.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> states = new ArrayList<>(updates.size());
    List<Tuple> stats = new ArrayList<>(updates.size());
    for (Update u : updates) {
      RunningStatistics s = u.state();
      Optional<Detection> strongest = u.strongest();
      states.add(Tuple.from(new Object[] {u.sourceId(), s.encode(), s.eta(), s.v(), s.weightedMean(), s.nWeighted(), s.vsMax(), s.mMax(),
          strongest.map(Detection::significance).orElse(null), strongest.map(Detection::detector).orElse(null), now}));
      Double deviation = s.maxDeviation();
      stats.add(Tuple.from(new Object[] {u.sourceId(), u.identity().raDeg(), u.identity().decDeg(), u.identity().nvssFluxMjy(), s.n(), s.mean(),
          s.std(), s.min(), s.max(), s.eta(), deviation == null ? null : Math.abs(deviation),
          s.n() == 0 ? null : Mjd.toUnixSeconds(s.lastMjd()), s.n() == 0 ? null : s.lastMjd(), now}));
    }
    return conn.preparedQuery("INSERT OR REPLACE INTO hub_source_state (source_id, state, eta, v, weighted_mean_mjy, n_w, vs_max, m_max, "
            + "significance, detector, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .executeBatch(states)
        .compose(done -> conn.preparedQuery("INSERT INTO variability_stats (source_id, ra_deg, dec_deg, nvss_flux_mjy, n_obs, mean_flux_mjy, "
                + "std_flux_mjy, min_flux_mjy, max_flux_mjy, chi2_nu, sigma_deviation, last_measured_at, last_mjd, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source_id) DO UPDATE SET ra_deg = excluded.ra_deg, "
                + "dec_deg = excluded.dec_deg, nvss_flux_mjy = COALESCE(excluded.nvss_flux_mjy, variability_stats.nvss_flux_mjy), "
                + "n_obs = excluded.n_obs, mean_flux_mjy = excluded.mean_flux_mjy, std_flux_mjy = excluded.std_flux_mjy, "
                + "min_flux_mjy = excluded.min_flux_mjy, max_flux_mjy = excluded.max_flux_mjy, chi2_nu = excluded.chi2_nu, "
                + "sigma_deviation = excluded.sigma_deviation, last_measured_at = excluded.last_measured_at, "
                + "last_mjd = excluded.last_mjd, updated_at = excluded.updated_at")
            .executeBatch(stats))
        .mapEmpty();
  }
}
