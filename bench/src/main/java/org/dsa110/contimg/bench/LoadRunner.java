package org.dsa110.contimg.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Keeps {@code concurrency} requests in flight until {@code total} have completed, recording each
 * one's latency. A failed request fails the run: a benchmark of errors measures nothing.
 */
final class LoadRunner {
  private LoadRunner() {}

  static Future<Figures> run(
      String operation, String unit, int total, int concurrency, IntFunction<Future<?>> request) {
    long[] latencies = new long[total];
    AtomicInteger started = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    Promise<Figures> done = Promise.promise();
    long begin = System.nanoTime();
    Runnable[] next = new Runnable[1];
    next[0] =
        () -> {
          int i = started.getAndIncrement();
          if (i >= total) {
            return;
          }
          long t0 = System.nanoTime();
          request
              .apply(i)
              .onComplete(
                  ar -> {
                    if (ar.failed()) {
                      done.tryFail(
                          new IllegalStateException(
                              operation + " request " + i + " failed: " + ar.cause().getMessage(),
                              ar.cause()));
                      return;
                    }
                    latencies[i] = System.nanoTime() - t0;
                    if (finished.incrementAndGet() == total) {
                      done.tryComplete(
                          Figures.of(
                              operation, latencies, (System.nanoTime() - begin) / 1e9, unit));
                    } else {
                      next[0].run();
                    }
                  });
        };
    for (int c = 0; c < Math.min(concurrency, total); c++) {
      next[0].run();
    }
    return done.future();
  }
}
