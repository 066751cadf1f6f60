package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.store.SqliteStore;

import java.util.Set;

/** One catalogue source, and the catalogue's size per view and flux range. */
final class CatalogQueries {
  private final SqliteStore store;

  CatalogQueries(SqliteStore store) {
    this.store = store;
  }

  Future<JsonObject> source(JsonObject body) {
    String sourceId = Fields.of(body).allowOnly(Set.of("source_id")).requiredString("source_id");
    return store.read(conn -> conn.preparedQuery("SELECT s.*, s.source_id IN (SELECT source_id FROM good_references) AS good_reference, "
            + "s.source_id IN (SELECT source_id FROM final_references) AS final_reference FROM sources s WHERE s.source_id = ?")
        .execute(Tuple.of(sourceId))
        .map(rows -> {
          if (rows.size() == 0) {
            throw HubException.notFound("no catalogue source " + sourceId);
          }
          JsonObject source = rows.iterator().next().toJson();
          return source.put("good_reference", source.getLong("good_reference") != 0).put("final_reference", source.getLong("final_reference") != 0);
        }));
  }

  Future<JsonObject> stats(JsonObject body) {
    Fields.of(body).allowOnly(Set.of());
    return store.read(conn -> conn.query("SELECT (SELECT COUNT(*) FROM sources) AS sources, (SELECT COUNT(*) FROM good_references) AS good_references, "
            + "(SELECT COUNT(*) FROM final_references) AS final_references, (SELECT MIN(s_nvss) FROM sources) AS min_s_nvss, "
            + "(SELECT MAX(s_nvss) FROM sources) AS max_s_nvss").execute()
        .map(rows -> rows.iterator().next().toJson()));
  }
}
