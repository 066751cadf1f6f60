package org.dsa110.contimg.deploy.legacy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dsa110.contimg.common.store.SchemaCheck;

/**
 * The hub's own files under the state directory, the import's destination. It holds each owner's
 * lock while it writes (the lock file an owner takes at start, so no hub can start on them
 * meanwhile, and the import refuses to run while one does), brings each file to the hub's latest
 * schema and opens one writer connection per file.
 *
 * <p>A dry run writes nothing under the state directory: it works on copies in a temporary folder
 * (VACUUM INTO for files that exist, empty files otherwise) that are deleted afterwards, so its
 * report is exactly the real run's.
 */
final class TargetDatabases implements AutoCloseable {
  private final Path stateDir;
  private final Path workDir;
  private final boolean dryRun;
  private final List<FileChannel> lockChannels = new ArrayList<>();
  private final Map<HubDatabase, Connection> connections = new EnumMap<>(HubDatabase.class);

  private TargetDatabases(Path stateDir, Path workDir, boolean dryRun) {
    this.stateDir = stateDir;
    this.workDir = workDir;
    this.dryRun = dryRun;
  }

  static TargetDatabases open(Path stateDir, LegacySource source, boolean dryRun, int busyTimeoutMs)
      throws IOException, SQLException {
    refuseToOverwriteSource(stateDir, source);
    Path workDir = dryRun ? Files.createTempDirectory("contimg-import-legacy-dry-run") : stateDir;
    TargetDatabases targets = new TargetDatabases(stateDir, workDir, dryRun);
    try {
      for (HubDatabase database : HubDatabase.values()) {
        targets.lock(database);
      }
      for (HubDatabase database : HubDatabase.values()) {
        targets.prepare(database, busyTimeoutMs);
      }
      return targets;
    } catch (IOException | SQLException | RuntimeException e) {
      targets.close();
      throw e;
    }
  }

  Path stateDir() {
    return stateDir;
  }

  Connection connection(HubDatabase database) {
    return connections.get(database);
  }

  Path file(HubDatabase database) {
    return stateDir.resolve(database.relativePath());
  }

  /**
   * Importing a folder into itself would overwrite the pipeline's files with the hub's; SOURCE is
   * never modified.
   */
  private static void refuseToOverwriteSource(Path stateDir, LegacySource source)
      throws IOException {
    for (SourceDatabase db : source.databases()) {
      for (HubDatabase database : HubDatabase.values()) {
        Path target = stateDir.resolve(database.relativePath());
        if (Files.exists(target) && Files.isSameFile(target, db.file())) {
          throw new ImportRefused(
              "SOURCE file "
                  + db.file()
                  + " is the hub's own "
                  + database.relativePath()
                  + " under CONTIMG_STATE_DIR "
                  + stateDir
                  + ": SOURCE is never modified, so import into another state folder (set CONTIMG_STATE_DIR)");
        }
      }
    }
  }

  /**
   * Takes the owner's lock (the file beside the database that OwnerLock locks). A dry run only
   * checks it: it creates nothing, and a lock file nobody holds is free.
   */
  private void lock(HubDatabase database) throws IOException {
    Path file = file(database);
    Path lockFile = file.toAbsolutePath().resolveSibling(file.getFileName() + ".owner-lock");
    if (dryRun && !Files.exists(lockFile)) {
      return;
    }
    if (!dryRun) {
      Files.createDirectories(lockFile.getParent());
    }
    FileChannel channel =
        dryRun
            ? FileChannel.open(lockFile, StandardOpenOption.WRITE)
            : FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new ImportRefused(
          "a hub owns "
              + file
              + " ("
              + lockFile
              + " is locked): stop it (or the owner of that database) before importing");
    }
    if (dryRun) {
      lock.release();
      channel.close();
    } else {
      lockChannels.add(channel);
    }
  }

  /**
   * A file already there must be the hub's own (an earlier import, or a hub's); the import then
   * adds to it.
   */
  private void prepare(HubDatabase database, int busyTimeoutMs) throws IOException, SQLException {
    Path existing = file(database);
    Path target = workDir.resolve(database.relativePath());
    if (Files.exists(existing)) {
      List<String> differences = SchemaCheck.differences(existing, database.migrations());
      if (!differences.isEmpty()) {
        throw new ImportRefused(
            "the state folder already holds "
                + existing
                + ", which is not in the hub's layout ("
                + String.join("; ", differences)
                + "): import into an empty CONTIMG_STATE_DIR");
      }
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    if (dryRun && Files.exists(existing)) {
      try (Connection copy =
              DriverManager.getConnection(
                  "jdbc:sqlite:" + existing.toAbsolutePath() + "?busy_timeout=" + busyTimeoutMs);
          Statement statement = copy.createStatement()) {
        statement.execute(
            "VACUUM INTO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
      }
    }
    Connection connection =
        DriverManager.getConnection(
            "jdbc:sqlite:"
                + target.toAbsolutePath()
                + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout="
                + busyTimeoutMs
                + "&foreign_keys=on");
    connections.put(database, connection);
    migrate(connection, database);
  }

  /**
   * The owner's schema steps not yet applied, each in its own transaction, as the owner applies
   * them at start.
   */
  private static void migrate(Connection connection, HubDatabase database) throws SQLException {
    int current;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
      current = rs.next() ? rs.getInt(1) : 0;
    }
    for (int version = current + 1; version <= database.migrations().latestVersion(); version++) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("BEGIN IMMEDIATE");
        try {
          for (String sql : database.migrations().step(version)) {
            statement.execute(sql);
          }
          statement.execute("PRAGMA user_version = " + version);
          statement.execute("COMMIT");
        } catch (SQLException e) {
          statement.execute("ROLLBACK");
          throw e;
        }
      }
    }
  }

  @Override
  public void close() {
    for (Connection connection : connections.values()) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // every write was committed or rolled back before this
      }
    }
    for (FileChannel channel : lockChannels) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing the channel releases its lock
      }
    }
    if (dryRun) {
      deleteRecursively(workDir);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless
    }
  }
}
