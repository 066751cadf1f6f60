package org.dsa110.contimg.alerts;

import io.vertx.core.json.JsonObject;

/**
 * One alert decided by a rule: what it is about, how bad, where it goes, and what it says. {@code
 * fields} are the details shown in the Slack message (source, position, flux, significance, ...).
 */
record Alert(
    String type,
    String severity,
    String sourceId,
    String channel,
    String title,
    String message,
    JsonObject fields) {

  JsonObject toJson() {
    return new JsonObject()
        .put("alert_type", type)
        .put("severity", severity)
        .put("source_id", sourceId)
        .put("channel", channel)
        .put("title", title)
        .put("message", message)
        .put("fields", fields);
  }

  /**
   * The alert an outbox entry holds; an IllegalArgumentException naming the field when the entry is
   * malformed.
   */
  static Alert fromJson(JsonObject json) {
    if (json == null) {
      throw new IllegalArgumentException("alert: is not a JSON object");
    }
    Object fields = json.getValue("fields", new JsonObject());
    if (!(fields instanceof JsonObject details)) {
      throw new IllegalArgumentException("fields: must be an object");
    }
    return new Alert(
        text(json, "alert_type"),
        text(json, "severity"),
        text(json, "source_id"),
        text(json, "channel"),
        text(json, "title"),
        text(json, "message"),
        details);
  }

  private static String text(JsonObject json, String field) {
    if (!(json.getValue(field) instanceof String value) || value.isEmpty()) {
      throw new IllegalArgumentException(field + ": must be a non-empty string");
    }
    return value;
  }

  /**
   * The alert_history row that takes a malformed outbox entry out of the outbox, as a failed alert.
   */
  static JsonObject malformedOutcome(long outboxId, String reason) {
    String error = "malformed outbox entry " + outboxId + ": " + reason;
    return new JsonObject()
        .put("outbox_id", outboxId)
        .put("source_id", "outbox " + outboxId)
        .put("alert_type", "system_error")
        .put("severity", "warning")
        .put("message", "Alert not delivered: " + error)
        .put("success", false)
        .put("error_msg", error);
  }

  /** The alert_history row of this alert's outcome. */
  JsonObject outcome(long outboxId, boolean delivered, String error) {
    JsonObject outcome =
        new JsonObject()
            .put("source_id", sourceId)
            .put("alert_type", type)
            .put("severity", severity)
            .put("message", title + ": " + message)
            .put("channel", channel)
            .put("success", delivered);
    if (outboxId > 0) {
      outcome.put("outbox_id", outboxId);
    }
    if (error != null) {
      outcome.put("error_msg", error);
    }
    return outcome;
  }
}
