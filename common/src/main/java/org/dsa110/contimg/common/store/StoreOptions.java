package org.dsa110.contimg.common.store;

import java.nio.file.Path;

/**
 * Where a database lives and how it is opened.
 *
 * @param file the SQLite file (its folder is created when missing)
 * @param migrations the schema steps applied on open
 * @param readers reader threads (each with its own connection); writes always go through the one
 *     writer
 * @param busyTimeoutMs how long SQLite retries a locked database before the request is answered 503
 * @param maxPendingWrites writes that may wait for the writer; past it a write is refused with 503
 * @param maxGroup most writes committed together (group commit)
 * @param synchronous the writer's synchronous pragma: FULL (an acknowledged write survives power
 *     loss) or NORMAL
 */
public record StoreOptions(
    Path file,
    Migrations migrations,
    int readers,
    int busyTimeoutMs,
    int maxPendingWrites,
    int maxGroup,
    String synchronous) {

  /** The defaults an owner uses: FULL durability, 64 writes per group. */
  public StoreOptions(Path file, Migrations migrations, int readers, int busyTimeoutMs) {
    this(file, migrations, readers, busyTimeoutMs, 200, 64, "FULL");
  }

  /**
   * Pragmas travel in the URL, so the connection has them from its first statement. No
   * transaction_mode here: the writer issues BEGIN IMMEDIATE itself.
   */
  String writerUrl() {
    return url() + "&synchronous=" + synchronous;
  }

  /** Readers run PRAGMA query_only when they open (sqlite-jdbc's URL does not know that pragma). */
  String readerUrl() {
    return url();
  }

  private String url() {
    return "jdbc:sqlite:"
        + file.toAbsolutePath()
        + "?journal_mode=WAL&busy_timeout="
        + busyTimeoutMs
        + "&foreign_keys=on";
  }
}
