package org.dsa110.contimg.deploy.legacy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * One of the pipeline's database files, opened read-only: the import never changes SOURCE (SQLite
 * refuses every write on this connection). Knows its tables and their columns, so the importers can
 * ask what this version wrote.
 */
final class SourceDatabase implements AutoCloseable {
  private final Path file;
  private final String label;
  private final Connection connection;
  private final Map<String, List<String>> tables;

  private SourceDatabase(
      Path file, String label, Connection connection, Map<String, List<String>> tables) {
    this.file = file;
    this.label = label;
    this.connection = connection;
    this.tables = tables;
  }

  interface RowHandler {
    void accept(LegacyRow row) throws SQLException;
  }

  /** Opens the file read-only; {@code label} is how the report names it (its path under SOURCE). */
  static SourceDatabase open(Path file, String label) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(30_000);
    Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try {
      Map<String, List<String>> tables = new LinkedHashMap<>();
      List<String> names = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      for (String name : names) {
        List<String> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("PRAGMA table_info(" + quote(name) + ")")) {
          while (rs.next()) {
            columns.add(rs.getString("name").toLowerCase(Locale.ROOT));
          }
        }
        tables.put(name.toLowerCase(Locale.ROOT), columns);
      }
      return new SourceDatabase(file, label, connection, tables);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  Path file() {
    return file;
  }

  String label() {
    return label;
  }

  Map<String, List<String>> tables() {
    return tables;
  }

  boolean has(String table) {
    return tables.containsKey(table);
  }

  boolean has(String table, String column) {
    return tables.containsKey(table) && tables.get(table).contains(column);
  }

  List<String> columns(String table) {
    return tables.getOrDefault(table, List.of());
  }

  long count(String table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /**
   * Every row of a table, in the order the pipeline wrote them (rowid) unless {@code orderBy} says
   * otherwise.
   */
  void forEachRow(String table, String orderBy, RowHandler handler) throws SQLException {
    query(
        "SELECT * FROM " + quote(table) + " ORDER BY " + (orderBy == null ? "rowid" : orderBy),
        List.of(),
        handler);
  }

  /** Rows of any read-only query, by lower-case column name. */
  void query(String sql, List<Object> arguments, RowHandler handler) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < arguments.size(); i++) {
        statement.setObject(i + 1, arguments.get(i));
      }
      try (ResultSet rs = statement.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        String[] names = new String[columns];
        for (int i = 0; i < columns; i++) {
          names[i] = meta.getColumnLabel(i + 1).toLowerCase(Locale.ROOT);
        }
        while (rs.next()) {
          Map<String, Object> values = new LinkedHashMap<>();
          for (int i = 0; i < columns; i++) {
            values.put(names[i], rs.getObject(i + 1));
          }
          handler.accept(new LegacyRow(values));
        }
      }
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
