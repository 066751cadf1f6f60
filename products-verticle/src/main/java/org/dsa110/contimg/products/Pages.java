package org.dsa110.contimg.products;

import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import org.dsa110.contimg.common.bus.Fields;

/** Paging of list queries: limit (1-1000, default 100) and offset. */
record Pages(int limit, int offset) {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  static Pages of(Fields fields) {
    return new Pages(fields.intOrDefault("limit", DEFAULT_LIMIT, 1, MAX_LIMIT), fields.intOrDefault("offset", 0, 0, Integer.MAX_VALUE));
  }

  static JsonArray rows(RowSet<Row> rows) {
    JsonArray array = new JsonArray();
    rows.forEach(row -> array.add(row.toJson()));
    return array;
  }
}
