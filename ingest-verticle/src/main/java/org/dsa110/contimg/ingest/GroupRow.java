package org.dsa110.contimg.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.dsa110.contimg.common.store.DbRow;

/**
 * One row of ingest_queue, as the API shows it (calibrators as a JSON array, has_calibrator as a
 * boolean).
 */
record GroupRow(
    String groupId,
    GroupState state,
    double receivedAt,
    double lastUpdate,
    int expectedSubbands,
    Boolean hasCalibrator,
    String calibrators,
    int retryCount,
    String errorMessage) {

  static final String COLUMNS =
      "group_id, state, received_at, last_update, expected_subbands, has_calibrator, "
          + "calibrators, retry_count, error_message";

  static GroupRow from(DbRow row) {
    Number hasCalibrator = (Number) row.getValue("has_calibrator");
    Number expected = (Number) row.getValue("expected_subbands");
    Number retries = (Number) row.getValue("retry_count");
    return new GroupRow(
        row.getString("group_id"),
        GroupState.fromDb(row.getString("state")),
        ((Number) row.getValue("received_at")).doubleValue(),
        ((Number) row.getValue("last_update")).doubleValue(),
        expected == null ? SubbandFile.SUBBANDS : expected.intValue(),
        hasCalibrator == null ? null : hasCalibrator.intValue() != 0,
        row.getString("calibrators"),
        retries == null ? 0 : retries.intValue(),
        row.getString("error_message"));
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("group_id", groupId)
        .put("state", state.dbName())
        .put("received_at", receivedAt)
        .put("last_update", lastUpdate)
        .put("expected_subbands", expectedSubbands)
        .put("has_calibrator", hasCalibrator)
        .put("calibrators", calibrators == null ? null : parseCalibrators())
        .put("retry_count", retryCount)
        .put("error_message", errorMessage);
  }

  /**
   * The existing pipeline may have written anything here; what is not a JSON array is shown as
   * text.
   */
  private Object parseCalibrators() {
    try {
      return new JsonArray(calibrators);
    } catch (RuntimeException e) {
      return calibrators;
    }
  }
}
