package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.Mjd;
import org.dsa110.contimg.common.bus.Sky;
import org.dsa110.contimg.common.bus.UnixTime;
import org.dsa110.contimg.common.store.Pages;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.store.Where;

/**
 * pointing_history: where the telescope pointed; the timestamp is the key, so a sample sent twice
 * is kept once.
 */
final class Pointing {
  private static final int DEFAULT_POINTS = 1000;
  private static final int MAX_POINTS = 10_000;
  private static final Set<String> SAMPLE_FIELDS =
      Set.of(
          "timestamp", "mjd", "ra_deg", "dec_deg", "alt_deg", "az_deg", "lst_hours", "field_name");

  private final SqliteStore store;
  private final TimeChecks times;

  Pointing(SqliteStore store, TimeChecks times) {
    this.store = store;
    this.times = times;
  }

  /** {@code {samples: [...]}} or one sample's fields directly. */
  Future<Committed> add(JsonObject body) {
    List<Fields> samples =
        body != null && body.containsKey("samples")
            ? Fields.of(body).allowOnly(Set.of("samples")).objects("samples")
            : List.of(Fields.of(body));
    List<Object[]> rows = new ArrayList<>();
    for (Fields sample : samples) {
      sample.allowOnly(SAMPLE_FIELDS);
      double timestamp = UnixTime.required(sample, "timestamp");
      Optional<Double> alt = sample.optionalDouble("alt_deg");
      alt.filter(a -> a < -90 || a > 90)
          .ifPresent(
              a -> {
                throw HubException.badRequest(
                    sample.name("alt_deg"), "must be within [-90, 90], got " + a);
              });
      Optional<Double> lst = sample.optionalDouble("lst_hours");
      lst.filter(h -> h < 0 || h >= 24)
          .ifPresent(
              h -> {
                throw HubException.badRequest(
                    sample.name("lst_hours"), "must be within [0, 24), got " + h);
              });
      Optional<Double> mjd = Mjd.optional(sample, "mjd");
      mjd.ifPresent(m -> times.pointing(sample.name("mjd"), timestamp, m));
      rows.add(
          new Object[] {
            timestamp,
            mjd.orElse(null),
            Sky.ra(sample, "ra_deg"),
            Sky.dec(sample, "dec_deg"),
            alt.orElse(null),
            sample.optionalDouble("az_deg").orElse(null),
            lst.orElse(null),
            sample.optionalString("field_name").orElse(null)
          });
    }
    return store.write(
        tx -> {
          long before = tx.count("SELECT total_changes()");
          tx.batch(
              "INSERT OR IGNORE INTO pointing_history (timestamp, mjd, ra_deg, dec_deg, alt_deg, az_deg, lst_hours, field_name) "
                  + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              rows);
          long added = tx.count("SELECT total_changes()") - before;
          return new Committed(
              new JsonObject().put("added", added).put("ignored", rows.size() - added),
              added == 0
                  ? List.of()
                  : List.of(
                      new Committed.Event(
                          Addresses.EVENTS_PRODUCTS,
                          new JsonObject().put("type", "pointing").put("added", added))));
        });
  }

  /** Samples in a time range (Unix seconds), oldest first, thinned evenly to at most max_points. */
  Future<JsonObject> list(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("start", "end", "max_points"));
    Optional<Double> start = fields.optionalNonNegative("start");
    Optional<Double> end = fields.optionalNonNegative("end");
    int maxPoints = fields.intOrDefault("max_points", DEFAULT_POINTS, 1, MAX_POINTS);
    Where where =
        new Where().addIfPresent(start, "timestamp >= ?").addIfPresent(end, "timestamp <= ?");
    return store.read(
        tx -> {
          long count =
              tx.count("SELECT COUNT(*) FROM pointing_history" + where.sql(), where.arguments());
          long every = Math.max(1, (count + maxPoints - 1) / maxPoints);
          return new JsonObject()
              .put(
                  "points",
                  Pages.rows(
                      tx.query(
                          "SELECT timestamp, mjd, ra_deg, dec_deg, alt_deg, az_deg, lst_hours, field_name FROM "
                              + "(SELECT *, ROW_NUMBER() OVER (ORDER BY timestamp) - 1 AS n FROM pointing_history"
                              + where.sql()
                              + ") "
                              + "WHERE n % ? = 0 ORDER BY timestamp",
                          where.arguments(every))))
              .put("total", count)
              .put("every", every);
        });
  }
}
