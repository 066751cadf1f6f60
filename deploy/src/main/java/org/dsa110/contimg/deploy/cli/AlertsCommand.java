package org.dsa110.contimg.deploy.cli;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alerts list|test}: what was sent to Slack and how it went; a test alert through the real
 * path.
 */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = "Alerts of the running hub.",
    subcommands = {AlertsCommand.ListAlerts.class, AlertsCommand.TestAlert.class})
public final class AlertsCommand {
  private static final List<String> COLUMNS =
      List.of(
          "id",
          "sent_at",
          "alert_type",
          "severity",
          "source_id",
          "channel",
          "success",
          "message",
          "error_msg");

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Recorded alerts, newest first, with their delivery outcome.")
  static final class ListAlerts extends ApiCommand {
    @Option(names = "--type", description = "ese_candidate, calibrator_missing or system_error")
    String type;

    @Option(names = "--severity", description = "info, warning or critical")
    String severity;

    @Mixin Paging paging;

    @Override
    String run(HubApi api, Table output) throws HubApi.Refused, HubApi.Unreachable {
      Map<String, Object> query = paging.query();
      query.put("type", type);
      query.put("severity", severity);
      return output.render(api.get("/alerts", query), "alerts", COLUMNS);
    }
  }

  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description = "Send a test alert now and print its recorded outcome (needs the API token).")
  static final class TestAlert extends ApiCommand {
    @Override
    String run(HubApi api, Table output) throws HubApi.Refused, HubApi.Unreachable {
      return output.render(api.post("/alerts/test", new JsonObject()));
    }
  }
}
