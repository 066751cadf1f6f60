package org.dsa110.contimg.products;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An insert-or-update where a value left out (or null) never overwrites a known one: only the
 * columns given a value take part, so an insert leaves the others to their schema defaults and an
 * update leaves them as they are. Columns set with {@link #onInsert} are written only by the insert
 * (a creation time stays the first one).
 */
final class Upsert {
  private final String table;
  private final String conflictTarget;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Set<String> insertOnly = new HashSet<>();

  Upsert(String table, String conflictTarget) {
    this.table = table;
    this.conflictTarget = conflictTarget;
  }

  Upsert set(String column, Object value) {
    if (value != null) {
      values.put(column, value);
    }
    return this;
  }

  Upsert onInsert(String column, Object value) {
    insertOnly.add(column);
    return set(column, value);
  }

  String sql() {
    List<String> columns = new ArrayList<>(values.keySet());
    String placeholders = String.join(", ", columns.stream().map(c -> "?").toList());
    String updates =
        String.join(
            ", ",
            columns.stream()
                .filter(c -> !insertOnly.contains(c))
                .map(c -> c + " = excluded." + c)
                .toList());
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") VALUES ("
        + placeholders
        + ") "
        + "ON CONFLICT("
        + conflictTarget
        + ") DO UPDATE SET "
        + updates;
  }

  Object[] arguments() {
    return values.values().toArray();
  }
}
