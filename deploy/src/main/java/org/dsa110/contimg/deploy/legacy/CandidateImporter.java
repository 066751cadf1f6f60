package org.dsa110.contimg.deploy.legacy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsa110.contimg.common.bus.UnixTime;

/**
 * Sources and ESE candidates. The pipeline's statistics were computed by other code on
 * un-normalised fluxes, so they are not copied: each source gets the identity columns the products
 * owner keeps (position, NVSS flux, how often and when last measured), and the owner recomputes the
 * statistics from the photometry when it starts (images without a gain in hub_image_gains are
 * normalised then, oldest first). Candidates are kept, reviews and notes included, their flag types
 * translated; the hub flags its own from its statistics beside them.
 */
final class CandidateImporter {
  private static final Set<String> STATS_IDENTITY =
      Set.of("source_id", "ra_deg", "dec_deg", "nvss_flux_mjy", "updated_at");
  private static final Set<String> CANDIDATE_COLUMNS =
      Set.of(
          "id",
          "source_id",
          "flagged_at",
          "flagged_by",
          "significance",
          "flag_type",
          "notes",
          "status",
          "investigated_at",
          "dismissed_at");
  private static final String INSERT_IDENTITY =
      "INSERT INTO variability_stats (source_id, ra_deg, dec_deg, nvss_flux_mjy, n_obs, "
          + "last_measured_at, last_mjd, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source_id) DO NOTHING";

  void run(ImportContext context) throws SQLException {
    TargetWriter writer = context.writer(HubDatabase.PRODUCTS);
    double now = UnixTime.now();
    TableReport report = context.report.table("variability_stats");
    for (SourceDatabase db : context.source.holding("variability_stats")) {
      // the statistics columns are recomputed by the hub; reported as not copied, with any column
      // of the pipeline's own
      context.notCopied(db, "variability_stats", "variability_stats", STATS_IDENTITY);
      context.progress.table("variability_stats");
      db.forEachRow(
          "variability_stats",
          null,
          row -> {
            context.progress.row();
            List<String> notes = new ArrayList<>();
            String raw = row.nonBlank("source_id");
            Double ra = row.real("ra_deg");
            Double dec = row.real("dec_deg");
            if (raw == null || ra == null || dec == null) {
              report.skipped("no source_id or position");
              return;
            }
            String id = context.sourceId(raw, notes);
            notes.add("statistics left for the hub to recompute from photometry");
            MeasuredSource measured = context.measuredSources.remove(id);
            Double nvss = row.real("nvss_flux_mjy");
            int changed =
                measured == null
                    ? writer.execute(
                        INSERT_IDENTITY,
                        id,
                        ra,
                        dec,
                        nvss,
                        0,
                        null,
                        null,
                        orNow(row.real("updated_at"), now))
                    : writer.execute(
                        INSERT_IDENTITY,
                        id,
                        measured.raDeg,
                        measured.decDeg,
                        nvss != null ? nvss : measured.nvssFluxMjy,
                        measured.count,
                        measured.lastMeasuredAt,
                        measured.lastMjd,
                        now);
            report.imported(changed > 0, notes);
          });
    }
    long added = 0;
    for (Map.Entry<String, MeasuredSource> source : context.measuredSources.entrySet()) {
      MeasuredSource m = source.getValue();
      added +=
          writer.execute(
              INSERT_IDENTITY,
              source.getKey(),
              m.raDeg,
              m.decDeg,
              m.nvssFluxMjy,
              m.count,
              m.lastMeasuredAt,
              m.lastMjd,
              now);
    }
    if (added > 0) {
      context.report.note(
          "variability_stats: "
              + added
              + " source(s) measured by the imported photometry without a row of the pipeline's got "
              + "their position and measurement count, as the owner records them");
    }
    candidates(context, writer);
  }

  private void candidates(ImportContext context, TargetWriter writer) throws SQLException {
    TableReport report = context.report.table("ese_candidates");
    for (SourceDatabase db : context.source.holding("ese_candidates")) {
      context.notCopied(db, "ese_candidates", "ese_candidates", CANDIDATE_COLUMNS);
      context.progress.table("ese_candidates");
      db.forEachRow(
          "ese_candidates",
          null,
          row -> {
            context.progress.row();
            List<String> notes = new ArrayList<>();
            String raw = row.nonBlank("source_id");
            Double flaggedAt = row.real("flagged_at");
            Double significance = row.real("significance");
            String rawType = row.nonBlank("flag_type");
            if (raw == null || flaggedAt == null || significance == null || rawType == null) {
              report.skipped("no source_id, flagged_at, significance or flag_type");
              return;
            }
            String id = context.sourceId(raw, notes);
            Vocabulary.Term type = Vocabulary.FLAG_TYPE.map(rawType);
            Rows.note(
                notes, type.known() ? type.note() : Vocabulary.FLAG_TYPE.keptAsWritten(rawType));
            String rawStatus = row.nonBlank("status");
            Vocabulary.Term status =
                Vocabulary.CANDIDATE_STATUS.map(rawStatus == null ? "active" : rawStatus);
            if (rawStatus == null) {
              notes.add("status NULL -> 'active'");
            }
            Rows.note(
                notes,
                status.known()
                    ? status.note()
                    : Vocabulary.CANDIDATE_STATUS.keptAsWritten(rawStatus));
            if (!writer.exists("SELECT 1 FROM variability_stats WHERE source_id = ?", id)) {
              report.skipped("its source has no variability_stats row and no photometry");
              return;
            }
            if (writer.exists(
                "SELECT 1 FROM ese_candidates WHERE source_id = ? AND flag_type = ? AND flagged_at = ?",
                id,
                type.value(),
                flaggedAt)) {
              report.imported(false, notes);
              return;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("source_id", id);
            values.put("flagged_at", flaggedAt);
            values.put(
                "flagged_by", row.text("flagged_by") == null ? "auto" : row.text("flagged_by"));
            values.put("significance", significance);
            values.put("flag_type", type.value());
            values.put("notes", row.text("notes"));
            values.put("status", status.value());
            values.put("investigated_at", row.real("investigated_at"));
            values.put("dismissed_at", row.real("dismissed_at"));
            Rows.keepId(writer, "ese_candidates", row.integer("id"), values);
            Rows.insert(writer, "ese_candidates", values, report, notes);
          });
    }
  }

  private static double orNow(Double value, double now) {
    return value == null ? now : value;
  }
}
