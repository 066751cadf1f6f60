package org.dsa110.contimg.deploy.legacy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The master sources catalogue. The pipeline's builder numbered its sources (INTEGER source_id);
 * the hub's are NVSS names (TEXT). An integer id becomes the NVSS name when the file stores one
 * beside it, otherwise its text form ("123"); either way the photometry, statistics and candidates
 * that used the integer follow it. Columns the pipeline never had (first_size_*) stay NULL.
 */
final class CatalogueImporter {
  /** Columns in which one of the pipeline's versions may keep a source's NVSS name. */
  static final List<String> NAME_COLUMNS = List.of("nvss_name", "name", "nvss_id", "source_name");

  private static final List<String> COPIED =
      List.of(
          "s_nvss",
          "snr_nvss",
          "s_vlass",
          "alpha",
          "resolved_flag",
          "confusion_flag",
          "first_size_maj_arcsec",
          "first_size_min_arcsec",
          "first_size_pa_deg");

  void run(ImportContext context) throws SQLException {
    TableReport report = context.report.table("sources");
    TargetWriter writer = context.writer(HubDatabase.CATALOG);
    for (SourceDatabase db : context.source.catalogues()) {
      String nameColumn =
          NAME_COLUMNS.stream()
              .filter(column -> db.has("sources", column))
              .findFirst()
              .orElse(null);
      Set<String> used = new HashSet<>(COPIED);
      used.addAll(List.of("source_id", "ra_deg", "dec_deg"));
      if (nameColumn != null) {
        used.add(nameColumn);
      }
      context.notCopied(db, "sources", "sources", used);
      context.progress.table("sources");
      boolean[] integerIds = {false};
      db.forEachRow(
          "sources",
          null,
          row -> {
            context.progress.row();
            List<String> notes = new ArrayList<>();
            Object rawId = row.value("source_id");
            Double ra = row.real("ra_deg");
            Double dec = row.real("dec_deg");
            if (rawId == null || row.nonBlank("source_id") == null) {
              report.skipped("no source_id");
              return;
            }
            if (ra == null || dec == null || ra < 0 || ra >= 360 || dec < -90 || dec > 90) {
              report.skipped("position missing or off the sky");
              return;
            }
            String id = row.text("source_id");
            if (rawId instanceof Number) {
              integerIds[0] = true;
              String name = nameColumn == null ? null : row.nonBlank(nameColumn);
              if (name != null) {
                context.sourceNames.put(id, name);
                notes.add("integer source_id -> the NVSS name in " + nameColumn);
                id = name;
              } else {
                notes.add("integer source_id -> its text form (the file stores no NVSS name)");
              }
            }
            if (writer.exists("SELECT 1 FROM sources WHERE source_id = ?", id)) {
              report.imported(false, notes);
              return;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("source_id", id);
            values.put("ra_deg", ra);
            values.put("dec_deg", dec);
            for (String column : COPIED) {
              values.put(column, row.value(column));
            }
            if (values.get("resolved_flag") == null) {
              values.put("resolved_flag", 0);
            }
            if (values.get("confusion_flag") == null) {
              values.put("confusion_flag", 0);
            }
            Rows.insert(writer, "sources", values, report, notes);
          });
      if (integerIds[0]) {
        context.report.note(
            "catalogue ("
                + db.label()
                + "): the pipeline's own good_references/final_references views (its cuts: SNR > 50 / > 80, "
                + "alpha in [-1.2, 0.2]) were not copied; the hub's views apply the specification's cuts");
      }
    }
  }
}
