package org.dsa110.contimg.common.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.dsa110.contimg.common.bus.HubException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a database: a thread of its own holding the only write connection, running the
 * owners' write handlers as plain sequential code ({@link Tx}), with their prepared statements kept
 * for the connection's life.
 *
 * <p>Group commit: the requests that queued while the previous group was being written are applied
 * in one transaction, each inside a SAVEPOINT of its own, so a failing request rolls back alone and
 * gets its own error while the others go on; one COMMIT (one fsync with synchronous=FULL) then
 * acknowledges them all, and only then are their futures completed. BEGIN IMMEDIATE and COMMIT are
 * SQL (sqlite-jdbc's transaction_mode=IMMEDIATE re-opens a transaction after each JDBC commit and
 * keeps the file locked); between groups no transaction is open, so other processes can take the
 * write lock.
 *
 * <p>Back-pressure by construction: the queue holds at most max_pending requests; one more is
 * refused at once with 503 rather than queued without bound.
 */
public final class SqliteWriter {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);

  private final Vertx vertx;
  private final String name;
  private final Connection connection;
  private final Tx tx;
  private final BlockingQueue<Job<?>> queue;
  private final int maxGroup;
  private final Thread thread;
  private volatile boolean closing;
  private final AtomicLong groups = new AtomicLong();

  private record Job<T>(Function<Tx, T> work, Promise<T> promise, Context context) {}

  public SqliteWriter(Vertx vertx, StoreOptions options) throws SQLException {
    this.vertx = vertx;
    this.name = options.file().getFileName().toString();
    this.connection = DriverManager.getConnection(options.writerUrl());
    this.tx = new Tx(connection);
    this.queue = new ArrayBlockingQueue<>(options.maxPendingWrites());
    this.maxGroup = options.maxGroup();
    this.thread = new Thread(this::loop, "sqlite-writer-" + name);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * Queues work for the writer; its result once the group it ran in has committed (503 when the
   * queue is full).
   */
  public <T> Future<T> submit(Function<Tx, T> work) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    if (closing) {
      return Future.failedFuture(HubException.unavailable(name + " is closing"));
    }
    if (!queue.offer(new Job<>(work, promise, context))) {
      return Future.failedFuture(
          HubException.unavailable(
              name + " is overloaded: " + queue.size() + " writes are waiting; try again shortly"));
    }
    return promise.future();
  }

  /** How many groups have been committed (for metrics and tests). */
  public long groupsCommitted() {
    return groups.get();
  }

  /** How many writes are waiting now (for metrics and tests). */
  public int waiting() {
    return queue.size();
  }

  /** Finishes what is queued, then closes the connection. */
  public void close() {
    closing = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tx.close();
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("{}: closing the writer connection: {}", name, e.getMessage());
    }
  }

  private void loop() {
    List<Job<?>> group = new ArrayList<>();
    while (true) {
      try {
        Job<?> first = closing ? queue.poll() : queue.take();
        if (first == null) {
          return;
        }
        group.add(first);
        queue.drainTo(group, maxGroup - 1);
        commit(group);
      } catch (InterruptedException e) {
        if (!closing) {
          Thread.currentThread().interrupt();
          return;
        }
      } finally {
        group.clear();
      }
    }
  }

  /**
   * Applies a group in one transaction, each request in its own savepoint; answers each once the
   * group has committed.
   */
  private void commit(List<Job<?>> group) {
    List<Object> results = new ArrayList<>(group.size());
    List<Throwable> failures = new ArrayList<>(group.size());
    try {
      tx.execute("BEGIN IMMEDIATE");
    } catch (RuntimeException e) {
      group.forEach(job -> fail(job, e));
      return;
    }
    for (Job<?> job : group) {
      try {
        tx.execute("SAVEPOINT request");
        Object result = job.work().apply(tx);
        tx.execute("RELEASE request");
        results.add(result);
        failures.add(null);
      } catch (Throwable e) {
        try {
          tx.execute("ROLLBACK TO request");
          tx.execute("RELEASE request");
        } catch (RuntimeException rollback) {
          LOG.warn("{}: rolling back a failed request: {}", name, rollback.getMessage());
        }
        results.add(null);
        failures.add(e);
      }
    }
    try {
      tx.execute("COMMIT");
    } catch (RuntimeException e) {
      try {
        tx.execute("ROLLBACK");
      } catch (RuntimeException ignored) {
        // the transaction is gone either way
      }
      group.forEach(job -> fail(job, e));
      return;
    }
    groups.incrementAndGet();
    for (int i = 0; i < group.size(); i++) {
      if (failures.get(i) == null) {
        succeed(group.get(i), results.get(i));
      } else {
        fail(group.get(i), failures.get(i));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void succeed(Job<T> job, Object result) {
    job.context().runOnContext(v -> job.promise().complete((T) result));
  }

  private static void fail(Job<?> job, Throwable failure) {
    Throwable translated =
        SqliteErrors.classify(failure).map(Throwable.class::cast).orElse(failure);
    job.context().runOnContext(v -> job.promise().fail(translated));
  }
}
