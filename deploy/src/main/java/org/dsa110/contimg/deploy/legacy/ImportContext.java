package org.dsa110.contimg.deploy.legacy;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the importers share: SOURCE, the hub's files, the report and progress, and what earlier
 * steps learnt that later ones need (the catalogue's names for integer ids, each MS's observation
 * time, each image's MS).
 */
final class ImportContext implements AutoCloseable {
  final LegacySource source;
  final ImportReport report;
  final ImportProgress progress;

  /**
   * The catalogue's integer source ids ("123") and the NVSS names they became, for the tables that
   * refer to them.
   */
  final Map<String, String> sourceNames = new HashMap<>();

  /**
   * Each imported MS's observation time (mid_mjd, else the middle of its start and end), by path.
   */
  final Map<String, Double> msMjd = new HashMap<>();

  /** Each imported image's MS, by image path. */
  final Map<String, String> imageMs = new HashMap<>();

  /** The sources the imported photometry measured, by their id in the hub. */
  final Map<String, MeasuredSource> measuredSources = new LinkedHashMap<>();

  /**
   * How many images got photometry in this run (the products owner normalises them when it starts).
   */
  long imagesWithNewPhotometry;

  /** How many FITS exports photometry was measured on got an images row of their own. */
  long fitsExportsAdded;

  private final TargetDatabases targets;
  private final Map<HubDatabase, TargetWriter> writers = new EnumMap<>(HubDatabase.class);

  ImportContext(
      LegacySource source, TargetDatabases targets, ImportReport report, ImportProgress progress) {
    this.source = source;
    this.targets = targets;
    this.report = report;
    this.progress = progress;
  }

  TargetWriter writer(HubDatabase database) {
    return writers.computeIfAbsent(database, d -> new TargetWriter(targets.connection(d)));
  }

  /**
   * A source id as the hub knows it: the NVSS name the catalogue gave an integer id, else as
   * written.
   */
  String sourceId(String raw, List<String> notes) {
    String name = sourceNames.get(raw);
    if (name == null) {
      return raw;
    }
    notes.add("source_id (integer catalogue id) -> the catalogue's NVSS name");
    return name;
  }

  /** Reports the columns a source table has that the import has no place for. */
  void notCopied(SourceDatabase db, String table, String hubTable, Set<String> used) {
    report
        .table(hubTable)
        .notCopied(db.columns(table).stream().filter(column -> !used.contains(column)).toList());
  }

  @Override
  public void close() throws SQLException {
    for (TargetWriter writer : writers.values()) {
      writer.close();
    }
  }
}
