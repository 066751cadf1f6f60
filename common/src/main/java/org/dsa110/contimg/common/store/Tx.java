package org.dsa110.contimg.common.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plain sequential access to one SQLite connection, for the owners' domain code: run a statement,
 * read its rows, decide, write, return. Prepared statements are kept for the life of the connection
 * (preparing a statement and reading its metadata cost more than running most of ours). Used on one
 * thread at a time: the writer's, or a reader's. A statement SQLite refuses leaves as a {@link
 * StoreException}, which the store translates into the bus contract's code.
 */
public final class Tx {
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final Map<PreparedStatement, Map<String, Integer>> columnsOf = new HashMap<>();

  Tx(Connection connection) {
    this.connection = connection;
  }

  /** Every row of a query. */
  public List<DbRow> query(String sql, Object... args) {
    try {
      PreparedStatement statement = prepared(sql, args);
      List<DbRow> rows = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        Map<String, Integer> columns = columns(statement, rs);
        int n = columns.size();
        while (rs.next()) {
          Object[] values = new Object[n];
          for (int i = 0; i < n; i++) {
            values[i] = widen(rs.getObject(i + 1));
          }
          rows.add(new DbRow(columns, values));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new StoreException(sql, e);
    }
  }

  /** The first row, if any. */
  public Optional<DbRow> first(String sql, Object... args) {
    List<DbRow> rows = query(sql, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** The first column of the first row (null when there is no row or the value is NULL). */
  public Object scalar(String sql, Object... args) {
    return first(sql, args).map(row -> row.getValue(0)).orElse(null);
  }

  public long count(String sql, Object... args) {
    Object value = scalar(sql, args);
    return value == null ? 0 : ((Number) value).longValue();
  }

  /** An INSERT, UPDATE or DELETE; the number of rows it changed. */
  public int update(String sql, Object... args) {
    try {
      return prepared(sql, args).executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(sql, e);
    }
  }

  /** An INSERT; the rowid it gave the new row. */
  public long insert(String sql, Object... args) {
    update(sql, args);
    return count("SELECT last_insert_rowid()");
  }

  /** One statement for many rows of arguments, as one JDBC batch. */
  public void batch(String sql, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    try {
      PreparedStatement statement = statement(sql);
      for (Object[] row : rows) {
        bind(statement, row);
        statement.addBatch();
      }
      statement.executeBatch();
    } catch (SQLException e) {
      throw new StoreException(sql, e);
    }
  }

  /** A statement without arguments or results (a pragma, DDL, a transaction verb). */
  public void execute(String sql) {
    try (var statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new StoreException(sql, e);
    }
  }

  void close() {
    for (PreparedStatement statement : statements.values()) {
      try {
        statement.close();
      } catch (SQLException ignored) {
        // closing the connection next releases it anyway
      }
    }
    statements.clear();
  }

  private PreparedStatement prepared(String sql, Object[] args) throws SQLException {
    PreparedStatement statement = statement(sql);
    bind(statement, args);
    return statement;
  }

  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  private static void bind(PreparedStatement statement, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object value = args[i];
      int at = i + 1;
      if (value == null) {
        statement.setNull(at, Types.NULL);
      } else if (value instanceof String text) {
        statement.setString(at, text);
      } else if (value instanceof Double || value instanceof Float) {
        statement.setDouble(at, ((Number) value).doubleValue());
      } else if (value instanceof Number number) {
        statement.setLong(at, number.longValue());
      } else if (value instanceof Boolean flag) {
        statement.setLong(at, flag ? 1 : 0);
      } else if (value instanceof byte[] bytes) {
        statement.setBytes(at, bytes);
      } else {
        throw new IllegalArgumentException(
            "cannot bind a " + value.getClass().getSimpleName() + " to parameter " + at);
      }
    }
  }

  private Map<String, Integer> columns(PreparedStatement statement, ResultSet rs)
      throws SQLException {
    Map<String, Integer> columns = columnsOf.get(statement);
    if (columns == null) {
      ResultSetMetaData meta = rs.getMetaData();
      columns = new LinkedHashMap<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.put(meta.getColumnLabel(i), i - 1);
      }
      columnsOf.put(statement, columns);
    }
    return columns;
  }

  /**
   * SQLite hands a stored INTEGER back as Integer when it fits; every integer leaves here as a
   * Long.
   */
  private static Object widen(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float number) {
      return number.doubleValue();
    }
    return value;
  }
}
