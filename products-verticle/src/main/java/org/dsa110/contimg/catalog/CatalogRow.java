package org.dsa110.contimg.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsa110.contimg.common.bus.Sky;

/**
 * One source of a crossmatched catalogue file. The header names the seed's columns (any order;
 * source_id, ra_deg and dec_deg required, the others may be absent or empty); a bad value is an
 * {@link IllegalArgumentException} whose message says which column and why.
 */
record CatalogRow(
    String sourceId,
    double raDeg,
    double decDeg,
    Double sNvss,
    Double snrNvss,
    Double sVlass,
    Double alpha,
    int resolvedFlag,
    int confusionFlag,
    Double firstMaj,
    Double firstMin,
    Double firstPa) {

  static final List<String> COLUMNS =
      List.of(
          "source_id",
          "ra_deg",
          "dec_deg",
          "s_nvss",
          "snr_nvss",
          "s_vlass",
          "alpha",
          "resolved_flag",
          "confusion_flag",
          "first_size_maj_arcsec",
          "first_size_min_arcsec",
          "first_size_pa_deg");

  static final String UPSERT =
      "INSERT INTO sources ("
          + String.join(", ", COLUMNS)
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          + "ON CONFLICT(source_id) DO UPDATE SET "
          + String.join(
              ", ",
              COLUMNS.subList(1, COLUMNS.size()).stream()
                  .map(c -> c + " = excluded." + c)
                  .toList());

  /**
   * Column positions from the header line; unknown columns and missing required ones are refused.
   */
  static Map<String, Integer> header(String line) {
    List<String> names = split(line);
    Map<String, Integer> positions = new java.util.HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).strip();
      if (!COLUMNS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown column '" + name + "' (expected the seed's: " + COLUMNS + ")");
      }
      positions.put(name, i);
    }
    for (String required : COLUMNS.subList(0, 3)) {
      if (!positions.containsKey(required)) {
        throw new IllegalArgumentException("the header lacks the column " + required);
      }
    }
    return positions;
  }

  static CatalogRow parse(String line, Map<String, Integer> header) {
    List<String> cells = split(line);
    String id =
        cell(cells, header, "source_id")
            .orElseThrow(() -> new IllegalArgumentException("source_id: is empty"));
    double ra =
        cell(cells, header, "ra_deg")
            .flatMap(Sky::parseRa)
            .orElseThrow(() -> new IllegalArgumentException("ra_deg: not a number"));
    double dec =
        cell(cells, header, "dec_deg")
            .flatMap(Sky::parseDec)
            .orElseThrow(() -> new IllegalArgumentException("dec_deg: not a number"));
    if (ra < 0 || ra >= 360) {
      throw new IllegalArgumentException("ra_deg: " + ra + " is outside [0, 360)");
    }
    if (dec < -90 || dec > 90) {
      throw new IllegalArgumentException("dec_deg: " + dec + " is outside [-90, 90]");
    }
    return new CatalogRow(
        id,
        ra,
        dec,
        number(cells, header, "s_nvss"),
        number(cells, header, "snr_nvss"),
        number(cells, header, "s_vlass"),
        number(cells, header, "alpha"),
        flag(cells, header, "resolved_flag"),
        flag(cells, header, "confusion_flag"),
        number(cells, header, "first_size_maj_arcsec"),
        number(cells, header, "first_size_min_arcsec"),
        number(cells, header, "first_size_pa_deg"));
  }

  Object[] toArguments() {
    return new Object[] {
      sourceId,
      raDeg,
      decDeg,
      sNvss,
      snrNvss,
      sVlass,
      alpha,
      resolvedFlag,
      confusionFlag,
      firstMaj,
      firstMin,
      firstPa
    };
  }

  private static Optional<String> cell(
      List<String> cells, Map<String, Integer> header, String column) {
    Integer at = header.get(column);
    if (at == null || at >= cells.size()) {
      return Optional.empty();
    }
    String value = cells.get(at).strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static Double number(List<String> cells, Map<String, Integer> header, String column) {
    return cell(cells, header, column)
        .map(
            text -> {
              try {
                double value = Double.parseDouble(text);
                if (!Double.isFinite(value)) {
                  throw new IllegalArgumentException(column + ": '" + text + "' is not finite");
                }
                return value;
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException(column + ": '" + text + "' is not a number");
              }
            })
        .orElse(null);
  }

  private static int flag(List<String> cells, Map<String, Integer> header, String column) {
    return cell(cells, header, column)
        .map(
            text ->
                switch (text) {
                  case "0", "false", "False" -> 0;
                  case "1", "true", "True" -> 1;
                  default ->
                      throw new IllegalArgumentException(column + ": '" + text + "' is not 0 or 1");
                })
        .orElse(0);
  }

  /** Comma-separated cells; a cell in double quotes may hold commas ("" is a quote). */
  static List<String> split(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
