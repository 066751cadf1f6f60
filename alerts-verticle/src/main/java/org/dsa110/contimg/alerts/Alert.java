package org.dsa110.contimg.alerts;

import io.vertx.core.json.JsonObject;

/**
 * One alert decided by a rule: what it is about, how bad, where it goes, and what it says. {@code fields} are
 * the details shown in the Slack message (source, position, flux, significance, ...).
 */
record Alert(String type, String severity, String sourceId, String channel, String title, String message, JsonObject fields) {

  JsonObject toJson() {
    return new JsonObject().put("alert_type", type).put("severity", severity).put("source_id", sourceId).put("channel", channel)
        .put("title", title).put("message", message).put("fields", fields);
  }

  static Alert fromJson(JsonObject json) {
    return new Alert(json.getString("alert_type"), json.getString("severity"), json.getString("source_id"), json.getString("channel"),
        json.getString("title"), json.getString("message"), json.getJsonObject("fields", new JsonObject()));
  }

  /** The alert_history row of this alert's outcome. */
  JsonObject outcome(long outboxId, boolean delivered, String error) {
    JsonObject outcome = new JsonObject().put("source_id", sourceId).put("alert_type", type).put("severity", severity)
        .put("message", title + ": " + message).put("channel", channel).put("success", delivered);
    if (outboxId > 0) {
      outcome.put("outbox_id", outboxId);
    }
    if (error != null) {
      outcome.put("error_msg", error);
    }
    return outcome;
  }
}
