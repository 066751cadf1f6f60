package org.dsa110.contimg.catalog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.Sky;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.store.Where;

/**
 * Sources within a radius of a position, by exact great-circle separation (haversine), nearest
 * first. The seed's (ra_deg, dec_deg) index narrows the rows: an RA window of half-width asin(sin r
 * / cos dec) (split in two where it crosses RA 0/360) and a declination band; a cone that reaches a
 * pole takes every RA in the band.
 */
final class ConeSearch {
  static final double MAX_RADIUS_DEG = 10;
  private static final int DEFAULT_LIMIT = 1000;
  private static final int MAX_LIMIT = 100_000;
  private static final Map<String, String> TABLES =
      Map.of("none", "sources", "good", "good_references", "final", "final_references");

  private final SqliteStore store;

  ConeSearch(SqliteStore store) {
    this.store = store;
  }

  Future<JsonObject> search(JsonObject body) {
    Fields fields =
        Fields.of(body)
            .allowOnly(
                Set.of("ra_deg", "dec_deg", "radius_deg", "min_flux_jy", "references", "limit"));
    double ra = Sky.ra(fields, "ra_deg");
    double dec = Sky.dec(fields, "dec_deg");
    double radius =
        fields
            .optionalDouble("radius_deg")
            .orElseThrow(() -> HubException.badRequest("radius_deg", "is required"));
    if (radius < 0 || radius > MAX_RADIUS_DEG) {
      throw HubException.badRequest(
          "radius_deg", "must be between 0 and " + MAX_RADIUS_DEG + " degrees, got " + radius);
    }
    Double minFlux = fields.optionalDouble("min_flux_jy").orElse(null);
    String table = TABLES.get(fields.optionalEnum("references", TABLES.keySet()).orElse("none"));
    int limit = fields.intOrDefault("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    Where where =
        raWindow(ra, dec, radius)
            .add("dec_deg BETWEEN ? AND ?", dec - radius, dec + radius)
            .addIf(minFlux != null, "s_nvss >= ?", minFlux);
    // SQLite measures, filters, sorts and assembles the answer as one JSON text: one value crosses
    // the JDBC
    // layer instead of every row of the search box (see BENCHMARKS.md)
    String separation =
        "degrees(2 * asin(min(1, sqrt(pow(sin(radians(dec_deg - ?) / 2), 2) "
            + "+ cos(radians(?)) * cos(radians(dec_deg)) * pow(sin(radians(ra_deg - ?) / 2), 2)))))";
    String objects =
        String.join(", ", CatalogRow.COLUMNS.stream().map(c -> "'" + c + "', " + c).toList());
    String sql =
        "SELECT json_group_array(json_object("
            + objects
            + ", 'separation_deg', separation_deg) ORDER BY separation_deg) AS sources "
            + "FROM (SELECT * FROM (SELECT *, "
            + separation
            + " AS separation_deg FROM "
            + table
            + where.sql()
            + ") "
            + "WHERE separation_deg <= ? ORDER BY separation_deg LIMIT ?)";
    // one row past the limit tells a truncated answer from a complete one; only then are all the
    // matches counted
    List<Object> arguments = new ArrayList<>(List.of(dec, dec, ra));
    arguments.addAll(Arrays.asList(where.arguments(radius, limit + 1)));
    String count =
        "SELECT COUNT(*) FROM (SELECT "
            + separation
            + " AS separation_deg FROM "
            + table
            + where.sql()
            + ") WHERE separation_deg <= ?";
    List<Object> countArguments = new ArrayList<>(List.of(dec, dec, ra));
    countArguments.addAll(Arrays.asList(where.arguments(radius)));
    return store.read(
        tx -> {
          JsonArray sources = new JsonArray((String) tx.scalar(sql, arguments.toArray()));
          boolean truncated = sources.size() > limit;
          if (truncated) {
            sources.remove(limit);
          }
          long total = truncated ? tx.count(count, countArguments.toArray()) : sources.size();
          return new JsonObject()
              .put("ra_deg", ra)
              .put("dec_deg", dec)
              .put("radius_deg", radius)
              .put("count", sources.size())
              .put("total", total)
              .put("truncated", truncated)
              .put("sources", sources);
        });
  }

  static Where raWindow(double ra, double dec, double radius) {
    if (Math.abs(dec) + radius >= 90) {
      return new Where();
    }
    double halfWidth =
        Math.toDegrees(
            Math.asin(
                Math.min(1, Math.sin(Math.toRadians(radius)) / Math.cos(Math.toRadians(dec)))));
    double low = ra - halfWidth;
    double high = ra + halfWidth;
    if (low < 0) {
      return new Where().add("(ra_deg >= ? OR ra_deg <= ?)", low + 360, high);
    }
    if (high >= 360) {
      return new Where().add("(ra_deg >= ? OR ra_deg <= ?)", low, high - 360);
    }
    return new Where().add("ra_deg BETWEEN ? AND ?", low, high);
  }
}
