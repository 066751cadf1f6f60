package org.dsa110.contimg.common.store;

import io.vertx.core.json.JsonArray;
import java.util.List;
import org.dsa110.contimg.common.bus.Fields;

/** Paging of list queries: {@code limit} (1 to a maximum, with a default) and {@code offset}. */
public record Pages(int limit, int offset) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  /** limit 1-1000 (default 100). */
  public static Pages of(Fields fields) {
    return of(fields, DEFAULT_LIMIT, MAX_LIMIT);
  }

  public static Pages of(Fields fields, int defaultLimit, int maxLimit) {
    return new Pages(
        fields.intOrDefault("limit", defaultLimit, 1, maxLimit),
        fields.intOrDefault("offset", 0, 0, Integer.MAX_VALUE));
  }

  public static JsonArray rows(List<DbRow> rows) {
    JsonArray array = new JsonArray();
    rows.forEach(row -> array.add(row.toJson()));
    return array;
  }
}
