package org.dsa110.contimg.common.store;

import java.util.Optional;
import org.dsa110.contimg.common.bus.HubException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns SQLite's own failures into contract codes: contention and a read-only file are 503,
 * constraints 409.
 */
public final class SqliteErrors {
  private static final int PRIMARY_CODE_MASK = 0xff;

  private SqliteErrors() {}

  public static Optional<HubException> classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException sqlite) {
        return Optional.ofNullable(
            fromCode(sqlite.getResultCode().code & PRIMARY_CODE_MASK, sqlite.getMessage()));
      }
    }
    return Optional.empty();
  }

  private static HubException fromCode(int primaryCode, String message) {
    if (primaryCode == SQLiteErrorCode.SQLITE_BUSY.code
        || primaryCode == SQLiteErrorCode.SQLITE_LOCKED.code) {
      return HubException.unavailable("database busy, try again: " + message);
    }
    if (primaryCode == SQLiteErrorCode.SQLITE_READONLY.code
        || primaryCode == SQLiteErrorCode.SQLITE_CANTOPEN.code
        || primaryCode == SQLiteErrorCode.SQLITE_FULL.code
        || primaryCode == SQLiteErrorCode.SQLITE_IOERR.code) {
      return HubException.unavailable("database not writable: " + message);
    }
    if (primaryCode == SQLiteErrorCode.SQLITE_CONSTRAINT.code) {
      return HubException.conflict("constraint violated: " + message);
    }
    return null;
  }
}
