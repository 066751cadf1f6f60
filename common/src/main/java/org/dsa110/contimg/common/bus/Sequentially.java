package org.dsa110.contimg.common.bus;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one asynchronous step per item, each after the previous one (a connection runs one statement
 * at a time).
 */
public final class Sequentially {
  private Sequentially() {}

  public static <T> Future<Void> forEach(List<T> items, Function<T, Future<?>> step) {
    Future<?> chain = Future.succeededFuture();
    for (T item : items) {
      chain = chain.compose(done -> step.apply(item));
    }
    return chain.mapEmpty();
  }
}
