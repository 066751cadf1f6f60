package org.dsa110.contimg.alerts;

import io.vertx.core.json.JsonArray;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.dsa110.contimg.common.config.ConfigException;
import org.dsa110.contimg.common.config.Settings;

/** The {@code alerts.*} and {@code slack.*} configuration keys. */
record AlertSettings(
    Optional<String> defaultWebhook,
    Map<String, String> channelWebhooks,
    long timeoutMs,
    int maxAttempts,
    long retryBaseMs,
    long retryMaxMs,
    int maxPending,
    Optional<String> dashboardBaseUrl,
    String eseChannel,
    String pipelineChannel,
    double eseCriticalSignificance,
    double eseEscalationFactor,
    double cooldownSeconds,
    int rateLimitCount,
    double rateLimitWindowSeconds,
    int backlogThreshold,
    double backlogMinutes,
    double stallMinutes,
    int ownerFailures,
    long watchIntervalMs,
    double calibratorMissingMinutes) {

  static AlertSettings from(Settings settings) {
    return new AlertSettings(
        Optional.ofNullable(settings.stringOrNull("slack.webhook_url")),
        channelWebhooks(settings.root().getJsonObject("slack").getJsonArray("channel_webhooks")),
        settings.integer("slack.timeout_ms", 100, 600_000),
        settings.integer("slack.max_attempts", 1, 100),
        settings.integer("slack.retry_base_ms", 1, 3_600_000),
        settings.integer("slack.retry_max_ms", 1, 3_600_000),
        settings.integer("slack.max_pending", 1, 1_000_000),
        Optional.ofNullable(settings.stringOrNull("alerts.dashboard_base_url")),
        settings.string("alerts.ese_channel"),
        settings.string("alerts.pipeline_channel"),
        settings.positive("alerts.ese_critical_significance"),
        settings.positive("alerts.ese_escalation_factor"),
        settings.positive("alerts.cooldown_seconds"),
        settings.integer("alerts.rate_limit_count", 1, 100_000),
        settings.positive("alerts.rate_limit_window_seconds"),
        settings.integer("alerts.backlog_threshold", 1, 1_000_000),
        settings.positive("alerts.backlog_minutes"),
        settings.positive("alerts.stall_minutes"),
        settings.integer("alerts.owner_failures", 1, 1000),
        settings.integer("alerts.watch_interval_ms", 10, 3_600_000),
        settings.positive("alerts.calibrator_missing_minutes"));
  }

  /** The webhook for a channel: its own when one is configured, else the default one. */
  Optional<String> webhookFor(String channel) {
    return Optional.ofNullable(channelWebhooks.get(channel)).or(() -> defaultWebhook);
  }

  /** "#channel=https://hooks..." entries. */
  private static Map<String, String> channelWebhooks(JsonArray entries) {
    Map<String, String> webhooks = new HashMap<>();
    for (Object entry : entries) {
      String text = String.valueOf(entry);
      int equals = text.indexOf('=');
      if (equals <= 0) {
        throw new ConfigException(
            "config key slack.channel_webhooks (CONTIMG_SLACK_CHANNEL_WEBHOOKS): '"
                + text
                + "' is not #channel=url");
      }
      webhooks.put(text.substring(0, equals).strip(), text.substring(equals + 1).strip());
    }
    return webhooks;
  }
}
