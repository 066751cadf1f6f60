package org.dsa110.contimg.deploy.legacy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One column's vocabulary in the specification, and how the pipeline's own values translate into
 * it. The README ("Adopting the existing pipeline's databases") shows these tables; a value found
 * in neither is left to the caller, which says in the report what it did with it.
 */
final class Vocabulary {
  static final Vocabulary GROUP_STATE =
      new Vocabulary(
          "state",
          Set.of("collecting", "pending", "in_progress", "completed", "failed"),
          Map.of("processing", "in_progress", "done", "completed", "error", "failed"));
  static final Vocabulary MS_STATUS =
      new Vocabulary(
          "status",
          Set.of("ok", "failed", "flagged"),
          Map.of(
              "done",
              "ok",
              "converted",
              "ok",
              "discovered",
              "ok",
              "calibrated",
              "ok",
              "imaged",
              "ok",
              "error",
              "failed"));
  static final Vocabulary MS_STAGE =
      new Vocabulary(
          "stage",
          Set.of("converted", "calibrated", "imaged", "photometry_complete"),
          Map.of(
              "discovered",
              "converted",
              "ms_discovered",
              "converted",
              "conversion",
              "converted",
              "calibration_apply",
              "converted",
              "calibration_failed",
              "converted",
              "imaging",
              "calibrated",
              "mosaicked",
              "imaged",
              "mosaic_failed",
              "imaged"));
  static final Vocabulary IMAGE_TYPE =
      new Vocabulary(
          "type",
          Set.of("image", "pbcor", "residual", "mosaic"),
          Map.of("5min", "image", "clean", "image", "dirty", "image"));
  static final Vocabulary FLAG_TYPE =
      new Vocabulary(
          "flag_type",
          Set.of("variability", "rapid_change", "user"),
          Map.of("auto", "variability", "manual", "user"));
  static final Vocabulary CANDIDATE_STATUS =
      new Vocabulary("status", Set.of("active", "investigated", "dismissed"), Map.of());
  static final Vocabulary CAL_TABLE_TYPE =
      new Vocabulary("table_type", Set.of("K", "BP", "G"), Map.of());
  static final Vocabulary SEVERITY =
      new Vocabulary(
          "severity",
          Set.of("info", "warning", "critical"),
          Map.of("error", "critical", "warn", "warning"));
  static final Vocabulary ALERT_TYPE =
      new Vocabulary(
          "alert_type",
          Set.of("ese_candidate", "calibrator_missing", "system_error"),
          Map.of(
              "calibrator_issue",
              "calibrator_missing",
              "system_warning",
              "system_error",
              "ese",
              "ese_candidate"));
  static final Vocabulary QA_TYPE =
      new Vocabulary("type", Set.of("plot", "table", "report"), Map.of());
  static final Vocabulary QA_CATEGORY =
      new Vocabulary("category", Set.of("calibration", "imaging", "system"), Map.of());
  static final Vocabulary WRITER_TYPE =
      new Vocabulary("writer_type", Set.of("direct-subband", "pyuvdata", "auto"), Map.of());

  /**
   * A value after translation: {@code note} says what changed (null: nothing), {@code known}
   * whether it is the specification's.
   */
  record Term(String value, String note, boolean known) {}

  private final String column;
  private final Set<String> values;
  private final Map<String, String> pipelineValues;

  private Vocabulary(String column, Set<String> values, Map<String, String> pipelineValues) {
    this.column = column;
    this.values = values;
    this.pipelineValues = pipelineValues;
  }

  /**
   * Translates a value; matching ignores case and surrounding spaces (the tables above are lower
   * case).
   */
  Term map(String raw) {
    if (raw == null) {
      return new Term(null, null, true);
    }
    if (values.contains(raw)) {
      return new Term(raw, null, true);
    }
    String folded = raw.strip().toLowerCase(Locale.ROOT);
    String known =
        values.stream()
            .filter(v -> v.equalsIgnoreCase(folded))
            .findFirst()
            .orElse(pipelineValues.get(folded));
    if (known != null) {
      return new Term(known, column + " '" + raw + "' -> '" + known + "'", true);
    }
    return new Term(raw, null, false);
  }

  /** The note for a value outside the vocabulary that is kept as written. */
  String keptAsWritten(String raw) {
    return column
        + " '"
        + raw
        + "' kept as written (not in the specification's "
        + String.join("|", List.copyOf(values).stream().sorted().toList())
        + ")";
  }

  String column() {
    return column;
  }
}
