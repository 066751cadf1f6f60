package org.dsa110.contimg.deploy.cli;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code queue list|show|retry}: the observation groups of the running hub. */
@Command(
    name = "queue",
    mixinStandardHelpOptions = true,
    description = "Observation groups of the running hub.",
    subcommands = {
      QueueCommand.ListGroups.class,
      QueueCommand.ShowGroup.class,
      QueueCommand.RetryGroup.class
    })
public final class QueueCommand {
  private static final List<String> COLUMNS =
      List.of("group_id", "state", "received_at", "last_update", "retry_count", "error_message");

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Groups, newest first.")
  static final class ListGroups extends ApiCommand {
    @Option(
        names = "--state",
        description = "collecting, pending, in_progress, completed or failed")
    String state;

    @Mixin Paging paging;

    @Override
    String run(HubApi api, Table output) throws HubApi.Refused, HubApi.Unreachable {
      Map<String, Object> query = paging.query();
      query.put("state", state);
      return output.render(api.get("/queue", query), "groups", COLUMNS);
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "One group with its subband files, metrics and worker.")
  static final class ShowGroup extends ApiCommand {
    @Parameters(paramLabel = "GROUP_ID")
    String groupId;

    @Override
    String run(HubApi api, Table output) throws HubApi.Refused, HubApi.Unreachable {
      return output.render(api.get("/queue/" + HubApi.segment(groupId), Map.of()));
    }
  }

  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description = "Put a failed group back to pending (needs the API token).")
  static final class RetryGroup extends ApiCommand {
    @Parameters(paramLabel = "GROUP_ID")
    String groupId;

    @Override
    String run(HubApi api, Table output) throws HubApi.Refused, HubApi.Unreachable {
      return output.render(
          api.post("/queue/" + HubApi.segment(groupId) + "/retry", new JsonObject()));
    }
  }
}
