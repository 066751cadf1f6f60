package org.dsa110.contimg.products;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsa110.contimg.common.bus.Mjd;
import org.dsa110.contimg.common.store.DbRow;
import org.dsa110.contimg.common.store.Tx;
import org.dsa110.contimg.products.variability.Detection;
import org.dsa110.contimg.products.variability.DetectorSettings;
import org.dsa110.contimg.products.variability.Detectors;
import org.dsa110.contimg.products.variability.ImageScale;
import org.dsa110.contimg.products.variability.Point;
import org.dsa110.contimg.products.variability.RunningStatistics;

/**
 * Keeps each source's {@link RunningStatistics} (hub_source_state) and its seed statistics
 * (variability_stats) current in the photometry transaction, on normalised fluxes: one state row
 * read and written per touched source, never its history, except for a source without a state yet
 * (its first measurement, a database imported with photometry, or a state built with other
 * parameters), whose state is built from its photometry once.
 */
final class LightCurves {
  private final DetectorSettings settings;
  private final Detectors detectors;

  LightCurves(DetectorSettings settings) {
    this.settings = settings;
    this.detectors = new Detectors(settings);
  }

  /** Where a source is, from its newest measurement. */
  record Identity(double raDeg, double decDeg, Double nvssFluxMjy) {}

  /** A source after an update: its state, where it is, and what every detector says of it now. */
  record Update(
      String sourceId, RunningStatistics state, Identity identity, List<Detection> detections) {
    Optional<Detection> strongest() {
      return detections.stream().max((a, b) -> Double.compare(a.significance(), b.significance()));
    }
  }

  /**
   * Adds normalised points to their sources. {@code excludeImage} is the image the points come
   * from: its rows are already stored, and must not also be read back as history when a state is
   * built.
   */
  List<Update> add(
      Tx tx,
      Map<String, List<Point>> points,
      Map<String, Identity> identities,
      String excludeImage,
      double now) {
    List<String> ids = new ArrayList<>(points.keySet());
    Map<String, RunningStatistics> states = states(tx, ids, excludeImage);
    List<Update> updates = new ArrayList<>(ids.size());
    for (String id : ids) {
      RunningStatistics state = states.computeIfAbsent(id, k -> settings.newStatistics());
      points.get(id).forEach(state::add);
      updates.add(new Update(id, state, identities.get(id), detectors.evaluate(state)));
    }
    write(tx, updates, now);
    return updates;
  }

  /**
   * Rebuilds the states of some sources from their photometry (after rows were replaced, deleted or
   * normalised anew).
   */
  List<Update> rebuild(Tx tx, List<String> sourceIds, double now) {
    String ids = new JsonArray(sourceIds).encode();
    tx.update(
        "DELETE FROM hub_source_state WHERE source_id IN (SELECT value FROM json_each(?))", ids);
    List<Update> updates = new ArrayList<>();
    history(tx, sourceIds, "")
        .forEach(
            (id, h) ->
                updates.add(
                    new Update(id, h.state(), h.identity(), detectors.evaluate(h.state()))));
    write(tx, updates, now);
    tx.update(
        "DELETE FROM variability_stats WHERE source_id IN (SELECT value FROM json_each(?)) "
            + "AND source_id NOT IN (SELECT source_id FROM photometry) AND source_id NOT IN (SELECT source_id FROM ese_candidates)",
        ids);
    return updates;
  }

  /**
   * Records where sources are without touching their statistics (their points wait for
   * normalisation).
   */
  static void identify(Tx tx, Map<String, Identity> identities, double now) {
    List<Object[]> rows = new ArrayList<>();
    identities.forEach(
        (id, where) ->
            rows.add(new Object[] {id, where.raDeg(), where.decDeg(), where.nvssFluxMjy(), now}));
    tx.batch(
        "INSERT INTO variability_stats (source_id, ra_deg, dec_deg, nvss_flux_mjy, n_obs, updated_at) VALUES (?, ?, ?, ?, 0, ?) "
            + "ON CONFLICT(source_id) DO UPDATE SET ra_deg = excluded.ra_deg, dec_deg = excluded.dec_deg, "
            + "nvss_flux_mjy = COALESCE(excluded.nvss_flux_mjy, variability_stats.nvss_flux_mjy)",
        rows);
  }

  /** One source's usable points on the common scale, oldest first (for locating an event in it). */
  List<Point> points(Tx tx, String sourceId) {
    return rows(tx, List.of(sourceId), "").stream().map(LightCurves::point).toList();
  }

  private record History(RunningStatistics state, Identity identity) {}

  private Map<String, RunningStatistics> states(Tx tx, List<String> ids, String excludeImage) {
    Map<String, RunningStatistics> states = new LinkedHashMap<>();
    tx.query(
            "SELECT s.source_id, s.state FROM json_each(?) j JOIN hub_source_state s ON s.source_id = j.value",
            new JsonArray(ids).encode())
        .forEach(
            row ->
                RunningStatistics.decode(
                        row.getString("state"),
                        settings.scalesDays(),
                        settings.rapidMinVs(),
                        settings.rapidMinM())
                    .ifPresent(state -> states.put(row.getString("source_id"), state)));
    List<String> missing = ids.stream().filter(id -> !states.containsKey(id)).toList();
    if (!missing.isEmpty()) {
      history(tx, missing, excludeImage).forEach((id, h) -> states.put(id, h.state()));
    }
    return states;
  }

