package org.dsa110.contimg.common.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.dsa110.contimg.common.bus.HubException;

/**
 * A few reader threads, each with a read-only connection of its own and its prepared statements
 * kept: a read runs its statements one after the other on one thread, in one snapshot (a deferred
 * transaction), with no thread hop per statement. WAL lets them read beside the writer.
 */
final class SqliteReaders {
  private final Vertx vertx;
  private final StoreOptions options;
  private final ExecutorService threads;
  private final ThreadLocal<Tx> connection = new ThreadLocal<>();
  private final ConcurrentLinkedQueue<Tx> opened = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Connection> connections = new ConcurrentLinkedQueue<>();

  SqliteReaders(Vertx vertx, StoreOptions options) {
    this.vertx = vertx;
    this.options = options;
    AtomicInteger count = new AtomicInteger();
    String name = options.file().getFileName().toString();
    this.threads =
        Executors.newFixedThreadPool(
            options.readers(),
            work -> {
              Thread thread =
                  new Thread(work, "sqlite-reader-" + name + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  <T> Future<T> submit(Function<Tx, T> work) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    try {
      threads.execute(
          () -> {
            try {
              T result = read(work);
              context.runOnContext(v -> promise.complete(result));
            } catch (Throwable e) {
              Throwable translated = SqliteErrors.classify(e).map(Throwable.class::cast).orElse(e);
              context.runOnContext(v -> promise.fail(translated));
            }
          });
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(
          HubException.unavailable(options.file().getFileName() + " is closing"));
    }
    return promise.future();
  }

  private <T> T read(Function<Tx, T> work) throws SQLException {
    Tx tx = connection.get();
    if (tx == null) {
      Connection opened = DriverManager.getConnection(options.readerUrl());
      connections.add(opened);
      tx = new Tx(opened);
      // readers never write: SQLite itself refuses it on this connection, whatever a bug tries
      tx.execute("PRAGMA query_only = 1");
      this.opened.add(tx);
      connection.set(tx);
    }
    tx.execute("BEGIN");
    try {
      return work.apply(tx);
    } finally {
      tx.execute("COMMIT");
    }
  }

  void close() {
    threads.shutdown();
    try {
      threads.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    opened.forEach(Tx::close);
    for (Connection c : List.copyOf(connections)) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // the file is released when the process ends anyway
      }
    }
  }
}
