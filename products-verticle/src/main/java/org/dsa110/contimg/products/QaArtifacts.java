package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.UnixTime;
import org.dsa110.contimg.common.store.Pages;
import org.dsa110.contimg.common.store.SqliteStore;

/**
 * qa_artifacts: quality-assurance plots and reports of each observation group; one per (group,
 * name).
 */
final class QaArtifacts {
  private static final Set<String> TYPES = Set.of("plot", "table", "report");
  private static final Set<String> CATEGORIES = Set.of("calibration", "imaging", "system");

  private final SqliteStore store;

  QaArtifacts(SqliteStore store) {
    this.store = store;
  }

  /** Records an artifact; the same (group_id, name) again updates its path, type and category. */
  Future<Committed> add(JsonObject body) {
    Fields fields =
        Fields.of(body).allowOnly(Set.of("group_id", "name", "path", "type", "category"));
    String groupId = fields.requiredString("group_id");
    String name = fields.requiredString("name");
    Upsert upsert =
        new Upsert("qa_artifacts", "group_id, name")
            .set("group_id", groupId)
            .set("name", name)
            .set("path", fields.requiredString("path"))
            .set("type", fields.optionalEnum("type", TYPES).orElse(null))
            .set("category", fields.optionalEnum("category", CATEGORIES).orElse(null))
            .onInsert("created_at", UnixTime.now());
    return store.write(
        tx -> {
          tx.update(upsert.sql(), upsert.arguments());
          return new Committed(
              tx.first("SELECT * FROM qa_artifacts WHERE group_id = ? AND name = ?", groupId, name)
                  .orElseThrow()
                  .toJson(),
              List.of(
                  new Committed.Event(
                      Addresses.EVENTS_PRODUCTS,
                      new JsonObject()
                          .put("type", "qa")
                          .put("group_id", groupId)
                          .put("name", name))));
        });
  }

  Future<JsonObject> list(JsonObject body) {
    String groupId = Fields.of(body).allowOnly(Set.of("group_id")).requiredString("group_id");
    return store.read(
        tx ->
            new JsonObject()
                .put("group_id", groupId)
                .put(
                    "artifacts",
                    Pages.rows(
                        tx.query(
                            "SELECT * FROM qa_artifacts WHERE group_id = ? ORDER BY category, name",
                            groupId))));
  }
}
