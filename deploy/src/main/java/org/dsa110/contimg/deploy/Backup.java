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

/**
 * Copies the hub's databases while it runs: {@code VACUUM INTO} reads one consistent snapshot (WAL lets the
 * owners keep writing) and writes a compact, self-contained file, never a torn copy of a file in use.
 */
final class Backup {
  static final List<String> DATABASES = List.of("ingest.sqlite3", "cal_registry.sqlite3", "products.sqlite3", "catalogs/master_sources.sqlite3");

  private Backup() {
  }

  /** Backs up every database present under stateDir into target (which must not hold them yet); the copies made. */
  static List<Path> run(Path stateDir, Path target) throws IOException, SQLException {
    List<Path> copies = new ArrayList<>();
    for (String name : DATABASES) {
      Path source = stateDir.resolve(name);
      if (!Files.exists(source)) {
        continue;
      }
      Path copy = target.resolve(name);
      if (Files.exists(copy)) {
        throw new IOException(copy + " already exists; back up into an empty folder");
      }
      Files.createDirectories(copy.getParent());
      try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + source.toAbsolutePath() + "?busy_timeout=30000");
           Statement statement = connection.createStatement()) {
        statement.execute("VACUUM INTO '" + copy.toAbsolutePath().toString().replace("'", "''") + "'");
      }
      copies.add(copy);
    }
    return copies;
  }
}
