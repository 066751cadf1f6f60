package org.dsa110.contimg.ingest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.UnixTime;
import org.dsa110.contimg.common.store.Pages;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.store.Where;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

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
    return store.read(conn -> IngestCommands.groupWithSubbands(conn, groupId)
        .compose(group -> QueueRepository.metrics(conn, groupId).map(metrics -> group.put("metrics", metrics)))
        .compose(group -> QueueRepository.claimHolder(conn, groupId).map(worker -> group.put("worker", worker.orElse(null)))));
  }

  /** Groups newest first, optionally of one state, a page at a time. */
  Future<JsonObject> list(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("state", "has_calibrator", "limit", "offset"));
    Optional<String> state = fields.optionalEnum("state", GroupState.NAMES);
    Optional<Boolean> hasCalibrator = fields.optionalBoolean("has_calibrator");
    Pages pages = Pages.of(fields, DEFAULT_LIMIT, MAX_LIMIT);
    Where where = new Where()
        .addIfPresent(state, "q.state = ?")
        .addIfPresent(hasCalibrator.map(has -> has ? 1 : 0), "q.has_calibrator = ?");
    return store.read(conn -> count(conn, where).compose(total -> conn
        .preparedQuery("SELECT " + qualified() + ", (SELECT COUNT(*) FROM subband_files s WHERE s.group_id = q.group_id) AS subbands "
            + "FROM ingest_queue q" + where.sql() + " ORDER BY q.received_at DESC, q.group_id DESC LIMIT ? OFFSET ?")
        .execute(where.arguments(pages.limit(), pages.offset()))
        .map(rows -> {
          JsonArray groups = new JsonArray();
          rows.forEach(row -> groups.add(GroupRow.from(row).toJson().put("subbands", row.getInteger("subbands"))));
          return new JsonObject().put("groups", groups).put("total", total).put("limit", pages.limit()).put("offset", pages.offset());
        })));
  }

  /** Count per state, age of the oldest pending group, and groups completed in the last hour. */
  Future<JsonObject> stats(JsonObject body) {
    Fields.of(body).allowOnly(Set.of());
    double now = UnixTime.now();
    return store.read(conn -> conn.query("SELECT state, COUNT(*) AS n FROM ingest_queue GROUP BY state").execute()
        .compose(rows -> {
          JsonObject counts = new JsonObject();
          GroupState.NAMES.stream().sorted().forEach(name -> counts.put(name, 0));
          int total = 0;
          for (Row row : rows) {
            counts.put(row.getString("state"), row.getInteger("n"));
            total += row.getInteger("n");
          }
          JsonObject stats = new JsonObject().put("counts", counts).put("total", total).put("at", now);
          return conn.preparedQuery("SELECT MIN(received_at) AS oldest FROM ingest_queue WHERE state = ?")
              .execute(Tuple.of(GroupState.PENDING.dbName()))
              .map(oldest -> {
                Number received = (Number) oldest.iterator().next().getValue("oldest");
                return stats.put("oldest_pending_age_s", received == null ? null : now - received.doubleValue());
              });
        })
        .compose(stats -> conn.preparedQuery("SELECT COUNT(*) AS n FROM ingest_queue WHERE state = ? AND last_update >= ?")
            .execute(Tuple.of(GroupState.COMPLETED.dbName(), now - HOUR))
            .map(rows -> stats.put("groups_per_hour", rows.iterator().next().getInteger("n")))));
  }

  private static Future<Integer> count(SqlConnection conn, Where where) {
    return conn.preparedQuery("SELECT COUNT(*) AS n FROM ingest_queue q" + where.sql()).execute(where.arguments())
        .map(rows -> rows.iterator().next().getInteger("n"));
  }

  private static String qualified() {
    return String.join(", ", Arrays.stream(GroupRow.COLUMNS.split(", ")).map(c -> "q." + c).toList());
  }
}
