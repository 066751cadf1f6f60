package org.dsa110.contimg.deploy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.dsa110.contimg.common.config.ConfigException;
import org.dsa110.contimg.common.config.HubConfig;
import org.dsa110.contimg.common.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code backup DIR}: consistent copies of every database under the state directory, safe while the
 * hub runs.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description =
        "Copy every database under the state directory into DIR (VACUUM INTO: consistent and safe while the hub runs).")
final class BackupCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "an empty (or new) folder")
  Path target;

  /** 0 when every database was copied; 1, with one line saying why, when nothing was. */
  @Override
  public Integer call() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject config = HubConfig.load(vertx, System.getenv()).await(60, TimeUnit.SECONDS);
      Path stateDir = new Settings(config).stateDir();
      List<Path> copies = Backup.run(stateDir, target);
      copies.forEach(copy -> System.out.println("backed up " + copy));
      System.out.printf("%d database(s) from %s copied to %s%n", copies.size(), stateDir, target);
      return 0;
    } catch (Backup.Refused | ConfigException | java.io.IOException | java.sql.SQLException e) {
      // one line, not a stack trace: the operator reads this in a timer's journal
      System.err.println(
          "cannot back up: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    } finally {
      vertx.close().await();
    }
  }
}
