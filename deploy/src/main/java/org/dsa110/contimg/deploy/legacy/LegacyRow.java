package org.dsa110.contimg.deploy.legacy;

import java.util.Map;

/**
 * One row of a source table, by lower-case column name. The pipeline's versions added columns over
 * time, so every read says which columns it accepts, in order of preference, and a column the file
 * lacks reads as NULL.
 */
final class LegacyRow {
  private final Map<String, Object> values;

  LegacyRow(Map<String, Object> values) {
    this.values = values;
  }

  boolean has(String column) {
    return values.containsKey(column);
  }

  /** The first non-NULL value among the columns, or null. */
  Object value(String... columns) {
    for (String column : columns) {
      Object value = values.get(column);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** Text, or null; numbers read as their text form (an INTEGER source_id becomes "123"). */
  String text(String... columns) {
    Object value = value(columns);
    if (value == null) {
      return null;
    }
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return String.valueOf(d.longValue());
    }
    return value.toString();
  }

  /**
   * A number, or null when NULL or not a number (SQLite keeps whatever was written, text included).
   */
  Double real(String... columns) {
    Object value = value(columns);
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      try {
        double parsed = Double.parseDouble(s.strip());
        return Double.isFinite(parsed) ? parsed : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  Long integer(String... columns) {
    Double real = real(columns);
    return real == null ? null : Math.round(real);
  }

  /** Text that is NULL, empty or only spaces reads as null. */
  String nonBlank(String... columns) {
    String text = text(columns);
    return text == null || text.isBlank() ? null : text;
  }
}
