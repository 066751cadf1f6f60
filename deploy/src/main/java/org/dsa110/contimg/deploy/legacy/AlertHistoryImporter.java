package org.dsa110.contimg.deploy.legacy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alert history. The four-file layouts wrote the specification's columns (values of their own are
 * translated or reported); the December file keeps the monitoring system's alerts instead
 * (alert_name, triggered_at, ...): each becomes a system_error keyed by its alert name, sent when
 * it was triggered, its delivery unknown (NULL).
 */
final class AlertHistoryImporter {
  private static final Set<String> COLUMNS =
      Set.of(
          "id",
          "source_id",
          "alert_type",
          "severity",
          "message",
          "sent_at",
          "channel",
          "success",
          "error_msg",
          "alert_name",
          "triggered_at");

  void run(ImportContext context) throws SQLException {
    TargetWriter writer = context.writer(HubDatabase.PRODUCTS);
    TableReport report = context.report.table("alert_history");
    for (SourceDatabase db : context.source.holding("alert_history")) {
      context.notCopied(db, "alert_history", "alert_history", COLUMNS);
      context.progress.table("alert_history");
      boolean monitoring =
          !db.has("alert_history", "alert_type") && db.has("alert_history", "alert_name");
      db.forEachRow(
          "alert_history",
          null,
          row -> {
            context.progress.row();
            List<String> notes = new ArrayList<>();
            String sourceId = row.nonBlank("source_id");
            String rawType = row.nonBlank("alert_type");
            Double sentAt = row.real("sent_at");
            Object success = row.value("success");
            if (monitoring) {
              sourceId = row.nonBlank("alert_name");
              rawType = "system_error";
              sentAt = row.real("triggered_at");
              success = null;
              notes.add(
                  "monitoring alert (alert_name, triggered_at) -> system_error keyed by its name, sent when triggered, delivery unknown");
            } else if (sourceId != null) {
              sourceId = context.sourceId(sourceId, notes);
            }
            String message = row.text("message");
            String rawSeverity = row.nonBlank("severity");
            if (sourceId == null
                || rawType == null
                || sentAt == null
                || message == null
                || rawSeverity == null) {
              report.skipped("no source_id, alert_type, severity, message or time");
              return;
            }
            Vocabulary.Term type = Vocabulary.ALERT_TYPE.map(rawType);
            Rows.note(
                notes, type.known() ? type.note() : Vocabulary.ALERT_TYPE.keptAsWritten(rawType));
            Vocabulary.Term severity = Vocabulary.SEVERITY.map(rawSeverity);
            Rows.note(
                notes,
                severity.known()
                    ? severity.note()
                    : Vocabulary.SEVERITY.keptAsWritten(rawSeverity));
            if (writer.exists(
                "SELECT 1 FROM alert_history WHERE source_id = ? AND alert_type = ? AND sent_at = ? AND message = ?",
                sourceId,
                type.value(),
                sentAt,
                message)) {
              report.imported(false, notes);
              return;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("source_id", sourceId);
            values.put("alert_type", type.value());
            values.put("severity", severity.value());
            values.put("message", message);
            values.put("sent_at", sentAt);
            values.put("channel", row.text("channel"));
            values.put("success", success);
            values.put("error_msg", row.text("error_msg"));
            Rows.insert(writer, "alert_history", values, report, notes);
          });
    }
  }
}
