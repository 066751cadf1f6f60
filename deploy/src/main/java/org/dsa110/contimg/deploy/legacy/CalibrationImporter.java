package org.dsa110.contimg.deploy.legacy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsa110.contimg.common.bus.UnixTime;

/**
 * The calibration registry. The pipeline kept a {@code status} (active | retired | failed) where
 * the specification keeps {@code active} 0/1, left validity windows open (NULL: valid since always,
 * or until further notice) and registered more table types than K/BP/G. Status becomes active; an
 * open start becomes MJD 0 and an open end MJD 100000, the bounds of every MJD the hub accepts, so
 * the window still contains every observation; table types and apply order are kept as written
 * (caltables.table_type is TEXT; issue 22 will teach the registry the pipeline's types). A set with
 * no active table is recorded as retired in hub_set_retirements, saying why.
 */
final class CalibrationImporter {
  static final double OPEN_START_MJD = 0.0;
  static final double OPEN_END_MJD = 100_000.0;
  private static final Set<String> COLUMNS =
      Set.of(
          "id",
          "set_name",
          "path",
          "table_type",
          "order_index",
          "valid_start_mjd",
          "valid_end_mjd",
          "created_at",
          "active",
          "status");

  /** What the rows of one set said, to tell whether (and why) the set is retired. */
  private static final class SetStatus {
    boolean anyActive;
    final Set<String> statuses = new LinkedHashSet<>();
    final Set<String> notes = new LinkedHashSet<>();
  }

  void run(ImportContext context) throws SQLException {
    TargetWriter writer = context.writer(HubDatabase.CALIBRATION);
    TableReport report = context.report.table("caltables");
    Map<String, SetStatus> sets = new LinkedHashMap<>();
    for (SourceDatabase db : context.source.holding("caltables")) {
      context.notCopied(db, "caltables", "caltables", COLUMNS);
      context.progress.table("caltables");
      db.forEachRow(
          "caltables",
          null,
          row -> {
            context.progress.row();
            List<String> notes = new ArrayList<>();
            String path = row.nonBlank("path");
            String setName = row.nonBlank("set_name");
            String tableType = row.nonBlank("table_type");
            Long order = row.integer("order_index");
            Double created = row.real("created_at");
            if (path == null
                || setName == null
                || tableType == null
                || order == null
                || created == null) {
              report.skipped("no path, set_name, table_type, order_index or created_at");
              return;
            }
            Vocabulary.Term type = Vocabulary.CAL_TABLE_TYPE.map(tableType);
            Rows.note(
                notes,
                type.known() ? type.note() : Vocabulary.CAL_TABLE_TYPE.keptAsWritten(tableType));
            Double start = row.real("valid_start_mjd");
            if (start == null) {
              start = OPEN_START_MJD;
              notes.add("valid_start_mjd NULL (open) -> 0");
            }
            Double end = row.real("valid_end_mjd");
            if (end == null) {
              end = OPEN_END_MJD;
              notes.add("valid_end_mjd NULL (open) -> 100000");
            }
            int active = active(row, notes);
            SetStatus set = sets.computeIfAbsent(setName, name -> new SetStatus());
            set.anyActive |= active == 1;
            if (row.nonBlank("status") != null) {
              set.statuses.add(row.text("status"));
            }
            if (row.nonBlank("notes") != null) {
              set.notes.add(row.text("notes").strip());
            }
            if (writer.exists("SELECT 1 FROM caltables WHERE path = ?", path)) {
              report.imported(false, notes);
              return;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("set_name", setName);
            values.put("path", path);
            values.put("table_type", type.value());
            values.put("order_index", order);
            values.put("valid_start_mjd", start);
            values.put("valid_end_mjd", end);
            values.put("created_at", created);
            values.put("active", active);
            Rows.keepId(writer, "caltables", row.integer("id"), values);
            Rows.insert(writer, "caltables", values, report, notes);
          });
    }
    int retired = 0;
    for (Map.Entry<String, SetStatus> set : sets.entrySet()) {
      if (!set.getValue().anyActive
          && !set.getValue().statuses.isEmpty()
          && !writer.exists("SELECT 1 FROM hub_set_retirements WHERE set_name = ?", set.getKey())) {
        String reason =
            "imported: status "
                + String.join("/", set.getValue().statuses)
                + " in the pipeline's registry"
                + (set.getValue().notes.isEmpty()
                    ? ""
                    : " (" + String.join("; ", set.getValue().notes) + ")");
        writer.execute(
            "INSERT INTO hub_set_retirements (set_name, reason, retired_at) VALUES (?, ?, ?)",
            set.getKey(),
            reason,
            UnixTime.now());
        retired++;
      }
    }
    if (retired > 0) {
      context.report.note(
          "calibration: "
              + retired
              + " set(s) with no active table recorded as retired in hub_set_retirements");
    }
  }

  /**
   * The specification's active flag: as written when the file has one, else from the pipeline's
   * status.
   */
  private static int active(LegacyRow row, List<String> notes) {
    Long active = row.integer("active");
    if (active != null) {
      return active == 0 ? 0 : 1;
    }
    String status = row.text("status");
    if (status == null) {
      notes.add("status NULL -> active 1");
      return 1;
    }
    boolean isActive = status.strip().equalsIgnoreCase("active");
    notes.add("status '" + status + "' -> active " + (isActive ? 1 : 0));
    return isActive ? 1 : 0;
  }
}
