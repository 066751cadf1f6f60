package org.dsa110.contimg.deploy.legacy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Adopts the existing pipeline's databases: reads SOURCE (never writing it), writes the rows into
 * the hub's files under the state directory, in the order their references need (catalogue names
 * first, MSs before images before photometry, sources before candidates), and accounts for every
 * row in the report.
 */
final class LegacyImport {
  /** The tables the import reads; every other table of SOURCE is reported as not imported. */
  private static final Set<String> IMPORTED =
      Set.of(
          "ingest_queue",
          "subband_files",
          "performance_metrics",
          "caltables",
          "ms_index",
          "images",
          "photometry",
          "variability_stats",
          "ese_candidates",
          "mosaics",
          "qa_artifacts",
          "pointing_history",
          "alert_history");

  /** Read only to fill in what the imported rows lack (subband file sizes). */
  private static final Set<String> CONSULTED = Set.of("hdf5_file_index", "hdf5_files");

  private LegacyImport() {}

  /** What the import found and did; {@code out} gets the header and the progress. */
  record Result(Layout layout, ImportReport report) {
    long skipped() {
      return report.skipped();
    }
  }

  static Result run(
      Path source,
      Path stateDir,
      boolean dryRun,
      int busyTimeoutMs,
      PrintStream out,
      boolean terminal)
      throws IOException, SQLException {
    try (LegacySource legacy = LegacySource.open(source)) {
      out.println(
          "SOURCE "
              + source.toAbsolutePath()
              + ": "
              + legacy.layout().description()
              + " ("
              + String.join(", ", legacy.databases().stream().map(SourceDatabase::label).toList())
              + ")");
      out.println(
          (dryRun ? "dry run: would import into " : "importing into ") + stateDir.toAbsolutePath());
      ImportReport report = new ImportReport();
      ImportProgress progress = new ImportProgress(out, terminal);
      try (TargetDatabases targets =
          TargetDatabases.open(stateDir, legacy, dryRun, busyTimeoutMs)) {
        progress.total(rowsToRead(legacy));
        try (ImportContext context = new ImportContext(legacy, targets, report, progress)) {
          new CatalogueImporter().run(context);
          new IngestImporter().run(context);
          new CalibrationImporter().run(context);
          new MeasurementSetImporter().run(context);
          new PhotometryImporter().run(context);
          new CandidateImporter().run(context);
          new MosaicAndQaImporter().run(context);
          new PointingImporter().run(context);
          new AlertHistoryImporter().run(context);
          reportOthers(legacy, report);
          if (context.fitsExportsAdded > 0) {
            report.note(
                "images: "
                    + context.fitsExportsAdded
                    + " FITS export(s) that photometry was measured on, named by no images row, were "
                    + "recorded from their CASA image (same MS, beam, noise and field; format fits)");
          }
          if (legacy.holding("ingest_queue").isEmpty()) {
            report.note(
                "ingest: SOURCE holds no ingest queue"
                    + (legacy.layout() == Layout.UNIFIED
                        ? " (the December layout keeps it outside SQLite)"
                        : "")
                    + ", so the hub's ingest file gets no groups; an HDF5 file index is not a queue (it says nothing of a group's state) and is not "
                    + "imported as one");
          }
          if (context.imagesWithNewPhotometry > 0) {
            report.note(
                "statistics: variability and ESE candidates are recomputed by the hub, not copied: when the products owner starts it "
                    + "normalises the "
                    + context.imagesWithNewPhotometry
                    + " image(s) given photometry here, oldest first (500 per pass, a pass a "
                    + "minute), and flags candidates from the results");
          }
        }
        progress.finish();
      }
      return new Result(legacy.layout(), report);
    }
  }

  private static long rowsToRead(LegacySource legacy) throws SQLException {
    long rows = 0;
    for (SourceDatabase db : legacy.databases()) {
      for (String table : db.tables().keySet()) {
        if (IMPORTED.contains(table)) {
          rows += db.count(table);
        }
      }
    }
    for (SourceDatabase db : legacy.catalogues()) {
      rows += db.count("sources");
    }
    return rows;
  }

  /**
   * Nothing is dropped silently: every table of SOURCE the import did not read is named, with its
   * rows.
   */
  private static void reportOthers(LegacySource legacy, ImportReport report) throws SQLException {
    List<SourceDatabase> catalogues = legacy.catalogues();
    for (SourceDatabase db : legacy.databases()) {
      List<String> empty = new ArrayList<>();
      for (String table : db.tables().keySet()) {
        boolean read =
            IMPORTED.contains(table) || (table.equals("sources") && catalogues.contains(db));
        long rows = read ? 0 : db.count(table);
        if (!read && rows == 0) {
          empty.add(table);
        } else if (!read) {
          report.notImported(
              db.label()
                  + ": "
                  + table
                  + " ("
                  + rows
                  + " rows)"
                  + (CONSULTED.contains(table) ? ", consulted for subband file sizes" : ""));
        }
      }
      if (!empty.isEmpty()) {
        report.notImported(db.label() + ": " + String.join(", ", empty) + " (empty)");
      }
    }
  }
}
