package org.dsa110.contimg.deploy.legacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SOURCE as found on disk: the pipeline's database files it holds, opened read-only, and the layout
 * they are in, recognised from their tables and columns rather than their names. A directory may
 * hold the four files (as the pipeline's state/ folder does, catalogue in catalogs/), a unified
 * pipeline.sqlite3 (directly or in db/), or both; SOURCE may also be one database file.
 */
final class LegacySource implements AutoCloseable {
  /** Where the pipeline's versions put their files, relative to their state folder. */
  static final List<String> KNOWN_FILES =
      List.of(
          "ingest.sqlite3",
          "cal_registry.sqlite3",
          "products.sqlite3",
          "catalogs/master_sources.sqlite3",
          "master_sources.sqlite3",
          "pipeline.sqlite3",
          "db/pipeline.sqlite3");

  private final Path root;
  private final List<SourceDatabase> databases;
  private final Layout layout;

  private LegacySource(Path root, List<SourceDatabase> databases, Layout layout) {
    this.root = root;
    this.databases = databases;
    this.layout = layout;
  }

  static LegacySource open(Path source) throws SQLException {
    if (!Files.exists(source)) {
      throw new ImportRefused("SOURCE " + source + " does not exist");
    }
    List<Path> files = new ArrayList<>();
    if (Files.isRegularFile(source)) {
      files.add(source);
    } else {
      for (String name : KNOWN_FILES) {
        if (Files.isRegularFile(source.resolve(name))) {
          files.add(source.resolve(name));
        }
      }
    }
    if (files.isEmpty()) {
      throw new ImportRefused(
          "SOURCE "
              + source
              + " holds none of the pipeline's databases (looked for "
              + String.join(", ", KNOWN_FILES)
              + ")");
    }
    List<SourceDatabase> databases = new ArrayList<>();
    try {
      for (Path file : files) {
        String label =
            Files.isRegularFile(source)
                ? file.getFileName().toString()
                : source.relativize(file).toString();
        try {
          databases.add(SourceDatabase.open(file, label));
        } catch (SQLException e) {
          throw new ImportRefused(
              "cannot read " + file + " as a SQLite database: " + e.getMessage());
        }
      }
    } catch (RuntimeException e) {
      closeAll(databases);
      throw e;
    }
    if (databases.stream().noneMatch(LegacySource::holdsPipelineTables)) {
      closeAll(databases);
      throw new ImportRefused(
          "SOURCE "
              + source
              + " holds no table of the pipeline's (ingest_queue, caltables, ms_index, images, photometry, sources, ...)");
    }
    return new LegacySource(source, databases, recognise(databases));
  }

  Path root() {
    return root;
  }

  Layout layout() {
    return layout;
  }

  List<SourceDatabase> databases() {
    return databases;
  }

  /** The files holding a table, in the order found. */
  List<SourceDatabase> holding(String table) {
    return databases.stream().filter(db -> db.has(table)).toList();
  }

  /**
   * The master-sources catalogues: a {@code sources} table with NVSS fluxes (the unified file's
   * {@code sources} is a detection list).
   */
  List<SourceDatabase> catalogues() {
    return databases.stream()
        .filter(db -> db.has("sources", "s_nvss") || db.has("sources", "snr_nvss"))
        .toList();
  }

  private static boolean holdsPipelineTables(SourceDatabase db) {
    return List.of(
            "ingest_queue",
            "subband_files",
            "caltables",
            "ms_index",
            "images",
            "photometry",
            "mosaics",
            "sources")
        .stream()
        .anyMatch(db::has);
  }

  /**
   * Unified: one file with the calibration registry beside the products. November: pointing history
   * moved into the ingest file, provenance columns in the registry, the HDF5 index in products.
   * October: the pipeline's own columns without those. Anything else is the specification's layout
   * (imported by the same code).
   */
  private static Layout recognise(List<SourceDatabase> databases) {
    if (databases.stream().anyMatch(db -> db.has("caltables") && db.has("ms_index"))) {
      return Layout.UNIFIED;
    }
    boolean november =
        databases.stream()
            .anyMatch(
                db ->
                    (db.has("ingest_queue") && db.has("pointing_history"))
                        || db.has("caltables", "source_ms_path")
                        || db.has("hdf5_file_index")
                        || db.has("ms_index", "ra_deg")
                        || db.has("mosaics", "status"));
    if (november) {
      return Layout.NOVEMBER_2025;
    }
    boolean october =
        databases.stream()
            .anyMatch(
                db ->
                    db.has("caltables", "status")
                        || db.has("subband_files", "path")
                        || db.has("ingest_queue", "error")
                        || db.has("performance_metrics", "load_time")
                        || (db.has("sources") && !db.has("sources", "first_size_maj_arcsec"))
                        || (db.has("photometry") && !db.has("images", "format")));
    return october ? Layout.OCTOBER_2025 : Layout.SPECIFICATION;
  }

  private static void closeAll(List<SourceDatabase> databases) {
    for (SourceDatabase db : databases) {
      try {
        db.close();
      } catch (SQLException ignored) {
        // closing a read-only connection cannot lose anything
      }
    }
  }

  @Override
  public void close() {
    closeAll(databases);
  }
}
