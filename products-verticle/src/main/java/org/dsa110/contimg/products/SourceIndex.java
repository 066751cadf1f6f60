package org.dsa110.contimg.products;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.common.store.Tx;

/**
 * Keeps the identity columns of variability_stats (position, NVSS flux, n_obs, last measurement)
 * current in the photometry transaction, one row per measured source, so sources with photometry
 * can be found by name or position without scanning photometry. The statistics columns are the
 * variability logic's.
 */
final class SourceIndex {
  private SourceIndex() {}

  /** Adds a batch's measurements to their sources: O(1) per source, never a read of the history. */
  static void add(Tx tx, List<Measurement> batch, double measuredAt, double mjd, double now) {
    Map<String, Measurement> latest = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Measurement m : batch) {
      latest.put(m.sourceId(), m);
      counts.merge(m.sourceId(), 1, Integer::sum);
    }
    List<Object[]> rows = new ArrayList<>();
    latest.forEach(
        (id, m) ->
            rows.add(
                new Object[] {
                  id, m.raDeg(), m.decDeg(), m.nvssFluxMjy(), counts.get(id), measuredAt, mjd, now
                }));
    tx.batch(
        "INSERT INTO variability_stats (source_id, ra_deg, dec_deg, nvss_flux_mjy, n_obs, last_measured_at, last_mjd, updated_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source_id) DO UPDATE SET "
            + "ra_deg = excluded.ra_deg, dec_deg = excluded.dec_deg, "
            + "nvss_flux_mjy = COALESCE(excluded.nvss_flux_mjy, variability_stats.nvss_flux_mjy), "
            + "n_obs = COALESCE(variability_stats.n_obs, 0) + excluded.n_obs, "
            + "last_measured_at = MAX(COALESCE(variability_stats.last_measured_at, 0), excluded.last_measured_at), "
            + "last_mjd = MAX(COALESCE(variability_stats.last_mjd, 0), excluded.last_mjd), updated_at = excluded.updated_at",
        rows);
  }

  /**
   * Rebuilds the rows of some sources from photometry (after an image's measurements were
   * replaced).
   */
  static void rebuild(Tx tx, List<String> sourceIds, double now) {
    List<Object[]> ids = sourceIds.stream().map(id -> new Object[] {now, id}).toList();
    tx.batch(
        "UPDATE variability_stats SET "
            + "n_obs = (SELECT COUNT(*) FROM photometry p WHERE p.source_id = variability_stats.source_id), "
            + "last_mjd = (SELECT MAX(mjd) FROM photometry p WHERE p.source_id = variability_stats.source_id), "
            + "last_measured_at = (SELECT MAX(measured_at) FROM photometry p WHERE p.source_id = variability_stats.source_id), "
            + "updated_at = ? WHERE source_id = ?",
        ids);
    tx.update(
        "DELETE FROM variability_stats WHERE n_obs = 0 AND source_id NOT IN (SELECT source_id FROM ese_candidates)");
  }
}
