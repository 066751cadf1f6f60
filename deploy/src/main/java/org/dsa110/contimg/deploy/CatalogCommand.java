package org.dsa110.contimg.deploy;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.dsa110.contimg.catalog.CatalogVerticle;
import org.dsa110.contimg.catalog.SyntheticCatalog;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.config.HubConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code catalog import FILE} and {@code catalog generate FILE}: the master sources catalogue from
 * the command line.
 */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = "Load or generate the master sources catalogue.",
    subcommands = {CatalogCommand.Import.class, CatalogCommand.Generate.class})
final class CatalogCommand {

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Load a crossmatched catalogue CSV into catalogs/master_sources.sqlite3 under the state directory "
              + "(the same code path as the catalog.import bus address). Stop the hub first: one owner per database.")
  static final class Import implements Callable<Integer> {
    private static final long IMPORT_TIMEOUT_MS = TimeUnit.HOURS.toMillis(2);

    @Parameters(paramLabel = "FILE", description = "CSV with a header of the seed's column names")
    Path file;

    @Option(
        names = "--mode",
        defaultValue = "strict",
        description = "strict (any bad row: nothing imported) or skip (load the rest)")
    String mode;

    @Override
    public Integer call() throws Exception {
      Vertx vertx = Vertx.vertx();
      PrintStream out = System.out;
      boolean terminal = System.console() != null;
      try {
        JsonObject config = HubConfig.load(vertx, System.getenv()).await(60, TimeUnit.SECONDS);
        vertx
            .deployVerticle(new CatalogVerticle(), new DeploymentOptions().setConfig(config))
            .await(60, TimeUnit.SECONDS);
        ProgressBar bar = new ProgressBar(out, terminal);
        vertx
            .eventBus()
            .<JsonObject>consumer(
                Addresses.EVENTS_CATALOG,
                message -> {
                  if ("progress".equals(message.body().getString("type"))) {
                    bar.show(message.body().getLong("loaded"), message.body().getLong("total"));
                  }
                });
        JsonObject request =
            new JsonObject()
                .put("path", file.toAbsolutePath().toString())
                .put("format", "csv")
                .put("mode", mode);
        JsonObject summary =
            vertx
                .eventBus()
                .<JsonObject>request(
                    Addresses.CATALOG_IMPORT,
                    request,
                    new DeliveryOptions().setSendTimeout(IMPORT_TIMEOUT_MS))
                .map(Message::body)
                .await();
        bar.finish();
        out.printf(
            "loaded %d of %d rows in %.1f s (%d skipped)%n",
            summary.getLong("loaded"),
            summary.getLong("rows"),
            summary.getDouble("seconds"),
            summary.getLong("skipped"));
        summary
            .getJsonArray("errors")
            .forEach(
                error ->
                    out.println(
                        "  line "
                            + ((JsonObject) error).getLong("line")
                            + ": "
                            + ((JsonObject) error).getString("error")));
        return 0;
      } catch (ReplyException e) {
        System.err.println("import refused (" + e.failureCode() + "): " + e.getMessage());
        return 1;
      } finally {
        vertx.close().await();
      }
    }
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = "Write a synthetic catalogue CSV (for tests, benchmarks, demos).")
  static final class Generate implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "where to write the CSV")
    Path file;

    @Option(names = "--rows", defaultValue = "100000", description = "how many sources")
    long rows;

    @Option(
        names = "--seed",
        defaultValue = "110",
        description = "random seed (the same seed writes the same file)")
    long seed;

    @Override
    public Integer call() throws Exception {
      SyntheticCatalog.write(file, rows, seed);
      System.out.printf("wrote %d sources to %s%n", rows, file);
      return 0;
    }
  }

  /** A bar redrawn in place on a terminal; a line per tenth elsewhere (logs, pipes). */
  private static final class ProgressBar {
    private static final int WIDTH = 40;
    private final PrintStream out;
    private final boolean terminal;
    private long lastTenth = -1;

    ProgressBar(PrintStream out, boolean terminal) {
      this.out = out;
      this.terminal = terminal;
    }

    void show(long loaded, long total) {
      double fraction = total == 0 ? 1 : (double) loaded / total;
      if (terminal) {
        int filled = (int) (fraction * WIDTH);
        out.printf(
            "\r[%s%s] %3.0f%% %d/%d",
            "#".repeat(filled), " ".repeat(WIDTH - filled), fraction * 100, loaded, total);
      } else if ((long) (fraction * 10) > lastTenth) {
        lastTenth = (long) (fraction * 10);
        out.printf("%3.0f%% %d/%d%n", fraction * 100, loaded, total);
      }
    }

    void finish() {
      if (terminal) {
        out.println();
      }
    }
  }
}
