package org.dsa110.contimg.deploy.legacy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dsa110.contimg.common.bus.Mjd;

/**
 * Forced photometry, an image at a time, as the hub records it: an image's measurements are
 * recorded once (an image that already has photometry in the hub is left as it is, so a second
 * import adds nothing), and a source once per image (the pipeline re-measured re-made images: the
 * newest measurement is kept). A row without mjd gets its image's MS observation time; a row
 * without source_id is reported, never given an invented one; the December layout's flux_jy fills a
 * missing peak_jyb.
 */
final class PhotometryImporter {
  private static final Set<String> COLUMNS =
      Set.of(
          "id",
          "image_path",
          "source_id",
          "ra_deg",
          "dec_deg",
          "nvss_flux_mjy",
          "peak_jyb",
          "peak_err_jyb",
          "snr",
          "measured_at",
          "mjd",
          "sep_from_center_deg",
          "flags",
          "peak_flux_jy",
          "flux_jy",
          "flux_err_jy");

  /** A measurement ready for the hub, with the notes of what was translated in it. */
  private record Measurement(
      String sourceId,
      Map<String, Object> values,
      List<String> notes,
      double measuredAt,
      long order) {}

  void run(ImportContext context) throws SQLException {
    TargetWriter writer = context.writer(HubDatabase.PRODUCTS);
    TableReport report = context.report.table("photometry");
    Set<String> recordedBefore = new HashSet<>();
    if (!context.source.holding("photometry").isEmpty()) {
      // asked once, before this import writes any: which images the hub already has measurements of
      recordedBefore.addAll(distinctImages(writer));
    }
    for (SourceDatabase db : context.source.holding("photometry")) {
      context.notCopied(db, "photometry", "photometry", COLUMNS);
      context.progress.table("photometry");
      String[] current = {null};
      List<LegacyRow> batch = new ArrayList<>();
      db.forEachRow(
          "photometry",
          "image_path, rowid",
          row -> {
            context.progress.row();
            String image = row.text("image_path");
            if (current[0] != null && !current[0].equals(image)) {
              image(context, writer, report, current[0], batch, recordedBefore);
              batch.clear();
            }
            current[0] = image;
            batch.add(row);
          });
      if (!batch.isEmpty()) {
        image(context, writer, report, current[0], batch, recordedBefore);
      }
    }
  }

  private void image(
      ImportContext context,
      TargetWriter writer,
      TableReport report,
      String image,
      List<LegacyRow> rows,
      Set<String> recordedBefore)
      throws SQLException {
    if (image == null) {
      rows.forEach(row -> report.skipped("no image_path"));
      return;
    }
    List<String> imageNotes = new ArrayList<>();
    if (!writer.exists("SELECT 1 FROM images WHERE path = ?", image)) {
      Optional<Map<String, Object>> export = FitsExports.imageFor(writer, image);
      if (export.isEmpty()) {
        rows.forEach(
            row -> report.skipped("its image is in no images row (nor the FITS export of one)"));
        return;
      }
      try {
        writer.insert("images", export.get());
      } catch (SQLException e) {
        rows.forEach(row -> report.skipped("its image could not be recorded: " + e.getMessage()));
        return;
      }
      context.imageMs.put(image, (String) export.get().get("ms_path"));
      context.fitsExportsAdded++;
      imageNotes.add(
          "image_path is the FITS export of a recorded CASA image: an images row added for it");
    }
    Map<String, List<Measurement>> bySource = new LinkedHashMap<>();
    long order = 0;
    for (LegacyRow row : rows) {
      Measurement m = measurement(context, report, image, row, order++);
      if (m != null) {
        m.notes().addAll(imageNotes);
        bySource.computeIfAbsent(m.sourceId(), id -> new ArrayList<>()).add(m);
      }
    }
    boolean write = !recordedBefore.contains(image);
    Comparator<Measurement> newestFirst =
        Comparator.comparingDouble(Measurement::measuredAt)
            .thenComparingLong(Measurement::order)
            .reversed();
    for (List<Measurement> measurements : bySource.values()) {
      measurements.sort(newestFirst);
      for (int i = 1; i < measurements.size(); i++) {
        report.merged(
            "source measured again in the same image (re-run): the newest measurement kept");
      }
      Measurement kept = measurements.get(0);
      if (!write) {
        report.imported(false, kept.notes());
        continue;
      }
      try {
        writer.insert("photometry", kept.values());
        report.imported(true, kept.notes());
        context
            .measuredSources
            .computeIfAbsent(kept.sourceId(), id -> new MeasuredSource())
            .add(
                (Double) kept.values().get("ra_deg"),
                (Double) kept.values().get("dec_deg"),
                (Double) kept.values().get("nvss_flux_mjy"),
                (Double) kept.values().get("mjd"),
                kept.measuredAt());
      } catch (SQLException e) {
        report.skipped("refused by the hub's schema: " + e.getMessage());
      }
    }
    if (write && !bySource.isEmpty()) {
      context.imagesWithNewPhotometry++;
    }
  }

