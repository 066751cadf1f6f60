package org.dsa110.contimg.deploy.legacy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The MS index and the images made from each MS. The pipeline used ms_index.status for progress
 * words (done, converted, discovered) and stage for its own steps; both are translated into the
 * specification's words (a stage the hub cannot name becomes NULL: the hub would refuse to read it
 * back). images.path was not UNIQUE there, so re-imaging recorded a path twice: the newest row of
 * each path is kept. An image whose MS the index never recorded gets a row of its path alone in
 * ms_index, rather than the image (and its photometry) being lost.
 */
final class MeasurementSetImporter {
  private static final Set<String> MS_COLUMNS =
      Set.of(
          "path",
          "start_mjd",
          "end_mjd",
          "mid_mjd",
          "processed_at",
          "status",
          "stage",
          "stage_updated_at",
          "cal_applied",
          "imagename",
          "field_name",
          "pointing_ra_deg",
          "pointing_dec_deg",
          "ra_deg",
          "dec_deg");
  private static final List<String> IMAGE_COPIED =
      List.of(
          "format",
          "beam_major_arcsec",
          "beam_minor_arcsec",
          "beam_pa_deg",
          "noise_jy",
          "dynamic_range",
          "pbcor",
          "field_name",
          "center_ra_deg",
          "center_dec_deg",
          "imsize_x",
          "imsize_y",
          "cellsize_arcsec",
          "freq_ghz",
          "bandwidth_mhz",
          "integration_sec");
  private static final Set<String> STAGE_WORDS_IN_STATUS =
      Set.of("converted", "calibrated", "imaged");

  void run(ImportContext context) throws SQLException {
    TargetWriter writer = context.writer(HubDatabase.PRODUCTS);
    for (SourceDatabase db : context.source.holding("ms_index")) {
      measurementSets(context, db, writer);
    }
    images(context, writer);
  }

  private void measurementSets(ImportContext context, SourceDatabase db, TargetWriter writer)
      throws SQLException {
    TableReport report = context.report.table("ms_index");
    context.notCopied(db, "ms_index", "ms_index", MS_COLUMNS);
    context.progress.table("ms_index");
    db.forEachRow(
        "ms_index",
        null,
        row -> {
          context.progress.row();
          List<String> notes = new ArrayList<>();
          String path = row.nonBlank("path");
          if (path == null) {
            report.skipped("no path");
            return;
          }
          String rawStatus = row.nonBlank("status");
          Vocabulary.Term status = Vocabulary.MS_STATUS.map(rawStatus);
          String statusValue = status.value();
          if (!status.known()) {
            statusValue = null;
            notes.add("status '" + rawStatus + "' -> NULL (not ok|failed|flagged)");
          }
          Rows.note(notes, status.note());
          String rawStage = row.nonBlank("stage");
          if (rawStage == null
              && rawStatus != null
              && STAGE_WORDS_IN_STATUS.contains(rawStatus.strip().toLowerCase(Locale.ROOT))) {
            rawStage = rawStatus.strip().toLowerCase(Locale.ROOT);
            notes.add("stage NULL -> the stage its status '" + rawStatus + "' names");
          }
          Vocabulary.Term stage = Vocabulary.MS_STAGE.map(rawStage);
          String stageValue = stage.value();
          if (!stage.known()) {
            stageValue = null;
            notes.add(
                "stage '"
                    + rawStage
                    + "' -> NULL (not converted|calibrated|imaged|photometry_complete)");
          }
          Rows.note(notes, stage.note());
          Double pointingRa = row.real("pointing_ra_deg");
          Double pointingDec = row.real("pointing_dec_deg");
          if (pointingRa == null && pointingDec == null && row.real("ra_deg") != null) {
            pointingRa = row.real("ra_deg");
            pointingDec = row.real("dec_deg");
            notes.add("ra_deg/dec_deg -> pointing_ra_deg/pointing_dec_deg");
          }
          Double mid = row.real("mid_mjd");
          Double start = row.real("start_mjd");
          Double end = row.real("end_mjd");
          Double observed =
              mid != null ? mid : start != null && end != null ? (start + end) / 2 : null;
          if (observed != null) {
            context.msMjd.put(path, observed);
          }
          if (writer.exists("SELECT 1 FROM ms_index WHERE path = ?", path)) {
            report.imported(false, notes);
            return;
          }
          Map<String, Object> values = new LinkedHashMap<>();
          values.put("path", path);
          values.put("start_mjd", start);
          values.put("end_mjd", end);
          values.put("mid_mjd", mid);
          values.put("processed_at", row.real("processed_at"));
          values.put("status", statusValue);
          values.put("stage", stageValue);
          values.put("stage_updated_at", row.real("stage_updated_at"));
          values.put(
              "cal_applied", row.integer("cal_applied") == null ? 0 : row.integer("cal_applied"));
          values.put("imagename", row.text("imagename"));
          values.put("field_name", row.text("field_name"));
          values.put("pointing_ra_deg", pointingRa);
          values.put("pointing_dec_deg", pointingDec);
          Rows.insert(writer, "ms_index", values, report, notes);
        });
  }

