package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the identity columns of variability_stats (position, NVSS flux, n_obs, last measurement) current in
 * the photometry transaction, one row per measured source, so sources with photometry can be found by name
 * or position without scanning photometry. The statistics columns are the variability logic's.
 */
final class SourceIndex {
  private SourceIndex() {
  }

  /** Adds a batch's measurements to their sources: O(1) per source, never a read of the history. */
  static Future<Void> add(SqlConnection conn, List<Measurement> batch, double measuredAt, double mjd, double now) {
    Map<String, Measurement> latest = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Measurement m : batch) {
      latest.put(m.sourceId(), m);
      counts.merge(m.sourceId(), 1, Integer::sum);
    }
    List<Tuple> rows = new ArrayList<>();
    latest.forEach((id, m) -> rows.add(Tuple.of(id, m.raDeg(), m.decDeg(), m.nvssFluxMjy(), counts.get(id), measuredAt, mjd, now)));
    return conn.preparedQuery("INSERT INTO variability_stats (source_id, ra_deg, dec_deg, nvss_flux_mjy, n_obs, last_measured_at, last_mjd, updated_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source_id) DO UPDATE SET "
            + "ra_deg = excluded.ra_deg, dec_deg = excluded.dec_deg, "
            + "nvss_flux_mjy = COALESCE(excluded.nvss_flux_mjy, variability_stats.nvss_flux_mjy), "
            + "n_obs = COALESCE(variability_stats.n_obs, 0) + excluded.n_obs, "
            + "last_measured_at = MAX(COALESCE(variability_stats.last_measured_at, 0), excluded.last_measured_at), "
            + "last_mjd = MAX(COALESCE(variability_stats.last_mjd, 0), excluded.last_mjd), updated_at = excluded.updated_at")
        .executeBatch(rows)
        .mapEmpty();
  }

  /** Rebuilds the rows of some sources from photometry (after an image's measurements were replaced). */
  static Future<Void> rebuild(SqlConnection conn, List<String> sourceIds, double now) {
    List<Tuple> ids = sourceIds.stream().map(id -> Tuple.of(now, id)).toList();
    return conn.preparedQuery("UPDATE variability_stats SET "
            + "n_obs = (SELECT COUNT(*) FROM photometry p WHERE p.source_id = variability_stats.source_id), "
            + "last_mjd = (SELECT MAX(mjd) FROM photometry p WHERE p.source_id = variability_stats.source_id), "
            + "last_measured_at = (SELECT MAX(measured_at) FROM photometry p WHERE p.source_id = variability_stats.source_id), "
            + "updated_at = ? WHERE source_id = ?")
        .executeBatch(ids)
        .compose(done -> conn.query("DELETE FROM variability_stats WHERE n_obs = 0 AND source_id NOT IN (SELECT source_id FROM ese_candidates)").execute())
        .mapEmpty();
  }
}
