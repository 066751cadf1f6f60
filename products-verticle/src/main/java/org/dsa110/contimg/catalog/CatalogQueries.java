package org.dsa110.contimg.catalog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.store.SqliteStore;

/** One catalogue source, and the catalogue's size per view and flux range. */
final class CatalogQueries {
  private static final int MAX_IDS = 200_000;

  private final SqliteStore store;

  CatalogQueries(SqliteStore store) {
    this.store = store;
  }

  Future<JsonObject> source(JsonObject body) {
    String sourceId = Fields.of(body).allowOnly(Set.of("source_id")).requiredString("source_id");
    return store.read(
        tx -> {
          JsonObject source =
              tx.first(
                      "SELECT s.*, s.source_id IN (SELECT source_id FROM good_references) AS good_reference, "
                          + "s.source_id IN (SELECT source_id FROM final_references) AS final_reference FROM sources s WHERE s.source_id = ?",
                      sourceId)
                  .orElseThrow(() -> HubException.notFound("no catalogue source " + sourceId))
                  .toJson();
          return source
              .put("good_reference", source.getLong("good_reference") != 0)
              .put("final_reference", source.getLong("final_reference") != 0);
        });
  }

  /**
   * {@code {source_ids: [...]}} to {@code {references: {source_id: s_nvss_mjy}}} for the ids in
   * final_references (the ensemble normalisation's reference candidates). The ids travel as one
   * JSON array (json_each), so a 10,000-source image is one statement.
   */
  Future<JsonObject> referencesAmong(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("source_ids"));
    JsonArray ids = fields.requiredArray("source_ids");
    if (ids.size() > MAX_IDS) {
      throw HubException.badRequest(
          "source_ids", "at most " + MAX_IDS + " per request, got " + ids.size());
    }
    for (int i = 0; i < ids.size(); i++) {
      if (!(ids.getValue(i) instanceof String)) {
        throw HubException.badRequest("source_ids[" + i + "]", "must be a string");
      }
    }
    return store.read(
        tx ->
            new JsonObject()
                .put(
                    "references",
                    new JsonObject(
                        (String)
                            tx.scalar(
                                "SELECT json_group_object(r.source_id, "
                                    + "r.s_nvss * 1000) FROM json_each(?) j JOIN final_references r ON r.source_id = j.value",
                                ids.encode()))));
  }

  Future<JsonObject> stats(JsonObject body) {
    Fields.of(body).allowOnly(Set.of());
    return store.read(
        tx ->
            tx.first(
                    "SELECT (SELECT COUNT(*) FROM sources) AS sources, (SELECT COUNT(*) FROM good_references) AS good_references, "
                        + "(SELECT COUNT(*) FROM final_references) AS final_references, (SELECT MIN(s_nvss) FROM sources) AS min_s_nvss, "
                        + "(SELECT MAX(s_nvss) FROM sources) AS max_s_nvss")
                .orElseThrow()
                .toJson());
  }
}
