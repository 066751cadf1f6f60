package org.dsa110.contimg.ingest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.UnixTime;
import org.dsa110.contimg.common.store.DbRow;
import org.dsa110.contimg.common.store.Pages;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.store.Where;

/** The reads of the ingest queue, served from the reader pool. */
final class IngestQueries {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  private static final double HOUR = 3600.0;

  private final SqliteStore store;

  IngestQueries(SqliteStore store) {
    this.store = store;
  }

  /** One group with its subband files, its metrics and the worker holding it. */
  Future<JsonObject> get(JsonObject body) {
    String groupId = Fields.of(body).allowOnly(Set.of("group_id")).requiredString("group_id");
    return store.read(
        tx ->
            IngestCommands.groupWithSubbands(tx, groupId)
                .put("metrics", QueueRepository.metrics(tx, groupId))
                .put("worker", QueueRepository.claimHolder(tx, groupId).orElse(null)));
  }

  /** Groups newest first, optionally of one state, a page at a time. */
  Future<JsonObject> list(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("state", "has_calibrator", "limit", "offset"));
    Optional<String> state = fields.optionalEnum("state", GroupState.NAMES);
    Optional<Boolean> hasCalibrator = fields.optionalBoolean("has_calibrator");
    Pages pages = Pages.of(fields, DEFAULT_LIMIT, MAX_LIMIT);
    Where where =
        new Where()
            .addIfPresent(state, "q.state = ?")
            .addIfPresent(hasCalibrator.map(has -> has ? 1 : 0), "q.has_calibrator = ?");
    return store.read(
        tx -> {
          long total =
              tx.count("SELECT COUNT(*) FROM ingest_queue q" + where.sql(), where.arguments());
          JsonArray groups = new JsonArray();
          tx.query(
                  "SELECT "
                      + qualified()
                      + ", (SELECT COUNT(*) FROM subband_files s WHERE s.group_id = q.group_id) AS subbands "
                      + "FROM ingest_queue q"
                      + where.sql()
                      + " ORDER BY q.received_at DESC, q.group_id DESC LIMIT ? OFFSET ?",
                  where.arguments(pages.limit(), pages.offset()))
              .forEach(
                  row ->
                      groups.add(
                          GroupRow.from(row).toJson().put("subbands", row.getInteger("subbands"))));
          return new JsonObject()
              .put("groups", groups)
              .put("total", total)
              .put("limit", pages.limit())
              .put("offset", pages.offset());
        });
  }

  /** Count per state, age of the oldest pending group, and groups completed in the last hour. */
  Future<JsonObject> stats(JsonObject body) {
    Fields.of(body).allowOnly(Set.of());
    double now = UnixTime.now();
    return store.read(
        tx -> {
          JsonObject counts = new JsonObject();
          GroupState.NAMES.stream().sorted().forEach(name -> counts.put(name, 0));
          int total = 0;
          for (DbRow row :
              tx.query("SELECT state, COUNT(*) AS n FROM ingest_queue GROUP BY state")) {
            counts.put(row.getString("state"), row.getInteger("n"));
            total += row.getInteger("n");
          }
          Number oldest =
              (Number)
                  tx.scalar(
                      "SELECT MIN(received_at) FROM ingest_queue WHERE state = ?",
                      GroupState.PENDING.dbName());
          return new JsonObject()
              .put("counts", counts)
              .put("total", total)
              .put("at", now)
              .put("oldest_pending_age_s", oldest == null ? null : now - oldest.doubleValue())
              .put(
                  "groups_per_hour",
                  tx.count(
                      "SELECT COUNT(*) FROM ingest_queue WHERE state = ? AND last_update >= ?",
                      GroupState.COMPLETED.dbName(),
                      now - HOUR));
        });
  }

  private static String qualified() {
    return String.join(
        ", ", Arrays.stream(GroupRow.COLUMNS.split(", ")).map(c -> "q." + c).toList());
  }
}
