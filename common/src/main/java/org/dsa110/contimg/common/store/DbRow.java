package org.dsa110.contimg.common.store;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * One result row, read whole while its statement was current: values as SQLite stores them, in
 * Java's 64-bit types (INTEGER as Long, REAL as Double), so a Unix timestamp or a file size keeps
 * every digit.
 */
public final class DbRow {
  private final Map<String, Integer> columns;
  private final Object[] values;

  DbRow(Map<String, Integer> columns, Object[] values) {
    this.columns = columns;
    this.values = values;
  }

  public Object getValue(String column) {
    Integer index = columns.get(column);
    if (index == null) {
      throw new IllegalArgumentException("no column " + column + " in " + columns.keySet());
    }
    return values[index];
  }

  public Object getValue(int index) {
    return values[index];
  }

  public String getString(String column) {
    Object value = getValue(column);
    return value == null ? null : value.toString();
  }

  public Double getDouble(String column) {
    Object value = getValue(column);
    return value == null ? null : ((Number) value).doubleValue();
  }

  public Long getLong(String column) {
    Object value = getValue(column);
    return value == null ? null : ((Number) value).longValue();
  }

  public Integer getInteger(String column) {
    Object value = getValue(column);
    return value == null ? null : ((Number) value).intValue();
  }

  public boolean has(String column) {
    return columns.containsKey(column);
  }

  /** The row as JSON, columns in their order, NULLs kept as null. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    columns.forEach(
        (name, index) ->
            json.put(name, values[index] instanceof byte[] bytes ? bytes.clone() : values[index]));
    return json;
  }
}