  /**
   * One image row as the pipeline wrote it, with where it came from (for choosing the newest of a
   * path).
   */
  private record ImageRow(LegacyRow row, long order) {
    double createdAt() {
      Double created = row.real("created_at");
      return created == null ? Double.NEGATIVE_INFINITY : created;
    }

    long id() {
      Long id = row.integer("id");
      return id == null ? order : id;
    }
  }

  private void images(ImportContext context, TargetWriter writer) throws SQLException {
    TableReport report = context.report.table("images");
    Map<String, List<ImageRow>> byPath = new LinkedHashMap<>();
    long[] order = {0};
    for (SourceDatabase db : context.source.holding("images")) {
      Set<String> used = new HashSet<>(IMAGE_COPIED);
      used.addAll(List.of("id", "path", "ms_path", "created_at", "type"));
      context.notCopied(db, "images", "images", used);
      context.progress.table("images");
      db.forEachRow(
          "images",
          null,
          row -> {
            context.progress.row();
            String path = row.nonBlank("path");
            if (path == null) {
              report.skipped("no path");
              return;
            }
            byPath.computeIfAbsent(path, p -> new ArrayList<>()).add(new ImageRow(row, order[0]++));
          });
    }
    Comparator<ImageRow> newestFirst =
        Comparator.comparingDouble(ImageRow::createdAt).thenComparingLong(ImageRow::id).reversed();
    List<ImageRow> kept = new ArrayList<>();
    for (List<ImageRow> rows : byPath.values()) {
      rows.sort(newestFirst);
      kept.add(rows.get(0));
      for (int i = 1; i < rows.size(); i++) {
        report.merged("path recorded again (re-imaging): the newest row of the path kept");
      }
    }
    kept.sort(Comparator.comparingDouble(ImageRow::createdAt).thenComparingLong(ImageRow::id));
    for (ImageRow image : kept) {
      image(context, writer, report, image.row());
    }
  }

  /**
   * The pipeline's "5min" (and December's clean/dirty) said how the image was made, not what it is:
   * what it is the path tells (root.residual, root.pbcor, root.image.pbcor; the pbcor flag), as the
   * specification's types name it.
   */
  private static String imageType(String rawType, String path, Long pbcorFlag, List<String> notes) {
    Vocabulary.Term term = Vocabulary.IMAGE_TYPE.map(rawType);
    if (!term.known()) {
      notes.add(Vocabulary.IMAGE_TYPE.keptAsWritten(rawType));
      return rawType;
    }
    if (term.note() == null || !term.value().equals("image")) {
      Rows.note(notes, term.note());
      return term.value();
    }
    String lower = path.toLowerCase(Locale.ROOT);
    String type =
        lower.contains(".residual")
            ? "residual"
            : lower.contains(".pbcor") || Long.valueOf(1).equals(pbcorFlag) ? "pbcor" : "image";
    notes.add(
        "type '"
            + rawType
            + "' -> '"
            + type
            + "'"
            + (type.equals("image") ? "" : " (as its path or pbcor flag says)"));
    return type;
  }

  private void image(ImportContext context, TargetWriter writer, TableReport report, LegacyRow row)
      throws SQLException {
    List<String> notes = new ArrayList<>();
    String path = row.nonBlank("path");
    String msPath = row.nonBlank("ms_path");
    Double created = row.real("created_at");
    String rawType = row.nonBlank("type");
    if (msPath == null || created == null || rawType == null) {
      report.skipped("no ms_path, created_at or type");
      return;
    }
    String type = imageType(rawType, path, row.integer("pbcor"), notes);
    if (!writer.exists("SELECT 1 FROM ms_index WHERE path = ?", msPath)) {
      writer.execute("INSERT INTO ms_index (path) VALUES (?)", msPath);
      notes.add("its MS was not in ms_index: a row of the MS's path alone added there");
    }
    context.imageMs.put(path, msPath);
    if (writer.exists("SELECT 1 FROM images WHERE path = ?", path)) {
      report.imported(false, notes);
      return;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("path", path);
    values.put("ms_path", msPath);
    values.put("created_at", created);
    values.put("type", type);
    for (String column : IMAGE_COPIED) {
      values.put(column, row.value(column));
    }
    if (values.get("format") == null) {
      values.remove("format");
    }
    if (values.get("pbcor") == null) {
      values.remove("pbcor");
    }
    Rows.keepId(writer, "images", row.integer("id"), values);
    Rows.insert(writer, "images", values, report, notes);
  }
}
