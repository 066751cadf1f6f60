package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
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

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** ms_index: Measurement Sets and how far each has come. */
final class MeasurementSets {
  static final Set<String> STATUSES = Set.of("ok", "failed", "flagged");
  private static final Set<String> FIELDS = Set.of("path", "start_mjd", "end_mjd", "mid_mjd", "processed_at", "status", "stage",
      "cal_applied", "imagename", "field_name", "pointing_ra_deg", "pointing_dec_deg", "force");

  private final SqliteStore store;

  MeasurementSets(SqliteStore store) {
    this.store = store;
  }

  /** Inserts or updates an MS; a field left out keeps its value, and the stage only moves forward unless forced. */
  Future<Committed> upsert(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(FIELDS);
    String path = fields.requiredString("path");
    Optional<Stage> stage = fields.optionalEnum("stage", Stage.NAMES).map(Stage::fromDb);
    boolean force = fields.optionalBoolean("force").orElse(false);
    Upsert upsert = new Upsert("ms_index", "path")
        .set("path", path)
        .set("start_mjd", Mjd.optional(fields, "start_mjd").orElse(null))
        .set("end_mjd", Mjd.optional(fields, "end_mjd").orElse(null))
        .set("mid_mjd", Mjd.optional(fields, "mid_mjd").orElse(null))
        .set("processed_at", fields.optionalNonNegative("processed_at").orElse(null))
        .set("status", fields.optionalEnum("status", STATUSES).orElse(null))
        .set("stage", stage.map(Stage::dbName).orElse(null))
        .set("cal_applied", fields.optionalBoolean("cal_applied").map(b -> b ? 1 : 0).orElse(null))
        .set("imagename", fields.optionalString("imagename").orElse(null))
        .set("field_name", fields.optionalString("field_name").orElse(null))
        .set("pointing_ra_deg", Sky.optionalRa(fields, "pointing_ra_deg").orElse(null))
        .set("pointing_dec_deg", Sky.optionalDec(fields, "pointing_dec_deg").orElse(null));
    double now = UnixTime.now();
    return store.write(conn -> currentStage(conn, path).compose(current -> {
      boolean stageChanges = stage.isPresent() && !stage.equals(current);
      if (stageChanges && current.isPresent() && stage.get().compareTo(current.get()) < 0 && !force) {
        throw HubException.conflict("MS " + path + " cannot move back from " + current.get().dbName() + " to "
            + stage.get().dbName() + " (send force: true to do it anyway)");
      }
      upsert.set("stage_updated_at", stageChanges ? now : null);
      return conn.preparedQuery(upsert.sql()).execute(upsert.arguments())
          .compose(done -> get(conn, path))
          .map(row -> new Committed(row, List.of(new Committed.Event(Addresses.EVENTS_PRODUCTS, new JsonObject()
              .put("type", "ms").put("path", path).put("stage", row.getString("stage")).put("status", row.getString("status"))))));
    }));
  }

  /** Moves an MS forward to {@code stage} (never back), as recording its primary image does. */
  static Future<Void> advance(SqlConnection conn, String path, Stage stage, String imagename, double now) {
    return currentStage(conn, path).compose(current -> {
      boolean forward = current.isEmpty() || current.get().compareTo(stage) < 0;
      return conn.preparedQuery("UPDATE ms_index SET imagename = ?, stage = CASE WHEN ? THEN ? ELSE stage END, "
              + "stage_updated_at = CASE WHEN ? THEN ? ELSE stage_updated_at END WHERE path = ?")
          .execute(Tuple.of(imagename, forward, stage.dbName(), forward, now, path))
          .mapEmpty();
    });
  }

  static Future<Boolean> exists(SqlConnection conn, String path) {
    return conn.preparedQuery("SELECT 1 FROM ms_index WHERE path = ?").execute(Tuple.of(path)).map(rows -> rows.size() > 0);
  }

  private static Future<Optional<Stage>> currentStage(SqlConnection conn, String path) {
    return conn.preparedQuery("SELECT stage FROM ms_index WHERE path = ?").execute(Tuple.of(path))
        .map(rows -> rows.size() == 0 || rows.iterator().next().getString("stage") == null
            ? Optional.<Stage>empty()
            : Optional.of(Stage.fromDb(rows.iterator().next().getString("stage"))));
  }

  private static Future<JsonObject> get(SqlConnection conn, String path) {
    return conn.preparedQuery("SELECT * FROM ms_index WHERE path = ?").execute(Tuple.of(path))
        .map(rows -> rows.iterator().next().toJson());
  }

  /** MSs by stage, status and mid-time range, newest observation first. */
  Future<JsonObject> list(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("stage", "status", "start_mjd", "end_mjd", "limit", "offset"));
    Optional<String> stage = fields.optionalEnum("stage", Stage.NAMES);
    Optional<String> status = fields.optionalEnum("status", STATUSES);
    Optional<Double> start = Mjd.optional(fields, "start_mjd");
    Optional<Double> end = Mjd.optional(fields, "end_mjd");
    Pages pages = Pages.of(fields);
    Where where = new Where()
        .addIfPresent(stage, "stage = ?")
        .addIfPresent(status, "status = ?")
        .addIfPresent(start, "mid_mjd >= ?")
        .addIfPresent(end, "mid_mjd <= ?");
    return store.read(conn -> conn.preparedQuery("SELECT COUNT(*) AS n FROM ms_index" + where.sql()).execute(where.arguments())
        .compose(total -> conn.preparedQuery("SELECT * FROM ms_index" + where.sql() + " ORDER BY mid_mjd DESC, path LIMIT ? OFFSET ?")
            .execute(where.arguments(pages.limit(), pages.offset()))
            .map(rows -> new JsonObject().put("ms", Pages.rows(rows)).put("total", total.iterator().next().getLong("n"))
                .put("limit", pages.limit()).put("offset", pages.offset()))));
  }
}
