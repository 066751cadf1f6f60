package org.dsa110.contimg.common.store;

import io.vertx.jdbcclient.impl.actions.JDBCColumnDescriptor;
import io.vertx.jdbcclient.impl.actions.SQLValueProvider;
import io.vertx.jdbcclient.spi.JDBCDecoderImpl;

import java.sql.SQLException;

/**
 * Reads SQLite numbers at their real width. sqlite-jdbc reports a REAL column as JDBC REAL and an INTEGER
 * column as JDBC INTEGER, which the stock decoder reads as Java float and int: a Unix timestamp such as
 * 1760929200.5 came back as 1760929152.0, and a file size over 2 GiB would wrap. SQLite stores REAL as an
 * 8-byte double and INTEGER as an 8-byte integer, so they are read as Double and Long. The value is
 * fetched as whatever SQLite holds (a null class asks the driver for its own choice; a column's affinity does
 * not bind what a row stores) and widened.
 */
public class SqliteDecoder extends JDBCDecoderImpl {

  @Override
  protected Object decodeNumber(SQLValueProvider valueProvider, JDBCColumnDescriptor descriptor) throws SQLException {
    return switch (descriptor.jdbcType()) {
      case REAL, FLOAT, DOUBLE, NUMERIC, DECIMAL -> widen(valueProvider.apply(null), true);
      case TINYINT, SMALLINT, INTEGER, BIGINT -> widen(valueProvider.apply(null), false);
      default -> super.decodeNumber(valueProvider, descriptor);
    };
  }

  private static Object widen(Object stored, boolean real) {
    if (!(stored instanceof Number number)) {
      return stored;
    }
    if (real || stored instanceof Double || stored instanceof Float) {
      return number.doubleValue();
    }
    return number.longValue();
  }
}
