package org.dsa110.contimg.common.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SQLite database: its single writer ({@link SqliteWriter}: one thread, group commit, every
 * write one savepoint of an IMMEDIATE transaction) and a few readers ({@link SqliteReaders}) that
 * WAL lets run beside it. Both run plain sequential code against a {@link Tx}.
 *
 * <p>Every failure leaves the store as a {@link org.dsa110.contimg.common.bus.HubException} where
 * SQLite's code says what it is: a locked database becomes 503 after busy_timeout, a failed write
 * is rolled back whole.
 */
public final class SqliteStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

  private final Vertx vertx;
  private final StoreOptions options;
  private final SqliteWriter writer;
  private final SqliteReaders readers;

  private SqliteStore(
      Vertx vertx, StoreOptions options, SqliteWriter writer, SqliteReaders readers) {
    this.vertx = vertx;
    this.options = options;
    this.writer = writer;
    this.readers = readers;
  }

  /**
   * Creates the folder if needed, opens the writer and readers and brings the schema to the latest
   * migration.
   */
  public static Future<SqliteStore> open(Vertx vertx, StoreOptions options) {
    return vertx
        .executeBlocking(
            () -> {
              Files.createDirectories(options.file().toAbsolutePath().getParent());
              return new SqliteStore(
                  vertx,
                  options,
                  new SqliteWriter(vertx, options),
                  new SqliteReaders(vertx, options));
            })
        .compose(
            store ->
                store
                    .migrate()
                    .map(store)
                    .recover(
                        failure ->
                            store.close().transform(closed -> Future.failedFuture(failure))));
  }

  /** Runs read-only work on a reader, in one snapshot. */
  public <T> Future<T> read(Function<Tx, T> work) {
    return readers.submit(work);
  }

  /**
   * Runs work as one write: committed whole (with the others of its group), or rolled back whole.
   */
  public <T> Future<T> write(Function<Tx, T> work) {
    return writer.submit(work);
  }

  /**
   * Proves the file writable now: the writer takes the write lock (BEGIN IMMEDIATE fails on a
   * read-only file, and after busy_timeout on a file another process keeps locked) and commits
   * nothing, so the file does not change. Committing a write here would change the file under the
   * existing pipeline's readers: one of its processes that read and then writes in a deferred
   * transaction would be refused at once (SQLITE_BUSY_SNAPSHOT), whatever its busy timeout.
   */
  public Future<Void> checkWritable() {
    return write(tx -> null);
  }

  /** Groups the writer has committed (group commit: one transaction and one fsync each). */
  public long groupsCommitted() {
    return writer.groupsCommitted();
  }

  /** Writes waiting for the writer now. */
  public int waitingWrites() {
    return writer.waiting();
  }

  public StoreOptions options() {
    return options;
  }

  /**
   * Lets the readers finish, then the writer write what is queued, then closes both (off the event
   * loop: it waits).
   */
  public Future<Void> close() {
    return vertx.executeBlocking(
        () -> {
          readers.close();
          writer.close();
          return null;
        });
  }

  private Future<Void> migrate() {
    return read(tx -> (int) tx.count("PRAGMA user_version"))
        .compose(current -> applyFrom(current + 1));
  }

  private Future<Void> applyFrom(int version) {
    Migrations migrations = options.migrations();
    if (version > migrations.latestVersion()) {
      return Future.succeededFuture();
    }
    return write(
            tx -> {
              migrations.step(version).forEach(tx::execute);
              tx.execute("PRAGMA user_version = " + version);
              return null;
            })
        .onSuccess(
            done -> LOG.info("{}: schema at version {}", options.file().getFileName(), version))
        .compose(done -> applyFrom(version + 1));
  }
}
