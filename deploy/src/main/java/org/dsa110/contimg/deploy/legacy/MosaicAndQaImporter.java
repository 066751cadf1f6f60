package org.dsa110.contimg.deploy.legacy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Mosaics and QA artifacts, which the pipeline wrote close to the specification: mosaics with
 * columns of its own (status, method, tiles, ...; reported, not copied), QA artifacts without the
 * type and category columns (the type is told by the file's extension where it says one; the
 * category stays unknown).
 */
final class MosaicAndQaImporter {
  private static final List<String> MOSAIC_COPIED =
      List.of(
          "name",
          "created_at",
          "start_mjd",
          "end_mjd",
          "integration_sec",
          "n_images",
          "center_ra_deg",
          "center_dec_deg",
          "dec_min_deg",
          "dec_max_deg",
          "noise_jy",
          "beam_major_arcsec",
          "beam_minor_arcsec",
          "beam_pa_deg",
          "n_sources",
          "thumbnail_path");
  private static final Set<String> QA_COLUMNS =
      Set.of("id", "group_id", "name", "path", "type", "category", "created_at");
  private static final Map<String, String> TYPE_BY_EXTENSION =
      Map.ofEntries(
          Map.entry("png", "plot"),
          Map.entry("jpg", "plot"),
          Map.entry("jpeg", "plot"),
          Map.entry("gif", "plot"),
          Map.entry("svg", "plot"),
          Map.entry("pdf", "plot"),
          Map.entry("csv", "table"),
          Map.entry("tsv", "table"),
          Map.entry("fits", "table"),
          Map.entry("html", "report"),
          Map.entry("txt", "report"),
          Map.entry("json", "report"),
          Map.entry("md", "report"),
          Map.entry("log", "report"));

  void run(ImportContext context) throws SQLException {
    TargetWriter writer = context.writer(HubDatabase.PRODUCTS);
    for (SourceDatabase db : context.source.holding("mosaics")) {
      mosaics(context, db, writer);
    }
    for (SourceDatabase db : context.source.holding("qa_artifacts")) {
      qa(context, db, writer);
    }
  }

  private void mosaics(ImportContext context, SourceDatabase db, TargetWriter writer)
      throws SQLException {
    TableReport report = context.report.table("mosaics");
    Set<String> used = new HashSet<>(MOSAIC_COPIED);
    used.addAll(List.of("id", "path"));
    context.notCopied(db, "mosaics", "mosaics", used);
    context.progress.table("mosaics");
    db.forEachRow(
        "mosaics",
        null,
        row -> {
          context.progress.row();
          List<String> notes = new ArrayList<>();
          String path = row.nonBlank("path");
          if (path == null
              || row.real("start_mjd") == null
              || row.real("end_mjd") == null
              || row.real("created_at") == null) {
            report.skipped("no path, start_mjd, end_mjd or created_at");
            return;
          }
          if (writer.exists("SELECT 1 FROM mosaics WHERE path = ?", path)) {
            report.imported(false, notes);
            return;
          }
          Map<String, Object> values = new LinkedHashMap<>();
          values.put("path", path);
          for (String column : MOSAIC_COPIED) {
            values.put(column, row.value(column));
          }
          if (row.nonBlank("name") == null) {
            values.put("name", Path.of(path).getFileName().toString());
            notes.add("name NULL -> the file's name");
          }
          Rows.keepId(writer, "mosaics", row.integer("id"), values);
          Rows.insert(writer, "mosaics", values, report, notes);
        });
  }

  private void qa(ImportContext context, SourceDatabase db, TargetWriter writer)
      throws SQLException {
    TableReport report = context.report.table("qa_artifacts");
    context.notCopied(db, "qa_artifacts", "qa_artifacts", QA_COLUMNS);
    context.progress.table("qa_artifacts");
    db.forEachRow(
        "qa_artifacts",
        null,
        row -> {
          context.progress.row();
          List<String> notes = new ArrayList<>();
          String groupId = row.nonBlank("group_id");
          String name = row.nonBlank("name");
          String path = row.nonBlank("path");
          Double created = row.real("created_at");
          if (groupId == null || name == null || path == null || created == null) {
            report.skipped("no group_id, name, path or created_at");
            return;
          }
          String type = vocabulary(Vocabulary.QA_TYPE, row.nonBlank("type"), notes);
          if (type == null && !row.has("type")) {
            type = TYPE_BY_EXTENSION.get(extension(path));
            if (type != null) {
              notes.add("type (no such column) -> '" + type + "' from the file's extension");
            }
          }
          String category = vocabulary(Vocabulary.QA_CATEGORY, row.nonBlank("category"), notes);
          if (writer.exists(
              "SELECT 1 FROM qa_artifacts WHERE group_id = ? AND name = ?", groupId, name)) {
            report.imported(false, notes);
            return;
          }
          Map<String, Object> values = new LinkedHashMap<>();
          values.put("group_id", groupId);
          values.put("name", name);
          values.put("path", path);
          values.put("type", type);
          values.put("category", category);
          values.put("created_at", created);
          Rows.keepId(writer, "qa_artifacts", row.integer("id"), values);
          Rows.insert(writer, "qa_artifacts", values, report, notes);
        });
  }

  private static String vocabulary(Vocabulary vocabulary, String raw, List<String> notes) {
    Vocabulary.Term term = vocabulary.map(raw);
    Rows.note(notes, term.known() ? term.note() : vocabulary.keptAsWritten(raw));
    return term.value();
  }

  private static String extension(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
