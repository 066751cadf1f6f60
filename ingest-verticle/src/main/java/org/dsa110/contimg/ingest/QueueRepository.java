package org.dsa110.contimg.ingest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.dsa110.contimg.common.bus.HubException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of ingest.sqlite3; every method runs on the connection (and transaction) it is given. */
final class QueueRepository {
  static final List<String> METRIC_COLUMNS = List.of("conversion_time", "concat_time", "k_solve_time", "bp_solve_time",
      "g_solve_time", "imaging_time", "photometry_time", "total_time");

  private QueueRepository() {
  }

  static Future<Optional<GroupRow>> find(SqlConnection conn, String groupId) {
    return conn.preparedQuery("SELECT " + GroupRow.COLUMNS + " FROM ingest_queue WHERE group_id = ?")
        .execute(Tuple.of(groupId))
        .map(rows -> first(rows).map(GroupRow::from));
  }

  static Future<GroupRow> get(SqlConnection conn, String groupId) {
    return find(conn, groupId).map(found -> found.orElseThrow(() -> HubException.notFound("no group " + groupId)));
  }

  /** Groups in the given states whose id lies in [from, to] (ids are ISO timestamps, so text order is time order). */
  static Future<List<GroupRow>> inWindow(SqlConnection conn, String from, String to, List<GroupState> states) {
    String placeholders = String.join(", ", states.stream().map(s -> "?").toList());
    Tuple args = Tuple.of(from, to);
    states.forEach(s -> args.addString(s.dbName()));
    return conn.preparedQuery("SELECT " + GroupRow.COLUMNS + " FROM ingest_queue WHERE group_id BETWEEN ? AND ? AND state IN (" + placeholders + ")")
        .execute(args)
        .map(rows -> {
          List<GroupRow> groups = new ArrayList<>();
          rows.forEach(row -> groups.add(GroupRow.from(row)));
          return groups;
        });
  }

  /** The group (within the id window) that already holds this very file, if any. */
  static Future<Optional<String>> groupHoldingFile(SqlConnection conn, String from, String to, String filePath) {
    return conn.preparedQuery("SELECT group_id FROM subband_files WHERE group_id BETWEEN ? AND ? AND file_path = ?")
        .execute(Tuple.of(from, to, filePath))
        .map(rows -> first(rows).map(row -> row.getString("group_id")));
  }

  static Future<Optional<String>> subbandPath(SqlConnection conn, String groupId, int index) {
    return conn.preparedQuery("SELECT file_path FROM subband_files WHERE group_id = ? AND subband_idx = ?")
        .execute(Tuple.of(groupId, index))
        .map(rows -> first(rows).map(row -> row.getString("file_path")));
  }

  static Future<Void> insertGroup(SqlConnection conn, String groupId, int expectedSubbands, double now) {
    return conn.preparedQuery("INSERT INTO ingest_queue (group_id, state, received_at, last_update, expected_subbands, retry_count) "
            + "VALUES (?, ?, ?, ?, ?, 0)")
        .execute(Tuple.of(groupId, GroupState.COLLECTING.dbName(), now, now, expectedSubbands))
        .mapEmpty();
  }

  static Future<Void> insertSubband(SqlConnection conn, String groupId, SubbandFile file, Long size, double now) {
    return conn.preparedQuery("INSERT INTO subband_files (group_id, subband_idx, file_path, file_size, discovered_at) VALUES (?, ?, ?, ?, ?)")
        .execute(Tuple.of(groupId, file.index(), file.path(), size, now))
        .compose(done -> touch(conn, groupId, now));
  }

  static Future<Void> touch(SqlConnection conn, String groupId, double now) {
    return conn.preparedQuery("UPDATE ingest_queue SET last_update = ? WHERE group_id = ?")
        .execute(Tuple.of(now, groupId))
        .mapEmpty();
  }

  static Future<Integer> countSubbands(SqlConnection conn, String groupId) {
    return conn.preparedQuery("SELECT COUNT(*) AS n FROM subband_files WHERE group_id = ?")
        .execute(Tuple.of(groupId))
        .map(rows -> rows.iterator().next().getInteger("n"));
  }

  static Future<JsonArray> subbands(SqlConnection conn, String groupId) {
    return conn.preparedQuery("SELECT subband_idx, file_path, file_size, discovered_at FROM subband_files WHERE group_id = ? ORDER BY subband_idx")
        .execute(Tuple.of(groupId))
        .map(QueueRepository::toJsonArray);
  }

