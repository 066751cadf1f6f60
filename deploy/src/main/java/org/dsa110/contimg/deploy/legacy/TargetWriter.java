package org.dsa110.contimg.deploy.legacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes into one of the hub's files in transactions of a few thousand rows (BEGIN IMMEDIATE ...
 * COMMIT, as the owners write), with prepared statements kept for the whole import. A row SQLite
 * refuses (a constraint) fails alone: SQLite undoes that statement only, and the caller reports the
 * row as skipped.
 */
final class TargetWriter implements AutoCloseable {
  private static final int ROWS_PER_TRANSACTION = 5_000;

  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private int rowsInTransaction;
  private boolean inTransaction;

  TargetWriter(Connection connection) {
    this.connection = connection;
  }

  boolean exists(String sql, Object... arguments) throws SQLException {
    try (ResultSet rs = bind(sql, arguments).executeQuery()) {
      return rs.next();
    }
  }

  /** The first column of the first row, or null. */
  Object value(String sql, Object... arguments) throws SQLException {
    try (ResultSet rs = bind(sql, arguments).executeQuery()) {
      return rs.next() ? rs.getObject(1) : null;
    }
  }

  interface RowConsumer {
    void accept(Object[] row) throws SQLException;
  }

  /** Every row of a query, as its column values. */
  void forEach(String sql, RowConsumer consumer, Object... arguments) throws SQLException {
    try (ResultSet rs = bind(sql, arguments).executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = rs.getObject(i + 1);
        }
        consumer.accept(row);
      }
    }
  }

  /** Inserts one row; the columns in the order of the map. */
  void insert(String table, Map<String, Object> row) throws SQLException {
    StringJoiner columns = new StringJoiner(", ");
    StringJoiner marks = new StringJoiner(", ");
    row.keySet()
        .forEach(
            column -> {
              columns.add(column);
              marks.add("?");
            });
    execute(
        "INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")",
        row.values().toArray());
  }

  int execute(String sql, Object... arguments) throws SQLException {
    begin();
    int changed = bind(sql, arguments).executeUpdate();
    if (++rowsInTransaction >= ROWS_PER_TRANSACTION) {
      commit();
    }
    return changed;
  }

  /**
   * Commits what is pending (the import commits as it goes, so an interrupted run resumes where it
   * stopped).
   */
  void commit() throws SQLException {
    if (inTransaction) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("COMMIT");
      }
      inTransaction = false;
      rowsInTransaction = 0;
    }
  }

  private void begin() throws SQLException {
    if (!inTransaction) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("BEGIN IMMEDIATE");
      }
      inTransaction = true;
    }
  }

  private PreparedStatement bind(String sql, Object[] arguments) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    statement.clearParameters();
    for (int i = 0; i < arguments.length; i++) {
      statement.setObject(i + 1, arguments[i]);
    }
    return statement;
  }

  /**
   * Commits, then lets the statements go; the connection itself belongs to {@link TargetDatabases}.
   */
  @Override
  public void close() throws SQLException {
    commit();
    for (PreparedStatement statement : statements.values()) {
      statement.close();
    }
    statements.clear();
  }
}
