package org.dsa110.contimg.deploy.legacy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** The steps every importer ends a row with. */
final class Rows {
  private Rows() {}

  /**
   * Inserts a new row and reports it; a row the hub's schema refuses is reported as skipped, with
   * SQLite's reason.
   */
  static void insert(
      TargetWriter writer,
      String table,
      Map<String, Object> values,
      TableReport report,
      List<String> notes) {
    try {
      writer.insert(table, values);
      report.imported(true, notes);
    } catch (SQLException e) {
      report.skipped("refused by the hub's schema: " + e.getMessage());
    }
  }

  /** Adds a translation's note, if it made one. */
  static void note(List<String> notes, String note) {
    if (note != null) {
      notes.add(note);
    }
  }

  /**
   * Keeps the pipeline's row id when the hub's table has no row with it (ids appear in URLs), else
   * lets SQLite choose.
   */
  static void keepId(TargetWriter writer, String table, Long id, Map<String, Object> values)
      throws SQLException {
    if (id != null && !writer.exists("SELECT 1 FROM " + table + " WHERE id = ?", id)) {
      values.put("id", id);
    }
  }
}
