package org.dsa110.contimg.common.store;

import java.nio.file.Path;

/**
 * Where a database lives and how it is opened.
 *
 * @param file          the SQLite file (its folder is created when missing)
 * @param migrations    the schema steps applied on open
 * @param readers       size of the reader pool; writes always go through a single connection
 * @param busyTimeoutMs how long SQLite retries a locked database before the request is answered 503
 */
public record StoreOptions(Path file, Migrations migrations, int readers, int busyTimeoutMs) {

  /**
   * Pragmas travel in the URL so every pooled connection gets them; a PRAGMA statement would reach one.
   * No transaction_mode here: {@link SqliteStore#write} issues BEGIN IMMEDIATE itself.
   */
  public String jdbcUrl() {
    return "jdbc:sqlite:" + file.toAbsolutePath()
        + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=" + busyTimeoutMs + "&foreign_keys=on";
  }
}