  /** The states the sources' usable photometry gives, oldest measurement first. */
  private Map<String, History> history(Tx tx, List<String> ids, String excludeImage) {
    Map<String, History> histories = new LinkedHashMap<>();
    for (DbRow row : rows(tx, ids, excludeImage)) {
      String id = row.getString("source_id");
      History known = histories.get(id);
      RunningStatistics state = known == null ? settings.newStatistics() : known.state();
      state.add(point(row));
      Double nvss = row.getDouble("nvss_flux_mjy");
      histories.put(
          id,
          new History(
              state,
              new Identity(
                  row.getDouble("ra_deg"),
                  row.getDouble("dec_deg"),
                  nvss != null ? nvss : known == null ? null : known.identity().nvssFluxMjy())));
    }
    return histories;
  }

  private static List<DbRow> rows(Tx tx, List<String> ids, String excludeImage) {
    return tx.query(
        "SELECT p.source_id, p.mjd, p.measured_at, p.peak_jyb, p.peak_err_jyb, p.flags, p.ra_deg, p.dec_deg, p.nvss_flux_mjy, "
            + "i.noise_jy, g.gain, g.gain_err, g.floor_used FROM json_each(?) j JOIN photometry p ON p.source_id = j.value "
            + "JOIN hub_image_gains g ON g.image_path = p.image_path AND g.status IN "
            + ImageGains.USABLE
            + " "
            + "LEFT JOIN images i ON i.path = p.image_path WHERE p.image_path != ? ORDER BY p.source_id, p.mjd, p.id",
        new JsonArray(ids).encode(),
        excludeImage);
  }

  private static Point point(DbRow row) {
    Double mjd = row.getDouble("mjd");
    Long flags = row.getLong("flags");
    ImageScale scale =
        new ImageScale(
            row.getDouble("gain"), row.getDouble("gain_err"), row.getDouble("floor_used"));
    return PhotometryPoints.point(
        scale,
        mjd != null ? mjd : Mjd.UNIX_EPOCH + row.getDouble("measured_at") / 86400,
        row.getDouble("peak_jyb"),
        row.getDouble("peak_err_jyb"),
        row.getDouble("noise_jy"),
        flags == null ? 0 : flags);
  }

  private static void write(Tx tx, List<Update> updates, double now) {
    List<Object[]> states = new ArrayList<>(updates.size());
    List<Object[]> stats = new ArrayList<>(updates.size());
    for (Update u : updates) {
      RunningStatistics s = u.state();
      Optional<Detection> strongest = u.strongest();
      states.add(
          new Object[] {
            u.sourceId(),
            s.encode(),
            s.eta(),
            s.v(),
            s.weightedMean(),
            s.nWeighted(),
            s.vsMax(),
            s.mMax(),
            strongest.map(Detection::significance).orElse(null),
            strongest.map(Detection::detector).orElse(null),
            now
          });
      Double deviation = s.maxDeviation();
      stats.add(
          new Object[] {
            u.sourceId(),
            u.identity().raDeg(),
            u.identity().decDeg(),
            u.identity().nvssFluxMjy(),
            s.n(),
            s.mean(),
            s.std(),
            s.min(),
            s.max(),
            s.eta(),
            deviation == null ? null : Math.abs(deviation),
            s.n() == 0 ? null : Mjd.toUnixSeconds(s.lastMjd()),
            s.n() == 0 ? null : s.lastMjd(),
            now
          });
    }
    tx.batch(
        "INSERT OR REPLACE INTO hub_source_state (source_id, state, eta, v, weighted_mean_mjy, n_w, vs_max, m_max, "
            + "significance, detector, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        states);
    tx.batch(
        "INSERT INTO variability_stats (source_id, ra_deg, dec_deg, nvss_flux_mjy, n_obs, mean_flux_mjy, "
            + "std_flux_mjy, min_flux_mjy, max_flux_mjy, chi2_nu, sigma_deviation, last_measured_at, last_mjd, updated_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source_id) DO UPDATE SET ra_deg = excluded.ra_deg, "
            + "dec_deg = excluded.dec_deg, nvss_flux_mjy = COALESCE(excluded.nvss_flux_mjy, variability_stats.nvss_flux_mjy), "
            + "n_obs = excluded.n_obs, mean_flux_mjy = excluded.mean_flux_mjy, std_flux_mjy = excluded.std_flux_mjy, "
            + "min_flux_mjy = excluded.min_flux_mjy, max_flux_mjy = excluded.max_flux_mjy, chi2_nu = excluded.chi2_nu, "
            + "sigma_deviation = excluded.sigma_deviation, last_measured_at = excluded.last_measured_at, "
            + "last_mjd = excluded.last_mjd, updated_at = excluded.updated_at",
        stats);
  }
}
