package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.dsa110.contimg.common.bus.Mjd;
import org.dsa110.contimg.common.bus.Sequentially;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Keeps variability_stats current from each source's running state (hub_source_sums), in the photometry
 * transaction: one state row read and written per touched source, never its history. A source without a
 * state row yet (its first measurement, or a database imported with photometry but no states) gets one built
 * from its photometry rows once.
 */
final class Variability {
  private static final int CHUNK = 500;

  private Variability() {
  }

  /** A source after a batch: its state, where it is, and the step its newest point made (for the two-epoch rule). */
  record Update(SourceState state, double raDeg, double decDeg, Double nvssFluxMjy, SourceState.Step step) {
  }

  /** Adds a batch's points to their sources; call it before the batch's own rows are inserted. */
  static Future<List<Update>> apply(SqlConnection conn, List<Measurement> batch, double mjd, double now) {
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(batch.stream().map(Measurement::sourceId).toList()));
    return states(conn, ids).compose(states -> {
      Map<String, Update> updates = new LinkedHashMap<>();
      for (Measurement m : batch) {
        SourceState state = states.computeIfAbsent(m.sourceId(), SourceState::new);
        SourceState.Step step = state.add(SourceState.Point.of(m.peakJyb(), m.peakErrJyb(), mjd));
        Update previous = updates.get(m.sourceId());
        updates.put(m.sourceId(), new Update(state, m.raDeg(), m.decDeg(),
            m.nvssFluxMjy() != null ? m.nvssFluxMjy() : previous == null ? null : previous.nvssFluxMjy(),
            step != null ? step : previous == null ? null : previous.step()));
      }
      List<Update> result = new ArrayList<>(updates.values());
      return write(conn, result, now).map(result);
    });
  }

  /** Rebuilds the states of some sources from their photometry (after rows were replaced or deleted). */
  static Future<List<Update>> rebuild(SqlConnection conn, List<String> sourceIds, double now) {
    List<Update> rebuilt = new ArrayList<>();
    return Sequentially.forEach(chunks(sourceIds), chunk -> conn.preparedQuery("DELETE FROM hub_source_sums WHERE source_id IN (" + marks(chunk) + ")")
            .execute(Tuple.from(chunk))
            .compose(deleted -> history(conn, chunk))
            .map(histories -> {
              histories.values().forEach(h -> rebuilt.add(new Update(h.state(), h.raDeg(), h.decDeg(), h.nvssFluxMjy(), null)));
              return null;
            }))
        .compose(done -> write(conn, rebuilt, now))
        .compose(done -> Sequentially.forEach(chunks(sourceIds), chunk -> conn.preparedQuery("DELETE FROM variability_stats "
            + "WHERE source_id IN (" + marks(chunk) + ") AND source_id NOT IN (SELECT source_id FROM hub_source_sums) "
            + "AND source_id NOT IN (SELECT source_id FROM ese_candidates)").execute(Tuple.from(chunk))))
        .map(done -> rebuilt);
  }

  private static Future<Map<String, SourceState>> states(SqlConnection conn, List<String> ids) {
    Map<String, SourceState> states = new LinkedHashMap<>();
    return Sequentially.forEach(chunks(ids), chunk -> conn.preparedQuery("SELECT " + SourceState.COLUMNS + " FROM hub_source_sums WHERE source_id IN ("
            + marks(chunk) + ")").execute(Tuple.from(chunk))
            .compose(rows -> {
              rows.forEach(row -> states.put(row.getString("source_id"), SourceState.from(row)));
              List<String> missing = chunk.stream().filter(id -> !states.containsKey(id)).toList();
              return missing.isEmpty() ? Future.succeededFuture() : history(conn, missing)
                  .map(histories -> {
                    histories.forEach((id, h) -> states.put(id, h.state()));
                    return null;
                  });
            }))
        .map(done -> states);
  }

  private record History(SourceState state, double raDeg, double decDeg, Double nvssFluxMjy) {
  }

  /** The states the sources' recorded photometry gives, oldest measurement first. */
  private static Future<Map<String, History>> history(SqlConnection conn, List<String> ids) {
    return conn.preparedQuery("SELECT source_id, peak_jyb, peak_err_jyb, mjd, measured_at, ra_deg, dec_deg, nvss_flux_mjy FROM photometry "
            + "WHERE source_id IN (" + marks(ids) + ") ORDER BY source_id, mjd, id").execute(Tuple.from(ids))
        .map(rows -> {
          Map<String, History> histories = new LinkedHashMap<>();
          for (Row row : rows) {
            String id = row.getString("source_id");
            History known = histories.get(id);
            SourceState state = known == null ? new SourceState(id) : known.state();
            Double mjd = row.getDouble("mjd");
            state.add(SourceState.Point.of(row.getDouble("peak_jyb"), row.getDouble("peak_err_jyb"),
                mjd != null ? mjd : Mjd.UNIX_EPOCH + row.getDouble("measured_at") / 86400));
            Double nvss = row.getDouble("nvss_flux_mjy");
            histories.put(id, new History(state, row.getDouble("ra_deg"), row.getDouble("dec_deg"),
                nvss != null ? nvss : known == null ? null : known.nvssFluxMjy()));
          }
          return histories;
        });
  }

  private static Future<Void> write(SqlConnection conn, List<Update> updates, double now) {
    if (updates.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> sums = new ArrayList<>();
    List<Tuple> stats = new ArrayList<>();
    for (Update u : updates) {
      SourceState s = u.state();
      sums.add(s.toTuple());
      stats.add(Tuple.of(s.sourceId, u.raDeg(), u.decDeg(), u.nvssFluxMjy(), s.n, s.mean, s.std(), s.minFlux, s.maxFlux, s.chi2Nu(),
          s.sigmaDeviation(), Mjd.toUnixSeconds(s.lastMjd), s.lastMjd, now));
    }
    return conn.preparedQuery("INSERT OR REPLACE INTO hub_source_sums (" + SourceState.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .executeBatch(sums)
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

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += CHUNK) {
      chunks.add(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
    }
    return chunks;
  }

  private static String marks(List<String> ids) {
    return String.join(", ", ids.stream().map(id -> "?").toList());
  }
}
