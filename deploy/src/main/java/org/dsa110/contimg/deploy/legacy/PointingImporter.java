package org.dsa110.contimg.deploy.legacy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsa110.contimg.common.bus.Mjd;

/**
 * Pointing history, wherever the pipeline kept it (products in October, ingest in November,
 * pipeline.sqlite3 in December). Its code stored the MJD in the timestamp column (and in December
 * in timestamp_mjd); the specification's timestamp is Unix seconds. A value below 100000 cannot be
 * a Unix time of this telescope (it would be 2 January 1970) and is an MJD: it becomes Unix
 * seconds, and the MJD goes to the mjd column. Samples at one instant are kept once, as the owner
 * keeps them.
 */
final class PointingImporter {
  private static final double LARGEST_MJD = 100_000;
  private static final Set<String> COLUMNS =
      Set.of(
          "timestamp",
          "timestamp_mjd",
          "mjd",
          "ra_deg",
          "dec_deg",
          "alt_deg",
          "az_deg",
          "lst_hours",
          "field_name");

  void run(ImportContext context) throws SQLException {
    TargetWriter writer = context.writer(HubDatabase.PRODUCTS);
    TableReport report = context.report.table("pointing_history");
    Set<Double> writtenNow = new HashSet<>();
    for (SourceDatabase db : context.source.holding("pointing_history")) {
      Set<String> used = new HashSet<>(COLUMNS);
      used.add("id");
      context.notCopied(db, "pointing_history", "pointing_history", used);
      context.progress.table("pointing_history");
      db.forEachRow(
          "pointing_history",
          null,
          row -> {
            context.progress.row();
            List<String> notes = new ArrayList<>();
            Double ra = row.real("ra_deg");
            Double dec = row.real("dec_deg");
            Double stamp = row.real("timestamp");
            Double mjd = row.real("mjd");
            if (stamp == null && row.real("timestamp_mjd") != null) {
              stamp = row.real("timestamp_mjd");
              notes.add("timestamp_mjd -> timestamp");
            }
            if (stamp == null || ra == null || dec == null) {
              report.skipped("no timestamp or position");
              return;
            }
            double unixSeconds = stamp;
            if (stamp < LARGEST_MJD) {
              unixSeconds = Mjd.toUnixSeconds(stamp);
              notes.add("timestamp stored as MJD -> Unix seconds");
              if (mjd == null) {
                mjd = stamp;
              }
            } else if (mjd == null) {
              mjd = Mjd.UNIX_EPOCH + stamp / 86400.0;
              notes.add("mjd NULL -> from the timestamp");
            }
            if (writtenNow.contains(unixSeconds)) {
              report.merged("a second sample at the same instant");
              return;
            }
            if (writer.exists("SELECT 1 FROM pointing_history WHERE timestamp = ?", unixSeconds)) {
              report.imported(false, notes);
              return;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("timestamp", unixSeconds);
            values.put("mjd", mjd);
            values.put("ra_deg", ra);
            values.put("dec_deg", dec);
            values.put("alt_deg", row.real("alt_deg"));
            values.put("az_deg", row.real("az_deg"));
            values.put("lst_hours", row.real("lst_hours"));
            values.put("field_name", row.text("field_name"));
            writtenNow.add(unixSeconds);
            Rows.insert(writer, "pointing_history", values, report, notes);
          });
    }
  }
}
