package org.dsa110.contimg.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Optional;
import org.dsa110.contimg.common.web.DashboardLinks;

/**
 * An alert as a Slack incoming-webhook message: a plain-text fallback, and blocks with a title,
 * fields and a link.
 */
final class SlackMessage {
  private SlackMessage() {}

  static JsonObject render(Alert alert, Optional<String> dashboardBaseUrl) {
    String text =
        "["
            + alert.severity().toUpperCase(Locale.ROOT)
            + "] "
            + alert.title()
            + ": "
            + alert.message();
    JsonArray blocks =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("type", "header")
                    .put(
                        "text",
                        new JsonObject().put("type", "plain_text").put("text", alert.title())))
            .add(
                new JsonObject()
                    .put("type", "section")
                    .put(
                        "text",
                        new JsonObject()
                            .put("type", "mrkdwn")
                            .put(
                                "text",
                                "*"
                                    + alert.severity().toUpperCase(Locale.ROOT)
                                    + "* "
                                    + alert.message())));
    if (!alert.fields().isEmpty()) {
      JsonArray fields = new JsonArray();
      alert
          .fields()
          .forEach(
              field ->
                  fields.add(
                      new JsonObject()
                          .put("type", "mrkdwn")
                          .put("text", "*" + field.getKey() + "*\n" + field.getValue())));
      blocks.add(new JsonObject().put("type", "section").put("fields", fields));
    }
    if ("ese_candidate".equals(alert.type())) {
      dashboardBaseUrl.ifPresent(
          base ->
              blocks.add(
                  new JsonObject()
                      .put("type", "section")
                      .put(
                          "text",
                          new JsonObject()
                              .put("type", "mrkdwn")
                              .put(
                                  "text",
                                  "<"
                                      + DashboardLinks.sourcePage(base, alert.sourceId())
                                      + "|Open the source page>"))));
    }
    return new JsonObject().put("channel", alert.channel()).put("text", text).put("blocks", blocks);
  }
}
