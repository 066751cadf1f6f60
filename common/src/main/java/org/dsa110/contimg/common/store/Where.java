package org.dsa110.contimg.common.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A WHERE clause built from the filters a request gave, with its arguments in order. */
public final class Where {
  private final List<String> conditions = new ArrayList<>();
  private final List<Object> arguments = new ArrayList<>();

  public Where add(String condition, Object... values) {
    conditions.add(condition);
    arguments.addAll(Arrays.asList(values));
    return this;
  }

  public Where addIf(boolean present, String condition, Object... values) {
    return present ? add(condition, values) : this;
  }

  /** The condition with its one argument, when the request gave that filter. */
  public Where addIfPresent(Optional<?> value, String condition) {
    return value.isPresent() ? add(condition, value.get()) : this;
  }

  public String sql() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /** The filter's arguments followed by {@code more} (typically the page's limit and offset). */
  public Object[] arguments(Object... more) {
    List<Object> all = new ArrayList<>(arguments);
    all.addAll(Arrays.asList(more));
    return all.toArray();
  }
}