  /** The row as the hub stores it, or null (reported) when it cannot be. */
  private Measurement measurement(
      ImportContext context, TableReport report, String image, LegacyRow row, long order) {
    List<String> notes = new ArrayList<>();
    String rawId = row.nonBlank("source_id");
    if (rawId == null) {
      report.skipped("no source_id (reported, not invented)");
      return null;
    }
    String sourceId = context.sourceId(rawId, notes);
    Double ra = row.real("ra_deg");
    Double dec = row.real("dec_deg");
    if (ra == null || dec == null) {
      report.skipped("no position");
      return null;
    }
    Double peak = row.real("peak_jyb");
    if (peak == null && row.real("peak_flux_jy", "flux_jy") != null) {
      peak = row.real("peak_flux_jy", "flux_jy");
      notes.add(
          "peak_jyb NULL -> " + (row.real("peak_flux_jy") != null ? "peak_flux_jy" : "flux_jy"));
    }
    if (peak == null) {
      report.skipped("no flux (peak_jyb, peak_flux_jy and flux_jy all NULL)");
      return null;
    }
    Double error = row.real("peak_err_jyb");
    if (error == null && row.real("flux_err_jy") != null) {
      error = row.real("flux_err_jy");
      notes.add("peak_err_jyb NULL -> flux_err_jy");
    }
    Double mjd = row.real("mjd");
    if (mjd == null) {
      String ms = context.imageMs.get(image);
      mjd = ms == null ? null : context.msMjd.get(ms);
      notes.add(
          mjd != null
              ? "mjd NULL -> its image's MS observation time"
              : "mjd NULL and its image's MS has no time: left NULL");
    }
    Double measuredAt = row.real("measured_at");
    if (measuredAt == null) {
      if (mjd == null) {
        report.skipped("no time (measured_at and mjd NULL, and its image's MS has no time)");
        return null;
      }
      measuredAt = Mjd.toUnixSeconds(mjd);
      notes.add("measured_at NULL -> the observation time");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("image_path", image);
    values.put("source_id", sourceId);
    values.put("ra_deg", ra);
    values.put("dec_deg", dec);
    values.put("nvss_flux_mjy", row.real("nvss_flux_mjy"));
    values.put("peak_jyb", peak);
    values.put("peak_err_jyb", error);
    values.put("snr", row.real("snr"));
    values.put("measured_at", measuredAt);
    values.put("mjd", mjd);
    values.put("sep_from_center_deg", row.real("sep_from_center_deg"));
    values.put("flags", row.integer("flags") == null ? 0 : row.integer("flags"));
    return new Measurement(sourceId, values, notes, measuredAt, order);
  }

  private static Set<String> distinctImages(TargetWriter writer) throws SQLException {
    Set<String> images = new HashSet<>();
    writer.forEach(
        "SELECT DISTINCT image_path FROM photometry", row -> images.add((String) row[0]));
    return images;
  }
}
