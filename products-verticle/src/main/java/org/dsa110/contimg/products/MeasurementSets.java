package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
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
import org.dsa110.contimg.common.store.Tx;
import org.dsa110.contimg.common.store.Where;

/** ms_index: Measurement Sets and how far each has come. */
final class MeasurementSets {
  static final Set<String> STATUSES = Set.of("ok", "failed", "flagged");
  private static final Set<String> FIELDS =
      Set.of(
          "path",
          "start_mjd",
          "end_mjd",
          "mid_mjd",
          "processed_at",
          "status",
          "stage",
          "cal_applied",
          "imagename",
          "field_name",
          "pointing_ra_deg",
          "pointing_dec_deg",
          "force");

  private final SqliteStore store;
  private final TimeChecks times;

  MeasurementSets(SqliteStore store, TimeChecks times) {
    this.store = store;
    this.times = times;
  }

  /**
   * Inserts or updates an MS; a field left out keeps its value, and the stage only moves forward
   * unless forced. The times it ends up with must be in order (start, mid, end), or nothing is
   * written.
   */
  Future<Committed> upsert(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(FIELDS);
    String path = fields.requiredString("path");
    Optional<Stage> stage = fields.optionalEnum("stage", Stage.NAMES).map(Stage::fromDb);
    boolean force = fields.optionalBoolean("force").orElse(false);
    Upsert upsert =
        new Upsert("ms_index", "path")
            .set("path", path)
            .set("start_mjd", Mjd.optional(fields, "start_mjd").orElse(null))
            .set("end_mjd", Mjd.optional(fields, "end_mjd").orElse(null))
            .set("mid_mjd", Mjd.optional(fields, "mid_mjd").orElse(null))
            .set("processed_at", fields.optionalNonNegative("processed_at").orElse(null))
            .set("status", fields.optionalEnum("status", STATUSES).orElse(null))
            .set("stage", stage.map(Stage::dbName).orElse(null))
            .set(
                "cal_applied",
                fields.optionalBoolean("cal_applied").map(b -> b ? 1 : 0).orElse(null))
            .set("imagename", fields.optionalString("imagename").orElse(null))
            .set("field_name", fields.optionalString("field_name").orElse(null))
            .set("pointing_ra_deg", Sky.optionalRa(fields, "pointing_ra_deg").orElse(null))
            .set("pointing_dec_deg", Sky.optionalDec(fields, "pointing_dec_deg").orElse(null));
    return store.write(
        tx -> {
          Optional<Stage> current = currentStage(tx, path);
          boolean stageChanges = stage.isPresent() && !stage.equals(current);
          if (stageChanges
              && current.isPresent()
              && stage.get().compareTo(current.get()) < 0
              && !force) {
            throw HubException.conflict(
                "MS "
                    + path
                    + " cannot move back from "
                    + current.get().dbName()
                    + " to "
                    + stage.get().dbName()
                    + " (send force: true to do it anyway)");
          }
          upsert.set("stage_updated_at", stageChanges ? UnixTime.now() : null);
          tx.update(upsert.sql(), upsert.arguments());
          JsonObject row = get(tx, path);
          times.msWindow(
              row.getDouble("start_mjd"), row.getDouble("mid_mjd"), row.getDouble("end_mjd"));
          return new Committed(
              row,
              List.of(
                  new Committed.Event(
                      Addresses.EVENTS_PRODUCTS,
                      new JsonObject()
                          .put("type", "ms")
                          .put("path", path)
                          .put("stage", row.getString("stage"))
                          .put("status", row.getString("status")))));
        });
  }

  /** Moves an MS forward to {@code stage} (never back), as recording its primary image does. */
  static void advance(Tx tx, String path, Stage stage, String imagename, double now) {
    Optional<Stage> current = currentStage(tx, path);
    boolean forward = current.isEmpty() || current.get().compareTo(stage) < 0;
    tx.update(
        "UPDATE ms_index SET imagename = ?, stage = CASE WHEN ? THEN ? ELSE stage END, "
            + "stage_updated_at = CASE WHEN ? THEN ? ELSE stage_updated_at END WHERE path = ?",
        imagename,
        forward,
        stage.dbName(),
        forward,
        now,
        path);
  }

  static boolean exists(Tx tx, String path) {
    return tx.first("SELECT 1 FROM ms_index WHERE path = ?", path).isPresent();
  }

  private static Optional<Stage> currentStage(Tx tx, String path) {
    return tx.first("SELECT stage FROM ms_index WHERE path = ?", path)
        .map(row -> row.getString("stage"))
        .map(Stage::fromDb);
  }

  private static JsonObject get(Tx tx, String path) {
    return tx.first("SELECT * FROM ms_index WHERE path = ?", path).orElseThrow().toJson();
  }

  /** MSs by stage, status and mid-time range, newest observation first. */
  Future<JsonObject> list(JsonObject body) {
    Fields fields =
        Fields.of(body)
            .allowOnly(Set.of("stage", "status", "start_mjd", "end_mjd", "limit", "offset"));
    Optional<String> stage = fields.optionalEnum("stage", Stage.NAMES);
    Optional<String> status = fields.optionalEnum("status", STATUSES);
    Optional<Double> start = Mjd.optional(fields, "start_mjd");
    Optional<Double> end = Mjd.optional(fields, "end_mjd");
    Pages pages = Pages.of(fields);
    Where where =
        new Where()
            .addIfPresent(stage, "stage = ?")
            .addIfPresent(status, "status = ?")
            .addIfPresent(start, "mid_mjd >= ?")
            .addIfPresent(end, "mid_mjd <= ?");
    return store.read(
        tx ->
            new JsonObject()
                .put(
                    "ms",
                    Pages.rows(
                        tx.query(
                            "SELECT * FROM ms_index"
                                + where.sql()
                                + " ORDER BY mid_mjd DESC, path LIMIT ? OFFSET ?",
                            where.arguments(pages.limit(), pages.offset()))))
                .put(
                    "total",
                    tx.count("SELECT COUNT(*) FROM ms_index" + where.sql(), where.arguments()))
                .put("limit", pages.limit())
                .put("offset", pages.offset()));
  }
}
