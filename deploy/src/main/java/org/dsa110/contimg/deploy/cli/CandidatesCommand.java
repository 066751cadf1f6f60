package org.dsa110.contimg.deploy.cli;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code candidates list|show|review}: ESE candidates, as an astronomer on duty reads and reviews
 * them.
 */
@Command(
    name = "candidates",
    mixinStandardHelpOptions = true,
    description = "ESE candidates of the running hub.",
    subcommands = {
      CandidatesCommand.ListCandidates.class,
      CandidatesCommand.ShowSource.class,
      CandidatesCommand.Review.class
    })
public final class CandidatesCommand {
  private static final List<String> COLUMNS =
      List.of(
          "id",
          "source_id",
          "status",
          "flag_type",
          "significance",
          "sigma_deviation",
          "n_obs",
          "flagged_at");

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Candidates, strongest first (active ones unless --status says otherwise).")
  static final class ListCandidates extends ApiCommand {
    @Option(names = "--status", description = "active, investigated, dismissed or all")
    String status;

    @Option(names = "--flag-type", description = "variability, rapid_change or user")
    String flagType;

    @Option(names = "--min-significance")
    Double minSignificance;

    @Mixin Paging paging;

    @Override
    String run(HubApi api, Table output) throws HubApi.Refused, HubApi.Unreachable {
      Map<String, Object> query = paging.query();
      query.put("status", status);
      query.put("flag_type", flagType);
      query.put("min_significance", minSignificance);
      return output.render(api.get("/ese/candidates", query), "candidates", COLUMNS);
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "A source's statistics and every candidate it has had.")
  static final class ShowSource extends ApiCommand {
    @Parameters(paramLabel = "SOURCE_ID")
    String sourceId;

    @Override
    String run(HubApi api, Table output) throws HubApi.Refused, HubApi.Unreachable {
      return output.render(api.get("/sources/" + HubApi.segment(sourceId), Map.of()));
    }
  }

  @Command(
      name = "review",
      mixinStandardHelpOptions = true,
      description = "Review a candidate (needs the API token).")
  static final class Review extends ApiCommand {
    @Parameters(paramLabel = "CANDIDATE_ID")
    long id;

    @Option(names = "--status", required = true, description = "active, investigated or dismissed")
    String status;

    @Option(names = "--by", required = true, description = "who reviews")
    String by;

    @Option(names = "--notes")
    String notes;

    @Override
    String run(HubApi api, Table output) throws HubApi.Refused, HubApi.Unreachable {
      JsonObject review = new JsonObject().put("status", status).put("by", by);
      if (notes != null) {
        review.put("notes", notes);
      }
      return output.render(api.patch("/ese/candidates/" + id, review));
    }
  }
}
