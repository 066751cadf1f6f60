package org.dsa110.contimg.common.store;

import java.sql.SQLException;

/**
 * A statement SQLite refused, with the statement; the store turns it into the bus contract's code.
 */
public final class StoreException extends RuntimeException {
  public StoreException(String sql, SQLException cause) {
    super(
        cause.getMessage()
            + " (in: "
            + (sql.length() > 200 ? sql.substring(0, 200) + "..." : sql)
            + ")",
        cause);
  }
}
