package org.dsa110.contimg.common.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import org.dsa110.contimg.common.bus.Sequentially;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.util.function.Function;

/**
 * One SQLite database: a single writer connection (every write serialized, each in one IMMEDIATE
 * transaction) and a small pool of readers that WAL lets run beside it. JDBC runs on worker threads.
 *
 * <p>Every failure leaves the store as a {@link org.dsa110.contimg.common.bus.HubException}: a locked
 * database becomes 503 after busy_timeout, and a failed write is rolled back whole.
 */
public final class SqliteStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

  private final StoreOptions options;
  private final Pool writer;
  private final Pool readers;

  private SqliteStore(Vertx vertx, StoreOptions options) {
    this.options = options;
    JDBCConnectOptions connect = new JDBCConnectOptions().setJdbcUrl(options.jdbcUrl())
        .setExtraConfig(new JsonObject().put("decoderCls", SqliteDecoder.class.getName()));
    this.writer = JDBCPool.pool(vertx, connect, new PoolOptions().setMaxSize(1).setName("writer:" + options.file()));
    this.readers = JDBCPool.pool(vertx, connect, new PoolOptions().setMaxSize(options.readers()).setName("readers:" + options.file()));
  }

  /** Creates the folder if needed, opens both pools and brings the schema to the latest migration. */
  public static Future<SqliteStore> open(Vertx vertx, StoreOptions options) {
    return vertx.executeBlocking(() -> Files.createDirectories(options.file().toAbsolutePath().getParent()))
        .map(dir -> new SqliteStore(vertx, options))
        .compose(store -> store.migrate().map(store)
            .recover(failure -> store.close().transform(closed -> Future.failedFuture(failure))));
  }

  /** Runs read-only work on a reader connection. */
  public <T> Future<T> read(Function<SqlConnection, Future<T>> work) {
    return readers.withConnection(work).recover(SqliteStore::translate);
  }

  /**
   * Runs work in one write transaction: committed whole, or rolled back whole. BEGIN IMMEDIATE takes the
   * write lock first (waiting up to busy_timeout for another process to let go of it), so the work never
   * fails half-way on contention. The transaction is driven with SQL rather than JDBC's autocommit switch:
   * sqlite-jdbc re-opens a transaction right after each JDBC commit, which would keep the file's write lock
   * held between requests and lock every other process out.
   */
  public <T> Future<T> write(Function<SqlConnection, Future<T>> work) {
    return writer.withConnection(conn -> conn.query("BEGIN IMMEDIATE").execute()
        .compose(begun -> work.apply(conn)
            .compose(result -> conn.query("COMMIT").execute().map(result))
            .recover(failure -> conn.query("ROLLBACK").execute()
                .transform(rolledBack -> Future.<T>failedFuture(failure)))))
        .recover(SqliteStore::translate);
  }

  /**
   * Proves the file writable now: the write lock is taken (BEGIN IMMEDIATE fails on a read-only file, and after
   * busy_timeout on a file another process keeps locked) and let go at once, writing nothing. Committing a write
   * here would change the file under the existing pipeline's readers: one of its processes that read and then
   * writes in a deferred transaction would be refused at once (SQLITE_BUSY_SNAPSHOT), whatever its busy timeout.
   */
  public Future<Void> checkWritable() {
    return writer.withConnection(conn -> conn.query("BEGIN IMMEDIATE").execute()
        .compose(begun -> conn.query("ROLLBACK").execute()))
        .<Void>mapEmpty()
        .recover(SqliteStore::translate);
  }

  public StoreOptions options() {
    return options;
  }

  public Future<Void> close() {
    return Future.join(writer.close(), readers.close()).mapEmpty();
  }

  private Future<Void> migrate() {
    // the version is read and released first: the writer pool's single connection serves each step in turn
    return writer.withConnection(conn -> conn.query("PRAGMA user_version").execute())
        .map(rows -> rows.iterator().next().getInteger(0))
        .compose(current -> applyFrom(current + 1))
        .recover(SqliteStore::translate);
  }

  private Future<Void> applyFrom(int version) {
    Migrations migrations = options.migrations();
    if (version > migrations.latestVersion()) {
      return Future.succeededFuture();
    }
    return write(conn -> Sequentially.forEach(migrations.step(version), statement -> conn.query(statement).execute())
        .compose(done -> conn.query("PRAGMA user_version = " + version).execute()))
        .onSuccess(done -> LOG.info("{}: schema at version {}", options.file().getFileName(), version))
        .compose(done -> applyFrom(version + 1));
  }

  /** SQLite's own failures get their contract code here; anything else stays as it is, stack and all. */
  private static <T> Future<T> translate(Throwable failure) {
    return Future.failedFuture(SqliteErrors.classify(failure).map(Throwable.class::cast).orElse(failure));
  }
}
