package org.dsa110.contimg.deploy.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of an answer as an operator reads them: aligned columns, JSON as the hub sent it, or CSV for
 * a spreadsheet.
 */
enum Table {
  TABLE,
  JSON,
  CSV;

  String render(JsonObject answer, String rowsField, List<String> columns) {
    JsonArray rows = answer.getJsonArray(rowsField, new JsonArray());
    return switch (this) {
      case JSON -> answer.encodePrettily();
      case CSV -> csv(rows, columns);
      case TABLE ->
          aligned(rows, columns)
              + (answer.containsKey("total")
                  ? "\n" + rows.size() + " of " + answer.getValue("total")
                  : "");
    };
  }

  /** One object, field by field. */
  String render(JsonObject object) {
    if (this == JSON) {
      return object.encodePrettily();
    }
    List<String> fields = new ArrayList<>(object.fieldNames());
    if (this == CSV) {
      return csv(new JsonArray().add(object), fields);
    }
    int width = fields.stream().mapToInt(String::length).max().orElse(0);
    StringBuilder out = new StringBuilder();
    for (String field : fields) {
      out.append(String.format("%-" + width + "s  %s%n", field, text(object.getValue(field))));
    }
    return out.toString().stripTrailing();
  }

  private static String aligned(JsonArray rows, List<String> columns) {
    int[] widths = columns.stream().mapToInt(String::length).toArray();
    List<List<String>> cells = new ArrayList<>();
    for (Object row : rows) {
      List<String> line = new ArrayList<>();
      for (int c = 0; c < columns.size(); c++) {
        String cell = text(((JsonObject) row).getValue(columns.get(c)));
        widths[c] = Math.max(widths[c], cell.length());
        line.add(cell);
      }
      cells.add(line);
    }
    StringBuilder out = new StringBuilder(line(columns, widths));
    cells.forEach(line -> out.append('\n').append(line(line, widths)));
    return out.toString();
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder out = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      out.append(c == 0 ? "" : "  ").append(String.format("%-" + widths[c] + "s", cells.get(c)));
    }
    return out.toString().stripTrailing();
  }

  private static String csv(JsonArray rows, List<String> columns) {
    StringBuilder out = new StringBuilder(String.join(",", columns));
    for (Object row : rows) {
      out.append('\n');
      for (int c = 0; c < columns.size(); c++) {
        out.append(c == 0 ? "" : ",")
            .append(csvCell(text(((JsonObject) row).getValue(columns.get(c)))));
      }
    }
    return out.toString();
  }

  /** Quoted when it must be, and a leading = + - @ neutralised, as the hub's own CSV does. */
  private static String csvCell(String cell) {
    String safe =
        !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 && !cell.matches("-?[0-9.eE+-]+")
            ? "'" + cell
            : cell;
    return safe.contains(",") || safe.contains("\"") || safe.contains("\n")
        ? "\"" + safe.replace("\"", "\"\"") + "\""
        : safe;
  }

  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof JsonArray || value instanceof JsonObject) {
      return value.toString();
    }
    return String.valueOf(value).replace('\n', ' ');
  }
}
