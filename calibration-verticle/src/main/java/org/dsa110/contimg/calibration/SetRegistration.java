package org.dsa110.contimg.calibration;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.Mjd;

/** A validated {@code cal.set.register} request: every table checked before anything is written. */
record SetRegistration(String setName, List<CalTable> tables, boolean replace) {

  /**
   * Each table's type is one of the deployment's ({@code calibration.table_types}) and its {@code
   * order_index} defaults to the type's place in that order; a {@code valid_end_mjd} left out or
   * null is open-ended: valid until a later table of its type begins.
   */
  static SetRegistration parse(JsonObject body, TableTypes types) {
    Fields fields = Fields.of(body).allowOnly(Set.of("set_name", "tables", "replace"));
    String setName = fields.requiredString("set_name");
    boolean replace = fields.optionalBoolean("replace").orElse(false);
    List<CalTable> tables = new ArrayList<>();
    Set<String> paths = new HashSet<>();
    for (Fields table : fields.objects("tables")) {
      table.allowOnly(
          Set.of("path", "table_type", "order_index", "valid_start_mjd", "valid_end_mjd"));
      String path = table.requiredString("path");
      if (!paths.add(path)) {
        throw HubException.badRequest(
            table.name("path"), "'" + path + "' appears twice in the set");
      }
      String type = table.requiredString("table_type");
      if (!types.known(type)) {
        throw HubException.badRequest(
            table.name("table_type"),
            "must be one of "
                + String.join(", ", types.inApplyOrder())
                + " (calibration.table_types), got '"
                + type
                + "'");
      }
      int order =
          table.optionalLong("order_index", 0, 99).map(Long::intValue).orElse(types.position(type));
      double start = Mjd.required(table, "valid_start_mjd");
      double end = Mjd.optional(table, "valid_end_mjd").orElse(CalTable.OPEN_END_MJD);
      if (!(start < end)) {
        throw HubException.badRequest(
            table.name("valid_end_mjd"),
            "must be after valid_start_mjd (" + start + "), got " + end);
      }
      tables.add(new CalTable(setName, path, type, order, start, end, true));
    }
    return new SetRegistration(setName, tables, replace);
  }

  double startMjd() {
    return tables.stream().mapToDouble(CalTable::validStartMjd).min().orElseThrow();
  }

  double endMjd() {
    return tables.stream().mapToDouble(CalTable::validEndMjd).max().orElseThrow();
  }
}
