package org.dsa110.contimg.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Renders rows (JSON objects) as RFC 4180 CSV: a header of every column seen, then one line per
 * row. Text that a spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a
 * carriage return) is prefixed with a single quote, as OWASP recommends; numbers are written as
 * they are, so negative declinations stay numbers.
 */
final class CsvTable {
  private CsvTable() {}

  static String render(JsonArray rows) {
    Set<String> columns = new LinkedHashSet<>();
    rows.forEach(row -> columns.addAll(((JsonObject) row).fieldNames()));
    StringBuilder csv = new StringBuilder();
    csv.append(String.join(",", columns.stream().map(CsvTable::cell).toList())).append("\r\n");
    for (Object row : rows) {
      JsonObject object = (JsonObject) row;
      csv.append(String.join(",", columns.stream().map(c -> cell(object.getValue(c))).toList()))
          .append("\r\n");
    }
    return csv.toString();
  }

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value instanceof Number ? value.toString() : neutralised(value.toString());
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  private static String neutralised(String text) {
    return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }
}
