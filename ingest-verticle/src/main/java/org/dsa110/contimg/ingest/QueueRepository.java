package org.dsa110.contimg.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.store.DbRow;
import org.dsa110.contimg.common.store.Pages;
import org.dsa110.contimg.common.store.Tx;

/** The SQL of ingest.sqlite3; every method runs in the transaction it is given. */
final class QueueRepository {
  static final List<String> METRIC_COLUMNS =
      List.of(
          "conversion_time",
          "concat_time",
          "k_solve_time",
          "bp_solve_time",
          "g_solve_time",
          "imaging_time",
          "photometry_time",
          "total_time");

  private QueueRepository() {}

  static Optional<GroupRow> find(Tx tx, String groupId) {
    return tx.first("SELECT " + GroupRow.COLUMNS + " FROM ingest_queue WHERE group_id = ?", groupId)
        .map(GroupRow::from);
  }

  static GroupRow get(Tx tx, String groupId) {
    return find(tx, groupId).orElseThrow(() -> HubException.notFound("no group " + groupId));
  }

  /**
   * Groups in the given states whose id lies in [from, to] (ids are ISO timestamps, so text order
   * is time order).
   */
  static List<GroupRow> inWindow(Tx tx, String from, String to, List<GroupState> states) {
    String placeholders = String.join(", ", states.stream().map(s -> "?").toList());
    List<Object> args = new ArrayList<>(List.of(from, to));
    states.forEach(s -> args.add(s.dbName()));
    return tx
        .query(
            "SELECT "
                + GroupRow.COLUMNS
                + " FROM ingest_queue WHERE group_id BETWEEN ? AND ? AND state IN ("
                + placeholders
                + ")",
            args.toArray())
        .stream()
        .map(GroupRow::from)
        .toList();
  }

  /** The group (within the id window) that already holds this very file, if any. */
  static Optional<String> groupHoldingFile(Tx tx, String from, String to, String filePath) {
    return tx.first(
            "SELECT group_id FROM subband_files WHERE group_id BETWEEN ? AND ? AND file_path = ?",
            from,
            to,
            filePath)
        .map(row -> row.getString("group_id"));
  }

  static Optional<String> subbandPath(Tx tx, String groupId, int index) {
    return tx.first(
            "SELECT file_path FROM subband_files WHERE group_id = ? AND subband_idx = ?",
            groupId,
            index)
        .map(row -> row.getString("file_path"));
  }

  static void insertGroup(Tx tx, String groupId, int expectedSubbands, double now) {
    tx.update(
        "INSERT INTO ingest_queue (group_id, state, received_at, last_update, expected_subbands, retry_count) VALUES (?, ?, ?, ?, ?, 0)",
        groupId,
        GroupState.COLLECTING.dbName(),
        now,
        now,
        expectedSubbands);
  }

  static void insertSubband(Tx tx, String groupId, SubbandFile file, Long size, double now) {
    tx.update(
        "INSERT INTO subband_files (group_id, subband_idx, file_path, file_size, discovered_at) VALUES (?, ?, ?, ?, ?)",
        groupId,
        file.index(),
        file.path(),
        size,
        now);
    touch(tx, groupId, now);
  }

  static void touch(Tx tx, String groupId, double now) {
    tx.update("UPDATE ingest_queue SET last_update = ? WHERE group_id = ?", now, groupId);
  }

  static int countSubbands(Tx tx, String groupId) {
    return (int) tx.count("SELECT COUNT(*) FROM subband_files WHERE group_id = ?", groupId);
  }

  static JsonArray subbands(Tx tx, String groupId) {
    return Pages.rows(
        tx.query(
            "SELECT subband_idx, file_path, file_size, discovered_at FROM subband_files WHERE group_id = ? ORDER BY subband_idx",
            groupId));
  }

  static void updateState(
      Tx tx, String groupId, GroupState state, int retryCount, String error, double now) {
    tx.update(
        "UPDATE ingest_queue SET state = ?, retry_count = ?, error_message = ?, last_update = ? WHERE group_id = ?",
        state.dbName(),
        retryCount,
        error,
        now,
        groupId);
  }

  static void setCalibrators(
      Tx tx, String groupId, boolean hasCalibrator, JsonArray calibrators, double now) {
    tx.update(
        "UPDATE ingest_queue SET has_calibrator = ?, calibrators = ?, last_update = ? WHERE group_id = ?",
        hasCalibrator ? 1 : 0,
        calibrators.encode(),
        now,
        groupId);
  }

  static Optional<GroupRow> oldestPending(Tx tx) {
    return tx.first(
            "SELECT "
                + GroupRow.COLUMNS
                + " FROM ingest_queue WHERE state = ? ORDER BY group_id LIMIT 1",
            GroupState.PENDING.dbName())
        .map(GroupRow::from);
  }

  /** Whether any lease has expired or any group has been collecting for too long. */
  static boolean anyIdleSince(Tx tx, double leaseBefore, double collectingBefore) {
    return tx.first(
            "SELECT 1 FROM ingest_queue WHERE (state = ? AND last_update < ?) OR (state = ? AND last_update < ?) LIMIT 1",
            GroupState.IN_PROGRESS.dbName(),
            leaseBefore,
            GroupState.COLLECTING.dbName(),
            collectingBefore)
        .isPresent();
  }

  static List<GroupRow> idleSince(Tx tx, GroupState state, double before) {
    return tx
        .query(
            "SELECT "
                + GroupRow.COLUMNS
                + " FROM ingest_queue WHERE state = ? AND last_update < ? ORDER BY group_id",
            state.dbName(),
            before)
        .stream()
        .map(GroupRow::from)
        .toList();
  }

  static void recordClaim(Tx tx, String groupId, String worker, double now) {
    tx.update(
        "INSERT OR REPLACE INTO hub_claims (group_id, worker, claimed_at) VALUES (?, ?, ?)",
        groupId,
        worker,
        now);
  }

  static Optional<String> claimHolder(Tx tx, String groupId) {
    return tx.first("SELECT worker FROM hub_claims WHERE group_id = ?", groupId)
        .map(row -> row.getString("worker"));
  }

  static void releaseClaim(Tx tx, String groupId) {
    tx.update("DELETE FROM hub_claims WHERE group_id = ?", groupId);
  }

  /** Upsert: a group has at most one metrics row (UNIQUE group_id in the seed). */
  static void upsertMetrics(
      Tx tx, String groupId, String writerType, List<Double> values, double now) {
    String columns = String.join(", ", METRIC_COLUMNS);
    String updates =
        String.join(", ", METRIC_COLUMNS.stream().map(c -> c + " = excluded." + c).toList());
    List<Object> args = new ArrayList<>();
    args.add(groupId);
    args.add(writerType);
    args.addAll(values);
    args.add(now);
    tx.update(
        "INSERT INTO performance_metrics (group_id, writer_type, "
            + columns
            + ", recorded_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(group_id) DO UPDATE SET writer_type = excluded.writer_type, "
            + updates
            + ", recorded_at = excluded.recorded_at",
        args.toArray());
  }

  static JsonObject metrics(Tx tx, String groupId) {
    return tx.first(
            "SELECT writer_type, "
                + String.join(", ", METRIC_COLUMNS)
                + ", recorded_at FROM performance_metrics WHERE group_id = ?",
            groupId)
        .map(DbRow::toJson)
        .orElse(null);
  }
}
