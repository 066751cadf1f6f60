package org.dsa110.contimg.common.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sqlite.SQLiteConfig;

/**
 * Compares a database file with the layout its owner's migrations make, before the owner touches
 * it: every table and view the file shares with that layout must have the same columns (declared
 * type, NOT NULL, primary key) and the unique keys the owner's writes rely on (ON CONFLICT targets,
 * UNIQUE paths). Tables the file lacks are fine (the migrations create them), and so are tables and
 * columns of its own, unless such a column is NOT NULL without a default (the owner's inserts leave
 * it out). The file is opened read-only: a file of another layout is reported, never altered.
 */
public final class SchemaCheck {
  private SchemaCheck() {}

  /**
   * Differences of an existing file from the layout, one entry per table or view ("images: path is
   * not UNIQUE").
   */
  public static List<String> differences(Path file, Migrations migrations) throws SQLException {
    SQLiteConfig readOnly = new SQLiteConfig();
    readOnly.setReadOnly(true);
    try (Connection actual = readOnly.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        Connection expected = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      int version = Math.max(1, Math.min(userVersion(actual), migrations.latestVersion()));
      try (Statement statement = expected.createStatement()) {
        for (int step = 1; step <= version; step++) {
          for (String sql : migrations.step(step)) {
            statement.execute(sql);
          }
        }
      }
      Map<String, SchemaObject> fileObjects = objects(actual);
      List<String> differences = new ArrayList<>();
      for (Map.Entry<String, SchemaObject> object : objects(expected).entrySet()) {
        String name = object.getKey();
        SchemaObject spec = object.getValue();
        SchemaObject found = fileObjects.get(name);
        if (found == null) {
          continue;
        }
        if (!found.type().equals(spec.type())) {
          differences.add(name + ": is a " + found.type() + ", not a " + spec.type());
        } else if (spec.type().equals("view")) {
          if (!found.definition().equals(spec.definition())) {
            differences.add("view " + name + ": selects other rows than the specification's");
          }
        } else {
          List<String> tableDifferences =
              tableDifferences(Table.read(expected, name), Table.read(actual, name));
          if (!tableDifferences.isEmpty()) {
            differences.add(name + ": " + String.join(", ", tableDifferences));
          }
        }
      }
      return differences;
    }
  }

  /**
   * Stops an owner whose file is of another layout, with one line naming the file, what differs and
   * how to adopt it; a missing file is fine (the owner creates it).
   */
  public static void requireLayout(Path file, Migrations migrations) throws SQLException {
    if (!Files.exists(file)) {
      return;
    }
    List<String> differences = differences(file, migrations);
    if (!differences.isEmpty()) {
      throw new ForeignDatabaseException(file, differences);
    }
  }

  private static List<String> tableDifferences(Table spec, Table file) {
    List<String> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Column column : spec.columns().values()) {
      Column actual = file.columns().get(column.key());
      if (actual == null) {
        missing.add(column.name());
      } else {
        if (!actual.type().equals(column.type())) {
          found.add(
              column.name()
                  + " is "
                  + (actual.type().isEmpty() ? "untyped" : actual.type())
                  + ", not "
                  + column.type());
        }
        if (actual.notNull() != column.notNull()) {
          found.add(
              column.name()
                  + (actual.notNull()
                      ? " is NOT NULL (may be NULL in the specification)"
                      : " may be NULL (NOT NULL in the specification)"));
        }
      }
    }
    if (!missing.isEmpty()) {
      found.add(
          0, "missing column" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing));
    }
    for (Set<String> key : spec.uniqueKeys()) {
      if (!file.uniqueKeys().contains(key) && key.stream().allMatch(file.columns()::containsKey)) {
        found.add(
            String.join(", ", key)
                + (spec.primaryKey().equals(key) ? " is not the primary key" : " is not UNIQUE"));
      }
    }
    for (Column column : file.columns().values()) {
      if (!spec.columns().containsKey(column.key())
          && column.notNull()
          && column.defaultValue() == null
          && !column.rowid()) {
        found.add(
            "its own column "
                + column.name()
                + " is NOT NULL without a default (the hub's inserts leave it out)");
      }
    }
    return found;
  }

  private static int userVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** Tables and views by name; a view with its definition, the spacing evened out. */
  private static Map<String, SchemaObject> objects(Connection connection) throws SQLException {
    Map<String, SchemaObject> objects = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view') "
                    + "AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
      while (rs.next()) {
        String type = rs.getString(1);
        objects.put(
            rs.getString(2).toLowerCase(Locale.ROOT),
            new SchemaObject(type, type.equals("view") ? normalised(rs.getString(3)) : ""));
      }
    }
    return objects;
  }

  private record SchemaObject(String type, String definition) {}

  private static String normalised(String sql) {
    return sql == null
        ? ""
        : sql.replaceAll("\\s+", " ")
            .replaceAll(" ?([(),=<>]) ?", "$1")
            .trim()
            .toLowerCase(Locale.ROOT);
  }

  private record Column(
      String name, String type, boolean notNull, String defaultValue, int pk, boolean rowid) {
    String key() {
      return name.toLowerCase(Locale.ROOT);
    }
  }

  private record Table(
      Map<String, Column> columns, Set<String> primaryKey, List<Set<String>> uniqueKeys) {
    static Table read(Connection connection, String name) throws SQLException {
      Map<String, Column> columns = new LinkedHashMap<>();
      Set<String> primaryKey = new TreeSet<>();
      String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("PRAGMA table_info(" + quoted + ")")) {
        while (rs.next()) {
          String type =
              rs.getString("type") == null
                  ? ""
                  : rs.getString("type").trim().toUpperCase(Locale.ROOT);
          int pk = rs.getInt("pk");
          Column column =
              new Column(
                  rs.getString("name"),
                  type,
                  rs.getInt("notnull") != 0,
                  rs.getString("dflt_value"),
                  pk,
                  false);
          columns.put(column.key(), column);
          if (pk > 0) {
            primaryKey.add(column.key());
          }
        }
      }
      // an INTEGER PRIMARY KEY is the rowid itself: SQLite fills it, so it never counts as a column
      // the hub leaves out
      if (primaryKey.size() == 1) {
        Column only = columns.get(primaryKey.iterator().next());
        if (only.type().equals("INTEGER")) {
          columns.put(
              only.key(),
              new Column(
                  only.name(), only.type(), only.notNull(), only.defaultValue(), only.pk(), true));
        }
      }
      List<Set<String>> uniqueKeys = new ArrayList<>();
      if (!primaryKey.isEmpty()) {
        uniqueKeys.add(primaryKey);
      }
      List<String> uniqueIndexes = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("PRAGMA index_list(" + quoted + ")")) {
        while (rs.next()) {
          if (rs.getInt("unique") != 0 && rs.getInt("partial") == 0) {
            uniqueIndexes.add(rs.getString("name"));
          }
        }
      }
      for (String index : uniqueIndexes) {
        Set<String> key = new TreeSet<>();
        try (Statement statement = connection.createStatement();
            ResultSet rs =
                statement.executeQuery(
                    "PRAGMA index_info(\"" + index.replace("\"", "\"\"") + "\")")) {
          while (rs.next()) {
            key.add(
                rs.getString("name") == null ? "?" : rs.getString("name").toLowerCase(Locale.ROOT));
          }
        }
        if (!uniqueKeys.contains(key)) {
          uniqueKeys.add(key);
        }
      }
      return new Table(columns, primaryKey, uniqueKeys);
    }
  }
}
