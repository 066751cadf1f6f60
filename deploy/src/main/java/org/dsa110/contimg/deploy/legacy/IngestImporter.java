package org.dsa110.contimg.deploy.legacy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ingest queue: groups, their subband files and their performance metrics. The pipeline named
 * columns its own way (subband_files.path, ingest_queue.error) and measured other stages (load,
 * phase, write); each is translated into the specification's column, and what has no place there is
 * reported.
 */
final class IngestImporter {
  private static final int DEFAULT_SUBBANDS = 16;
  private static final Set<String> QUEUE_COLUMNS =
      Set.of(
          "group_id",
          "state",
          "received_at",
          "last_update",
          "expected_subbands",
          "has_calibrator",
          "calibrators",
          "retry_count",
          "error_message",
          "error");
  private static final Set<String> SUBBAND_COLUMNS =
      Set.of("id", "group_id", "subband_idx", "file_path", "path", "file_size", "discovered_at");
  private static final List<String> SPEC_METRICS =
      List.of(
          "conversion_time",
          "concat_time",
          "k_solve_time",
          "bp_solve_time",
          "g_solve_time",
          "imaging_time",
          "photometry_time",
          "total_time");
  private static final Set<String> METRIC_COLUMNS =
      Set.of(
          "id",
          "group_id",
          "writer_type",
          "conversion_time",
          "concat_time",
          "k_solve_time",
          "bp_solve_time",
          "g_solve_time",
          "imaging_time",
          "photometry_time",
          "total_time",
          "recorded_at",
          "load_time",
          "phase_time",
          "write_time");

  /** What the pipeline's HDF5 index knows of a subband file: its size and when it was indexed. */
  private record IndexedFile(Long size, Double indexedAt) {}

  private final Map<String, Double> groupsReceived = new HashMap<>();

  void run(ImportContext context) throws SQLException {
    TargetWriter writer = context.writer(HubDatabase.INGEST);
    for (SourceDatabase db : context.source.holding("ingest_queue")) {
      groups(context, db, writer);
    }
    Map<String, IndexedFile> index = hdf5Index(context);
    for (SourceDatabase db : context.source.holding("subband_files")) {
      subbands(context, db, writer, index);
    }
    for (SourceDatabase db : context.source.holding("performance_metrics")) {
      metrics(context, db, writer);
    }
  }

  private void groups(ImportContext context, SourceDatabase db, TargetWriter writer)
      throws SQLException {
    TableReport report = context.report.table("ingest_queue");
    context.notCopied(db, "ingest_queue", "ingest_queue", QUEUE_COLUMNS);
    context.progress.table("ingest_queue");
    db.forEachRow(
        "ingest_queue",
        null,
        row -> {
          context.progress.row();
          List<String> notes = new ArrayList<>();
          String groupId = row.nonBlank("group_id");
          if (groupId == null) {
            report.skipped("no group_id");
            return;
          }
          Vocabulary.Term state = Vocabulary.GROUP_STATE.map(row.text("state"));
          if (state.value() == null || !state.known()) {
            report.skipped(
                "state '"
                    + row.text("state")
                    + "' is none of collecting|pending|in_progress|completed|failed");
            return;
          }
          Rows.note(notes, state.note());
          Double received = row.real("received_at");
          if (received == null) {
            report.skipped("no received_at");
            return;
          }
          Double lastUpdate = row.real("last_update");
          if (lastUpdate == null) {
            lastUpdate = received;
            notes.add("last_update NULL -> received_at");
          }
          Long expected = row.integer("expected_subbands");
          if (expected == null) {
            expected = (long) DEFAULT_SUBBANDS;
            notes.add("expected_subbands NULL -> 16");
          }
          Long retries = row.integer("retry_count");
          if (retries == null) {
            retries = 0L;
            notes.add("retry_count NULL -> 0");
          }
          String error = row.text("error_message");
          if (error == null && row.text("error") != null) {
            error = row.text("error");
            notes.add("error -> error_message");
          }
          groupsReceived.put(groupId, received);
          if (writer.exists("SELECT 1 FROM ingest_queue WHERE group_id = ?", groupId)) {
            report.imported(false, notes);
            return;
          }
          Map<String, Object> values = new LinkedHashMap<>();
          values.put("group_id", groupId);
          values.put("state", state.value());
          values.put("received_at", received);
          values.put("last_update", lastUpdate);
          values.put("expected_subbands", expected);
          values.put("has_calibrator", row.integer("has_calibrator"));
          values.put("calibrators", row.text("calibrators"));
          values.put("retry_count", retries);
          values.put("error_message", error);
          Rows.insert(writer, "ingest_queue", values, report, notes);
        });
  }

