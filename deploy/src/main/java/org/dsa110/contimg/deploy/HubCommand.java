package org.dsa110.contimg.deploy;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.dsa110.contimg.common.config.BuildInfo;
import org.dsa110.contimg.common.config.ConfigException;
import org.dsa110.contimg.common.config.HubConfig;
import org.dsa110.contimg.common.config.Settings;
import org.dsa110.contimg.deploy.cli.AlertsCommand;
import org.dsa110.contimg.deploy.cli.CandidatesCommand;
import org.dsa110.contimg.deploy.cli.QueueCommand;
import org.dsa110.contimg.deploy.legacy.ImportLegacyCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar contimg-hub.jar [--verticles a,b]}: starts the hub and keeps running until
 * stopped; sub-commands for the catalogue.
 */
@Command(
    name = "contimg-hub",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "State and event hub of the DSA-110 continuum imaging pipeline.",
    subcommands = {
      CatalogCommand.class,
      BackupCommand.class,
      ImportLegacyCommand.class,
      ConfigCommand.class,
      QueueCommand.class,
      CandidatesCommand.class,
      AlertsCommand.class,
      VersionCommand.class,
      CompletionCommand.class
    })
public final class HubCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(HubCommand.class);
  private static final int START_TIMEOUT_SECONDS = 120;

  @Option(
      names = "--demo",
      description =
          "Also run a demo telescope that feeds the hub through the TCP bridge (see README); "
              + "the same as CONTIMG_DEMO_ENABLED=true.")
  private boolean demo;

  @Option(
      names = "--cluster",
      description =
          "Join the clustered event bus (Hazelcast; members, interface and port from CONTIMG_CLUSTER_*).")
  private boolean cluster;

  @Option(
      names = "--verticles",
      split = ",",
      paramLabel = "ROLE",
      description =
          "Which verticles this JVM runs: ingest, calibration, products, catalog, alerts, gateway (default: all).")
  private List<String> verticles = Arrays.stream(Role.values()).map(Role::displayName).toList();

  private Vertx vertx;

  /**
   * The command line as operators (and the tests) run it: {@code --output JSON} as good as {@code
   * --output json}.
   */
  static CommandLine commandLine() {
    return new CommandLine(new HubCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  public static void main(String[] args) {
    int exitCode = commandLine().execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  @Override
  public Integer call() throws Exception {
    List<Role> roles = new ArrayList<>();
    for (String name : verticles) {
      roles.add(
          Role.byName(name)
              .orElseThrow(
                  () ->
                      new CommandLine.ParameterException(
                          new CommandLine(this),
                          "--verticles: unknown verticle '"
                              + name
                              + "' (known: "
                              + Arrays.stream(Role.values()).map(Role::displayName).toList()
                              + ")")));
    }
    String logFormat = System.getenv().getOrDefault("CONTIMG_LOG_FORMAT", "text");
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      // logback has no appender by that name, so this is the one line that can still be read
      System.err.println(
          "cannot start: CONTIMG_LOG_FORMAT must be text or json, got '" + logFormat + "'");
      return 2;
    }
    Vertx loader = Vertx.vertx();
    JsonObject config;
    try {
      config =
          HubConfig.load(loader, System.getenv()).await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.error("cannot start: {}", startFailure(e));
      return 2;
    } finally {
      loader.close().await();
    }
    try {
      vertx =
          cluster
              ? HubVertx.createClustered(new Settings(config))
                  .await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)
              : HubVertx.create();
    } catch (Exception e) {
      LOG.error("cannot join the cluster: {}", startFailure(e));
      return 2;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "contimg-hub-shutdown"));
    boolean runDemo = demo || new Settings(config).bool("demo.enabled");
    if (runDemo) {
      DemoTelescope.adjust(config);
    }
    try {
      Hub.deploy(vertx, config, roles.stream().sorted().toList())
          .await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!roles.contains(Role.GATEWAY)) {
        // a node of owners alone can still be probed and scraped
        vertx
            .deployVerticle(new NodeEndpoints(), new DeploymentOptions().setConfig(config))
            .await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
      if (runDemo) {
        vertx
            .deployVerticle(new DemoTelescope(), new DeploymentOptions().setConfig(config))
            .await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
      LOG.info(
          "contimg-hub running {} with state in {}{}, version {}",
          roles.stream().map(Role::displayName).toList(),
          config.getString("state_dir"),
          cluster ? " (clustered)" : "",
          BuildInfo.version());
      return 0;
    } catch (Exception e) {
      LOG.error("cannot start: {}", startFailure(e));
      vertx.close().await();
      return 2;
    }
  }

  /**
   * SIGTERM (systemctl stop): the listeners close, each owner's writer finishes the writes it has
   * queued and closes its database, and the operator reads both ends of it in the journal. The JVM
   * then exits 143, which the unit counts as success.
   */
  private void stop() {
    long started = System.nanoTime();
    LOG.info(
        "stopping: closing the listeners, then each owner writes what it has queued and closes its database");
    try {
      vertx.close().await(30, TimeUnit.SECONDS);
      LOG.info("stopped cleanly in {} ms", (System.nanoTime() - started) / 1_000_000);
    } catch (Exception e) {
      LOG.warn("stop did not finish cleanly: {}", startFailure(e));
    }
  }

  /** A configuration mistake is told in its own words; anything else by its type and message. */
  private static String startFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConfigException) {
        return t.getMessage();
      }
    }
    return failure.toString();
  }
}
