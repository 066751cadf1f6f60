package org.dsa110.contimg.products;

import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** A WHERE clause built from the filters a request gave, with its arguments in order. */
final class Where {
  private final List<String> conditions = new ArrayList<>();
  private final List<Object> arguments = new ArrayList<>();

  Where add(String condition, Object... values) {
    conditions.add(condition);
    arguments.addAll(List.of(values));
    return this;
  }

  Where addIf(boolean present, String condition, Object... values) {
    return present ? add(condition, values) : this;
  }

  String sql() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  Tuple arguments(Object... more) {
    List<Object> all = new ArrayList<>(arguments);
    all.addAll(List.of(more));
    return Tuple.from(all);
  }
}
