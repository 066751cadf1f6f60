package org.dsa110.contimg.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies the hub's databases while it runs: {@code VACUUM INTO} reads one consistent snapshot (WAL
 * lets the owners keep writing) and writes a compact, self-contained file, never a torn copy of a
 * file in use.
 */
final class Backup {
  static final List<String> DATABASES =
      List.of(
          "ingest.sqlite3",
          "cal_registry.sqlite3",
          "products.sqlite3",
          "catalogs/master_sources.sqlite3");

  private Backup() {}

  /** Why a backup was not taken: said in one line, and nothing was copied. */
  static final class Refused extends Exception {
    Refused(String reason) {
      super(reason);
    }
  }

  /**
   * Backs up every database present under stateDir into target, a new or empty folder; the copies
   * made. Nothing to copy, or a target that holds anything, is refused before a file is written: an
   * operator once read "0 database(s) copied" with exit status 0 from a folder without the state
   * directory.
   */
  static List<Path> run(Path stateDir, Path target) throws IOException, SQLException, Refused {
    List<String> present =
        DATABASES.stream().filter(name -> Files.exists(stateDir.resolve(name))).toList();
    if (present.isEmpty()) {
      throw new Refused(
          "no database under "
              + stateDir.toAbsolutePath()
              + " (CONTIMG_STATE_DIR): nothing to back up");
    }
    if (Files.exists(target) && (!Files.isDirectory(target) || hasEntries(target))) {
      throw new Refused(
          target.toAbsolutePath()
              + " already exists and is not an empty folder; back up into a new one");
    }
    List<Path> copies = new ArrayList<>();
    for (String name : present) {
      Path source = stateDir.resolve(name);
      Path copy = target.resolve(name);
      Files.createDirectories(copy.getParent());
      try (Connection connection =
              DriverManager.getConnection(
                  "jdbc:sqlite:" + source.toAbsolutePath() + "?busy_timeout=30000");
          Statement statement = connection.createStatement()) {
        statement.execute(
            "VACUUM INTO '" + copy.toAbsolutePath().toString().replace("'", "''") + "'");
      }
      copies.add(copy);
    }
    return copies;
  }

  private static boolean hasEntries(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isPresent();
    }
  }
}
