package org.dsa110.contimg.deploy.legacy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.dsa110.contimg.common.config.ConfigException;
import org.dsa110.contimg.common.config.HubConfig;
import org.dsa110.contimg.common.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code import-legacy SOURCE [--dry-run] [--skip-bad]}: adopts the existing pipeline's databases
 * into the hub's files under the state directory. Exit status: 0 imported, 1 rows were skipped
 * (without --skip-bad), 2 refused.
 */
@Command(
    name = "import-legacy",
    mixinStandardHelpOptions = true,
    description =
        "Import the existing pipeline's databases (the four-file layouts of October and November 2025, or the unified "
            + "pipeline.sqlite3 of December 2025) into the hub's files under CONTIMG_STATE_DIR. SOURCE is never modified. Stop the hub first.")
public final class ImportLegacyCommand implements Callable<Integer> {
  static final int SKIPPED_ROWS = 1;
  static final int REFUSED = 2;

  @Parameters(
      paramLabel = "SOURCE",
      description =
          "a folder holding the pipeline's files (its state/ folder), or its pipeline.sqlite3")
  Path source;

  @Option(names = "--dry-run", description = "report what would be imported; write nothing")
  boolean dryRun;

  @Option(
      names = "--skip-bad",
      description = "exit 0 even when rows had to be skipped (they are still reported)")
  boolean skipBad;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Settings settings;
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject config = HubConfig.load(vertx, System.getenv()).await(60, TimeUnit.SECONDS);
      settings = new Settings(config);
    } catch (Exception e) {
      System.err.println(
          "import-legacy refused: "
              + (e instanceof ConfigException ? e.getMessage() : e.toString()));
      return REFUSED;
    } finally {
      vertx.close().await();
    }
    LegacyImport.Result result;
    try {
      result =
          LegacyImport.run(
              source,
              settings.stateDir(),
              dryRun,
              settings.integer("sqlite.busy_timeout_ms", 0, 600_000),
              out,
              System.console() != null);
    } catch (ImportRefused e) {
      System.err.println("import-legacy refused: " + e.getMessage());
      return REFUSED;
    } catch (SQLException | IOException e) {
      System.err.println(
          "import-legacy stopped: "
              + e.getMessage()
              + " (what was committed stays; running it again continues)");
      return REFUSED;
    }
    result.report().print(out);
    if (dryRun) {
      out.println("dry run: nothing was written");
    }
    if (result.skipped() > 0) {
      out.println(
          result.skipped()
              + " row(s) skipped, each with its reason above"
              + (skipBad
                  ? " (--skip-bad: accepted)"
                  : "; run again with --skip-bad to accept them (what was imported stays, and a second run adds nothing)"));
      return skipBad ? 0 : SKIPPED_ROWS;
    }
    return 0;
  }
}
