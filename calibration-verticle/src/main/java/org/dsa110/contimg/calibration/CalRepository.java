package org.dsa110.contimg.calibration;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dsa110.contimg.common.store.DbRow;
import org.dsa110.contimg.common.store.Tx;

/** The SQL of cal_registry.sqlite3; every method runs in the transaction it is given. */
final class CalRepository {
  private CalRepository() {}

  static List<CalTable> tablesOfSet(Tx tx, String setName) {
    return tx
        .query(
            "SELECT "
                + CalTable.COLUMNS
                + " FROM caltables WHERE set_name = ? ORDER BY order_index, path",
            setName)
        .stream()
        .map(CalTable::from)
        .toList();
  }

  static Optional<CalTable> byPath(Tx tx, String path) {
    return tx.first("SELECT " + CalTable.COLUMNS + " FROM caltables WHERE path = ?", path)
        .map(CalTable::from);
  }

  static void insert(Tx tx, CalTable table, double now) {
    tx.update(
        "INSERT INTO caltables (set_name, path, table_type, order_index, valid_start_mjd, valid_end_mjd, created_at, active) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
        table.setName(),
        table.path(),
        table.tableType(),
        table.orderIndex(),
        table.validStartMjd(),
        table.validEndMjd(),
        now);
  }

  static void replace(Tx tx, CalTable table, double now) {
    tx.update(
        "UPDATE caltables SET set_name = ?, table_type = ?, order_index = ?, valid_start_mjd = ?, valid_end_mjd = ?, "
            + "created_at = ?, active = 1 WHERE path = ?",
        table.setName(),
        table.tableType(),
        table.orderIndex(),
        table.validStartMjd(),
        table.validEndMjd(),
        now,
        table.path());
  }

  static void deactivatePath(Tx tx, String path) {
    tx.update("UPDATE caltables SET active = 0 WHERE path = ?", path);
  }

  /** Makes every table of the set inactive; the number of tables that were still active. */
  static int retire(Tx tx, String setName) {
    return tx.update("UPDATE caltables SET active = 0 WHERE set_name = ? AND active = 1", setName);
  }

  static void recordRetirement(Tx tx, String setName, String reason, double now) {
    tx.update(
        "INSERT OR REPLACE INTO hub_set_retirements (set_name, reason, retired_at) VALUES (?, ?, ?)",
        setName,
        reason,
        now);
  }

  static void forgetRetirement(Tx tx, String setName) {
    tx.update("DELETE FROM hub_set_retirements WHERE set_name = ?", setName);
  }

  /**
   * Active tables whose window overlaps [from, to], open-ended ones with the MJD a later table of
   * their type supersedes them from (when that lies within the range).
   */
  static List<RegisteredTable> activeNear(
      Tx tx, double from, double to, double longestWindow, Set<String> openEndedTypes) {
    List<DbRow> rows = new ArrayList<>(boundedOverlapping(tx, from, to, longestWindow));
    for (String type : openEndedTypes) {
      rows.addAll(openEndedSince(tx, type, from, to));
    }
    Map<String, TreeSet<Double>> startsByType = new HashMap<>();
    rows.forEach(
        row ->
            startsByType
                .computeIfAbsent(row.getString("table_type"), type -> new TreeSet<>())
                .add(row.getDouble("valid_start_mjd")));
    List<RegisteredTable> tables = new ArrayList<>();
    for (DbRow row : rows) {
      CalTable table = CalTable.from(row);
      Double successor =
          table.openEnded()
              ? startsByType.get(table.tableType()).higher(table.validStartMjd())
              : null;
      tables.add(
          RegisteredTable.from(row, successor == null ? Double.POSITIVE_INFINITY : successor));
    }
    return tables;
  }

  /**
   * Tables with a registered end whose window overlaps [from, to]. The start is bounded below by
   * {@code from - longestWindow} so the (valid_start_mjd, valid_end_mjd) index is read as a short
   * range, not scanned from the beginning. {@code +active} keeps SQLite from choosing
   * idx_caltables_active instead: nearly every row is active, and that plan scanned the whole table
   * (3.6 ms a lookup at 30,000 tables, against 0.1 ms).
   */
  private static List<DbRow> boundedOverlapping(
      Tx tx, double from, double to, double longestWindow) {
    return tx.query(
        "SELECT "
            + CalTable.COLUMNS
            + " FROM caltables WHERE valid_start_mjd BETWEEN ? AND ? AND valid_end_mjd >= ? "
            + "AND valid_end_mjd < ? AND +active = 1",
        from - longestWindow,
        to,
        from,
        CalTable.OPEN_END_MJD);
  }

  /**
   * The open-ended tables of a type that may be valid somewhere in [from, to]: those starting by
   * {@code to} and no earlier than the latest table of the type that starts by {@code from} (every
   * earlier one is superseded before the range begins). Every table of the type starting inside the
   * range overlaps it, so the caller has all that can supersede them within it.
   */
  private static List<DbRow> openEndedSince(Tx tx, String type, double from, double to) {
    Object latest =
        tx.scalar(
            "SELECT MAX(valid_start_mjd) FROM caltables WHERE table_type = ? AND +active = 1 AND valid_start_mjd <= ?",
            type,
            from);
    double since = latest == null ? -1.0 : ((Number) latest).doubleValue();
    return tx.query(
        "SELECT "
            + CalTable.COLUMNS
            + " FROM caltables WHERE valid_start_mjd BETWEEN ? AND ? AND valid_end_mjd >= ? "
            + "AND table_type = ? AND +active = 1",
        since,
        to,
        CalTable.OPEN_END_MJD,
        type);
  }

  /** The longest window with a registered end; open-ended tables are looked up apart. */
  static double longestWindow(Tx tx) {
    Object longest =
        tx.scalar(
            "SELECT MAX(valid_end_mjd - valid_start_mjd) FROM caltables WHERE valid_end_mjd < ?",
            CalTable.OPEN_END_MJD);
    return longest == null ? 0.0 : ((Number) longest).doubleValue();
  }

  static Set<String> openEndedTypes(Tx tx) {
    Set<String> types = new HashSet<>();
    tx.query(
            "SELECT DISTINCT table_type FROM caltables WHERE valid_end_mjd >= ?",
            CalTable.OPEN_END_MJD)
        .forEach(row -> types.add(row.getString("table_type")));
    return types;
  }

  static JsonArray toJson(List<DbRow> rows) {
    JsonArray array = new JsonArray();
    rows.forEach(row -> array.add(CalTable.toJson(row)));
    return array;
  }
}
