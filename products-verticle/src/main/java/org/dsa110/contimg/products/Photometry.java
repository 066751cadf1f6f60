package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.Mjd;
import org.dsa110.contimg.common.bus.UnixTime;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.store.Where;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * photometry: forced-photometry measurements, a whole image's batch at a time.
 *
 * <p>A batch lands in one transaction, all or nothing. Every row carries the observation's time (the MJD the
 * request gives, and measured_at as that instant in Unix seconds), never the wall clock of recording. An image's
 * measurements are recorded once: a batch re-sent for an image that already has them is acknowledged without
 * writing ({@code duplicate: true}); {@code replace: true} swaps the old measurements for the new ones.
 */
final class Photometry {
  static final int MAX_BATCH = 200_000;
  private static final int MAX_POINTS = 100_000;

  private final SqliteStore store;
  private final VariabilitySettings variability;
  private final EseCandidates candidates;

  Photometry(SqliteStore store, VariabilitySettings variability, EseCandidates candidates) {
    this.store = store;
    this.variability = variability;
    this.candidates = candidates;
  }

  Future<Committed> add(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("image_path", "mjd", "measurements", "replace"));
    String imagePath = fields.requiredString("image_path");
    double mjd = Mjd.required(fields, "mjd");
    boolean replace = fields.optionalBoolean("replace").orElse(false);
    List<Fields> rows = fields.objects("measurements");
    if (rows.size() > MAX_BATCH) {
      throw HubException.badRequest("measurements", "at most " + MAX_BATCH + " per batch, got " + rows.size());
    }
    List<Measurement> batch = new ArrayList<>(rows.size());
    rows.forEach(row -> batch.add(Measurement.parse(row)));
    double measuredAt = Mjd.toUnixSeconds(mjd);
    double now = UnixTime.now();
    return store.write(conn -> Images.msPathOf(conn, imagePath).compose(ms -> {
      if (ms.isEmpty()) {
        throw HubException.notFound("no image " + imagePath + " (image_path); record it with products.image.add first");
      }
      return recordedSources(conn, imagePath);
    }).compose(previous -> {
      if (!previous.isEmpty() && !replace) {
        return Future.succeededFuture(Committed.of(reply(imagePath, mjd, previous.size(), 0).put("duplicate", true)));
      }
      boolean replacing = !previous.isEmpty();
      List<Tuple> tuples = new ArrayList<>(batch.size());
      batch.forEach(m -> tuples.add(m.row(imagePath, measuredAt, mjd)));
      // a fresh batch joins its sources' running statistics before its rows exist (their history is read only
      // for a source that has no running state yet); a replaced one is rebuilt from the rows afterwards
      Future<List<Variability.Update>> joined = variability.enabled() && !replacing
          ? Variability.apply(conn, batch, mjd, now) : Future.succeededFuture(List.of());
      return joined.compose(updates -> (replacing
              ? conn.preparedQuery("DELETE FROM photometry WHERE image_path = ?").execute(Tuple.of(imagePath)).<Void>mapEmpty()
              : Future.<Void>succeededFuture())
          .compose(done -> conn.preparedQuery(Measurement.INSERT).executeBatch(tuples))
          .compose(done -> flagged(conn, batch, replacing ? touched(previous, batch) : List.of(), updates, measuredAt, mjd, now)))
          .map(events -> {
            List<Committed.Event> all = new ArrayList<>(events);
            all.add(0, new Committed.Event(Addresses.EVENTS_PRODUCTS, new JsonObject().put("type", "photometry")
                .put("image_path", imagePath).put("mjd", mjd).put("count", batch.size())));
            return new Committed(reply(imagePath, mjd, batch.size(), batch.size()).put("replaced", replacing), all);
          });
    }));
  }

  /** Brings the sources' statistics up to date and returns the ESE candidate events they cause. */
  private Future<List<Committed.Event>> flagged(SqlConnection conn, List<Measurement> batch, List<String> replacedSources,
                                                List<Variability.Update> updates, double measuredAt, double mjd, double now) {
    if (!variability.enabled()) {
      Future<Void> indexed = SourceIndex.add(conn, batch, measuredAt, mjd, now);
      return (replacedSources.isEmpty() ? indexed : indexed.compose(done -> SourceIndex.rebuild(conn, replacedSources, now)))
          .map(done -> List.of());
    }
    Future<List<Variability.Update>> current = replacedSources.isEmpty()
        ? Future.succeededFuture(updates) : Variability.rebuild(conn, replacedSources, now);
    return current.compose(changed -> candidates.evaluate(conn, changed, now));
  }

  private static JsonObject reply(String imagePath, double mjd, int count, int added) {
    return new JsonObject().put("image_path", imagePath).put("mjd", mjd).put("count", count).put("added", added).put("duplicate", false);
  }

  private static Future<List<String>> recordedSources(SqlConnection conn, String imagePath) {
    return conn.preparedQuery("SELECT source_id FROM photometry WHERE image_path = ?").execute(Tuple.of(imagePath))
        .map(rows -> {
          List<String> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getString("source_id")));
          return ids;
        });
  }

  private static List<String> touched(List<String> previous, List<Measurement> batch) {
    Set<String> ids = new LinkedHashSet<>(previous);
    batch.forEach(m -> ids.add(m.sourceId()));
    return new ArrayList<>(ids);
  }

  /** The seed's flux time series of one source: mJy, oldest first, with each image's field and noise. */
  Future<JsonObject> timeseries(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("source_id", "start_mjd", "end_mjd"));
    String sourceId = fields.requiredString("source_id");
    Optional<Double> start = Mjd.optional(fields, "start_mjd");
    Optional<Double> end = Mjd.optional(fields, "end_mjd");
    Where where = new Where().add("p.source_id = ?", sourceId)
        .addIfPresent(start, "p.mjd >= ?")
        .addIfPresent(end, "p.mjd <= ?");
    // SQLite assembles the points into one JSON text: a single value crosses the JDBC layer instead of
    // 10,000 decoded rows (10x faster for a long light curve, see BENCHMARKS.md)
    return store.read(conn -> conn.preparedQuery("SELECT json_group_array(json_object('mjd', mjd, 'flux_mjy', flux_mjy, "
            + "'error_mjy', error_mjy, 'snr', snr, 'field_name', field_name, 'image_noise_mjy', image_noise_mjy, 'image_path', image_path) "
            + "ORDER BY mjd) AS points FROM (SELECT p.mjd, p.peak_jyb * 1000 AS flux_mjy, p.peak_err_jyb * 1000 AS error_mjy, p.snr, "
            + "i.field_name, i.noise_jy * 1000 AS image_noise_mjy, p.image_path "
            + "FROM photometry p JOIN images i ON p.image_path = i.path" + where.sql() + " ORDER BY p.mjd ASC LIMIT ?)")
        .execute(where.arguments(MAX_POINTS))
        .compose(rows -> conn.preparedQuery("SELECT nvss_flux_mjy FROM variability_stats WHERE source_id = ?").execute(Tuple.of(sourceId))
            .map(stats -> {
              JsonArray points = new JsonArray(rows.iterator().next().getString("points"));
              return new JsonObject().put("source_id", sourceId).put("count", points.size()).put("points", points)
                  .put("nvss_flux_mjy", stats.size() == 0 ? null : stats.iterator().next().getValue("nvss_flux_mjy"));
            })));
  }
}
