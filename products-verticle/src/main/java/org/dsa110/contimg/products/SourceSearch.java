package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.Sky;
import org.dsa110.contimg.common.store.DbRow;
import org.dsa110.contimg.common.store.Pages;
import org.dsa110.contimg.common.store.SqliteStore;

/**
 * Finds sources that have photometry, by name prefix or within a cone, from their variability_stats
 * rows.
 */
final class SourceSearch {
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 1000;
  private static final double MAX_RADIUS_DEG = 10;

  private final SqliteStore store;

  SourceSearch(SqliteStore store) {
    this.store = store;
  }

  Future<JsonObject> search(JsonObject body) {
    Fields fields =
        Fields.of(body).allowOnly(Set.of("prefix", "ra_deg", "dec_deg", "radius_deg", "limit"));
    Optional<String> prefix = fields.optionalString("prefix");
    int limit = fields.intOrDefault("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    if (prefix.isPresent()) {
      return store.read(
          tx ->
              new JsonObject()
                  .put(
                      "sources",
                      Pages.rows(
                          tx.query(
                              "SELECT source_id, ra_deg, dec_deg, nvss_flux_mjy, n_obs, "
                                  + "last_mjd FROM variability_stats WHERE source_id >= ? AND source_id < ? ORDER BY source_id LIMIT ?",
                              prefix.get(),
                              prefix.get() + Character.MAX_VALUE,
                              limit))));
    }
    if (!fields.has("ra_deg") && !fields.has("dec_deg")) {
      throw HubException.badRequest(
          "prefix", "give a name prefix, or ra_deg, dec_deg and radius_deg");
    }
    double ra = Sky.ra(fields, "ra_deg");
    double dec = Sky.dec(fields, "dec_deg");
    double radius =
        fields
            .optionalNonNegative("radius_deg")
            .orElseThrow(() -> HubException.badRequest("radius_deg", "is required"));
    if (radius > MAX_RADIUS_DEG) {
      throw HubException.badRequest(
          "radius_deg", "must be at most " + MAX_RADIUS_DEG + " degrees, got " + radius);
    }
    // A declination band narrows the rows; the exact great-circle test decides, so RA wrap and
    // poles need no care here.
    return store
        .read(
            tx ->
                tx.query(
                    "SELECT source_id, ra_deg, dec_deg, nvss_flux_mjy, n_obs, last_mjd FROM variability_stats "
                        + "WHERE dec_deg BETWEEN ? AND ?",
                    dec - radius,
                    dec + radius))
        .map(
            rows -> {
              List<JsonObject> found = new ArrayList<>();
              for (DbRow row : rows) {
                double separation =
                    Sky.separationDeg(ra, dec, row.getDouble("ra_deg"), row.getDouble("dec_deg"));
                if (separation <= radius) {
                  found.add(row.toJson().put("separation_deg", separation));
                }
              }
              found.sort(Comparator.comparingDouble(o -> o.getDouble("separation_deg")));
              return new JsonObject()
                  .put(
                      "sources",
                      new JsonArray(found.stream().limit(limit).map(o -> (Object) o).toList()));
            });
  }
}
