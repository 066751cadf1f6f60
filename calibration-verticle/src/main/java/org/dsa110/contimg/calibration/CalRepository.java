package org.dsa110.contimg.calibration;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of cal_registry.sqlite3; every method runs on the connection (and transaction) it is given. */
final class CalRepository {
  private CalRepository() {
  }

  static Future<List<CalTable>> tablesOfSet(SqlConnection conn, String setName) {
    return conn.preparedQuery("SELECT " + CalTable.COLUMNS + " FROM caltables WHERE set_name = ? ORDER BY order_index, path")
        .execute(Tuple.of(setName))
        .map(CalRepository::tables);
  }

  static Future<Optional<CalTable>> byPath(SqlConnection conn, String path) {
    return conn.preparedQuery("SELECT " + CalTable.COLUMNS + " FROM caltables WHERE path = ?")
        .execute(Tuple.of(path))
        .map(rows -> tables(rows).stream().findFirst());
  }

  static Future<Void> insert(SqlConnection conn, CalTable table, double now) {
    return conn.preparedQuery("INSERT INTO caltables (set_name, path, table_type, order_index, valid_start_mjd, valid_end_mjd, created_at, active) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, 1)")
        .execute(Tuple.of(table.setName(), table.path(), table.tableType(), table.orderIndex(), table.validStartMjd(), table.validEndMjd(), now))
        .mapEmpty();
  }

  static Future<Void> replace(SqlConnection conn, CalTable table, double now) {
    return conn.preparedQuery("UPDATE caltables SET set_name = ?, table_type = ?, order_index = ?, valid_start_mjd = ?, valid_end_mjd = ?, "
            + "created_at = ?, active = 1 WHERE path = ?")
        .execute(Tuple.of(table.setName(), table.tableType(), table.orderIndex(), table.validStartMjd(), table.validEndMjd(), now, table.path()))
        .mapEmpty();
  }

  static Future<Void> deactivatePath(SqlConnection conn, String path) {
    return conn.preparedQuery("UPDATE caltables SET active = 0 WHERE path = ?").execute(Tuple.of(path)).mapEmpty();
  }

  /** Makes every table of the set inactive; the number of tables that were still active. */
  static Future<Integer> retire(SqlConnection conn, String setName) {
    return conn.preparedQuery("UPDATE caltables SET active = 0 WHERE set_name = ? AND active = 1")
        .execute(Tuple.of(setName))
        .map(RowSet::rowCount);
  }

  static Future<Void> recordRetirement(SqlConnection conn, String setName, String reason, double now) {
    return conn.preparedQuery("INSERT OR REPLACE INTO hub_set_retirements (set_name, reason, retired_at) VALUES (?, ?, ?)")
        .execute(Tuple.of(setName, reason, now))
        .mapEmpty();
  }

  static Future<Void> forgetRetirement(SqlConnection conn, String setName) {
    return conn.preparedQuery("DELETE FROM hub_set_retirements WHERE set_name = ?").execute(Tuple.of(setName)).mapEmpty();
  }

  /**
   * Active tables whose window overlaps [from, to]. The start is bounded below by {@code from - longestWindow}
   * so the (valid_start_mjd, valid_end_mjd) index is read as a short range, not scanned from the beginning.
   * {@code +active} keeps SQLite from choosing idx_caltables_active instead: nearly every row is active, and
   * that plan scanned the whole table (3.6 ms a lookup at 30,000 tables, against 0.1 ms).
   */
  static Future<RowSet<Row>> activeOverlapping(SqlConnection conn, double from, double to, double longestWindow) {
    return conn.preparedQuery("SELECT " + CalTable.COLUMNS + " FROM caltables "
            + "WHERE valid_start_mjd BETWEEN ? AND ? AND valid_end_mjd >= ? AND +active = 1")
        .execute(Tuple.of(from - longestWindow, to, from));
  }

  static Future<Double> longestWindow(SqlConnection conn) {
    return conn.query("SELECT MAX(valid_end_mjd - valid_start_mjd) AS longest FROM caltables").execute()
        .map(rows -> {
          Number longest = (Number) rows.iterator().next().getValue("longest");
          return longest == null ? 0.0 : longest.doubleValue();
        });
  }

  static JsonArray toJson(RowSet<Row> rows) {
    JsonArray array = new JsonArray();
    rows.forEach(row -> array.add(CalTable.toJson(row)));
    return array;
  }

  private static List<CalTable> tables(RowSet<Row> rows) {
    List<CalTable> tables = new ArrayList<>();
    rows.forEach(row -> tables.add(CalTable.from(row)));
    return tables;
  }
}