  static Future<Void> updateState(SqlConnection conn, String groupId, GroupState state, int retryCount, String error, double now) {
    return conn.preparedQuery("UPDATE ingest_queue SET state = ?, retry_count = ?, error_message = ?, last_update = ? WHERE group_id = ?")
        .execute(Tuple.of(state.dbName(), retryCount, error, now, groupId))
        .mapEmpty();
  }

  static Future<Void> setCalibrators(SqlConnection conn, String groupId, boolean hasCalibrator, JsonArray calibrators, double now) {
    return conn.preparedQuery("UPDATE ingest_queue SET has_calibrator = ?, calibrators = ?, last_update = ? WHERE group_id = ?")
        .execute(Tuple.of(hasCalibrator ? 1 : 0, calibrators.encode(), now, groupId))
        .mapEmpty();
  }

  static Future<Optional<GroupRow>> oldestPending(SqlConnection conn) {
    return conn.preparedQuery("SELECT " + GroupRow.COLUMNS + " FROM ingest_queue WHERE state = ? ORDER BY group_id LIMIT 1")
        .execute(Tuple.of(GroupState.PENDING.dbName()))
        .map(rows -> first(rows).map(GroupRow::from));
  }

  /** Whether any lease has expired or any group has been collecting for too long. */
  static Future<Boolean> anyIdleSince(SqlConnection conn, double leaseBefore, double collectingBefore) {
    return conn.preparedQuery("SELECT 1 FROM ingest_queue WHERE (state = ? AND last_update < ?) OR (state = ? AND last_update < ?) LIMIT 1")
        .execute(Tuple.of(GroupState.IN_PROGRESS.dbName(), leaseBefore, GroupState.COLLECTING.dbName(), collectingBefore))
        .map(rows -> rows.size() > 0);
  }

  static Future<List<GroupRow>> idleSince(SqlConnection conn, GroupState state, double before) {
    return conn.preparedQuery("SELECT " + GroupRow.COLUMNS + " FROM ingest_queue WHERE state = ? AND last_update < ? ORDER BY group_id")
        .execute(Tuple.of(state.dbName(), before))
        .map(rows -> {
          List<GroupRow> groups = new ArrayList<>();
          rows.forEach(row -> groups.add(GroupRow.from(row)));
          return groups;
        });
  }

  static Future<Void> recordClaim(SqlConnection conn, String groupId, String worker, double now) {
    return conn.preparedQuery("INSERT OR REPLACE INTO hub_claims (group_id, worker, claimed_at) VALUES (?, ?, ?)")
        .execute(Tuple.of(groupId, worker, now))
        .mapEmpty();
  }

  static Future<Optional<String>> claimHolder(SqlConnection conn, String groupId) {
    return conn.preparedQuery("SELECT worker FROM hub_claims WHERE group_id = ?")
        .execute(Tuple.of(groupId))
        .map(rows -> first(rows).map(row -> row.getString("worker")));
  }

  static Future<Void> releaseClaim(SqlConnection conn, String groupId) {
    return conn.preparedQuery("DELETE FROM hub_claims WHERE group_id = ?").execute(Tuple.of(groupId)).mapEmpty();
  }

  /** Upsert: a group has at most one metrics row (UNIQUE group_id in the seed). */
  static Future<Void> upsertMetrics(SqlConnection conn, String groupId, String writerType, List<Double> values, double now) {
    String columns = String.join(", ", METRIC_COLUMNS);
    String updates = String.join(", ", METRIC_COLUMNS.stream().map(c -> c + " = excluded." + c).toList());
    Tuple args = Tuple.of(groupId, writerType);
    values.forEach(args::addValue);
    args.addDouble(now);
    return conn.preparedQuery("INSERT INTO performance_metrics (group_id, writer_type, " + columns + ", recorded_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(group_id) DO UPDATE SET writer_type = excluded.writer_type, "
            + updates + ", recorded_at = excluded.recorded_at")
        .execute(args)
        .mapEmpty();
  }

  static Future<JsonObject> metrics(SqlConnection conn, String groupId) {
    return conn.preparedQuery("SELECT writer_type, " + String.join(", ", METRIC_COLUMNS) + ", recorded_at FROM performance_metrics WHERE group_id = ?")
        .execute(Tuple.of(groupId))
        .map(rows -> first(rows).map(Row::toJson).orElse(null));
  }

  static JsonArray toJsonArray(RowSet<Row> rows) {
    JsonArray array = new JsonArray();
    rows.forEach(row -> array.add(row.toJson()));
    return array;
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
  }
}