  private void subbands(
      ImportContext context, SourceDatabase db, TargetWriter writer, Map<String, IndexedFile> index)
      throws SQLException {
    TableReport report = context.report.table("subband_files");
    context.notCopied(db, "subband_files", "subband_files", SUBBAND_COLUMNS);
    context.progress.table("subband_files");
    db.forEachRow(
        "subband_files",
        null,
        row -> {
          context.progress.row();
          List<String> notes = new ArrayList<>();
          String groupId = row.nonBlank("group_id");
          Long subband = row.integer("subband_idx");
          String path = row.nonBlank("file_path");
          if (path == null && row.nonBlank("path") != null) {
            path = row.nonBlank("path");
            notes.add("path -> file_path");
          }
          if (groupId == null || subband == null || path == null) {
            report.skipped("no group_id, subband_idx or path");
            return;
          }
          if (!groupsReceived.containsKey(groupId)) {
            report.skipped("its group is not imported (not in ingest_queue, or skipped)");
            return;
          }
          IndexedFile indexed = index.get(path);
          Long size = row.integer("file_size");
          if (size == null && indexed != null && indexed.size() != null) {
            size = indexed.size();
            notes.add("file_size from the pipeline's HDF5 index");
          }
          Double discovered = row.real("discovered_at");
          if (discovered == null && indexed != null && indexed.indexedAt() != null) {
            discovered = indexed.indexedAt();
            notes.add("discovered_at NULL -> when the pipeline's HDF5 index saw the file");
          } else if (discovered == null) {
            discovered = groupsReceived.get(groupId);
            notes.add("discovered_at NULL -> the group's received_at");
          }
          if (writer.exists(
              "SELECT 1 FROM subband_files WHERE group_id = ? AND subband_idx = ?",
              groupId,
              subband)) {
            report.imported(false, notes);
            return;
          }
          Map<String, Object> values = new LinkedHashMap<>();
          values.put("group_id", groupId);
          values.put("subband_idx", subband);
          values.put("file_path", path);
          values.put("file_size", size);
          values.put("discovered_at", discovered);
          Rows.insert(writer, "subband_files", values, report, notes);
        });
  }

  private void metrics(ImportContext context, SourceDatabase db, TargetWriter writer)
      throws SQLException {
    TableReport report = context.report.table("performance_metrics");
    context.notCopied(db, "performance_metrics", "performance_metrics", METRIC_COLUMNS);
    context.progress.table("performance_metrics");
    db.forEachRow(
        "performance_metrics",
        null,
        row -> {
          context.progress.row();
          List<String> notes = new ArrayList<>();
          String groupId = row.nonBlank("group_id");
          if (groupId == null || !groupsReceived.containsKey(groupId)) {
            report.skipped("its group is not imported (not in ingest_queue, or skipped)");
            return;
          }
          Map<String, Object> values = new LinkedHashMap<>();
          values.put("group_id", groupId);
          String writerType = row.text("writer_type");
          Vocabulary.Term type = Vocabulary.WRITER_TYPE.map(writerType);
          Rows.note(
              notes, type.known() ? type.note() : Vocabulary.WRITER_TYPE.keptAsWritten(writerType));
          values.put("writer_type", type.value());
          for (String column : SPEC_METRICS) {
            values.put(column, row.real(column));
          }
          if (values.get("conversion_time") == null
              && (row.real("load_time") != null
                  || row.real("phase_time") != null
                  || row.real("write_time") != null)) {
            values.put(
                "conversion_time",
                orZero(row.real("load_time"))
                    + orZero(row.real("phase_time"))
                    + orZero(row.real("write_time")));
            notes.add("conversion_time = load_time + phase_time + write_time");
          }
          Double recorded = row.real("recorded_at");
          if (recorded == null) {
            recorded = groupsReceived.get(groupId);
            notes.add("recorded_at NULL -> the group's received_at");
          }
          values.put("recorded_at", recorded);
          if (writer.exists("SELECT 1 FROM performance_metrics WHERE group_id = ?", groupId)) {
            report.imported(false, notes);
            return;
          }
          Rows.insert(writer, "performance_metrics", values, report, notes);
        });
  }

  /**
   * Sizes of subband files from the pipeline's HDF5 index (November: hdf5_file_index; December:
   * hdf5_files), by path.
   */
  private static Map<String, IndexedFile> hdf5Index(ImportContext context) throws SQLException {
    Map<String, IndexedFile> index = new HashMap<>();
    if (context.source.holding("subband_files").isEmpty()) {
      return index;
    }
    for (String table : List.of("hdf5_file_index", "hdf5_files")) {
      for (SourceDatabase db : context.source.holding(table)) {
        if (db.has(table, "path") && db.has(table, "file_size_bytes")) {
          db.query(
              "SELECT path, file_size_bytes, "
                  + (db.has(table, "indexed_at") ? "indexed_at" : "NULL AS indexed_at")
                  + " FROM "
                  + SourceDatabase.quote(table),
              List.of(),
              row ->
                  index.put(
                      row.text("path"),
                      new IndexedFile(row.integer("file_size_bytes"), row.real("indexed_at"))));
        }
      }
    }
    return index;
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }
}
