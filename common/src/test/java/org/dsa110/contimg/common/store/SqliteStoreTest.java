package org.dsa110.contimg.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.dsa110.contimg.common.bus.HubException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class SqliteStoreTest {
  private static final Migrations SAMPLE =
      Migrations.fromResources(
          SqliteStoreTest.class.getClassLoader(),
          "db/sample/001-seed.sql",
          "db/sample/002-extra.sql");

  @TempDir Path dir;
  private final List<SqliteStore> opened = new ArrayList<>();

  private SqliteStore open(int busyTimeoutMs) throws Exception {
    SqliteStore store =
        await(
            SqliteStore.open(
                vertx,
                new StoreOptions(dir.resolve("sub/sample.sqlite3"), SAMPLE, 3, busyTimeoutMs)));
    opened.add(store);
    return store;
  }

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeStoresThenVertx() throws Exception {
    for (SqliteStore store : opened) {
      await(store.close());
    }
    await(vertx.close());
  }

  @Test
  void theWriterIsDurableAndTheReadersReadOnlyAndEveryConnectionHasThePragmas() throws Exception {
    SqliteStore store = open(4321);
    List<Future<List<Object>>> reads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      reads.add(store.read(SqliteStoreTest::pragmas));
    }
    for (Future<List<Object>> read : reads) {
      assertThat(await(read))
          .as("journal_mode, synchronous, busy_timeout, foreign_keys, query_only")
          .containsExactly("wal", 2L, 4321L, 1L, 1L);
    }
    assertThat(await(store.write(SqliteStoreTest::pragmas)))
        .as("the writer: synchronous FULL (2)")
        .containsExactly("wal", 2L, 4321L, 1L, 0L);
    Future<Object> writeOnAReader =
        store.read(tx -> tx.update("INSERT INTO items(name) VALUES ('x')"));
    assertThatThrownBy(() -> await(writeOnAReader)).hasMessageContaining("readonly");
  }

  private static List<Object> pragmas(Tx tx) {
    List<Object> values = new ArrayList<>();
    for (String pragma :
        List.of("journal_mode", "synchronous", "busy_timeout", "foreign_keys", "query_only")) {
      values.add(tx.scalar("PRAGMA " + pragma));
    }
    return values;
  }

  @Test
  void migrationsRunOnceAndRecordTheVersion() throws Exception {
    SqliteStore first = open(1000);
    await(first.write(tx -> tx.update("INSERT INTO items(name) VALUES (?)", "a;b")));
    await(first.close());
    opened.clear();

    SqliteStore again = open(1000);
    DbRow row =
        await(
            again.read(
                tx ->
                    tx.first("SELECT name, note, (SELECT COUNT(*) FROM items) AS n FROM items")
                        .orElseThrow()));
    assertThat(row.getString("name")).isEqualTo("a;b");
    assertThat(row.getString("note")).isEqualTo("none; really");
    assertThat(row.getLong("n")).isEqualTo(1L);
    assertThat(userVersion()).isEqualTo(2);
  }

  @Test
  void betweenWritesAnotherProcessCanTakeTheWriteLock() throws Exception {
    SqliteStore store = open(1000);
    await(store.write(tx -> tx.update("INSERT INTO items(name) VALUES ('one')")));
    try (Connection other =
            DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve("sub/sample.sqlite3") + "?busy_timeout=0");
        Statement statement = other.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      statement.execute("INSERT INTO items(name) VALUES ('two')");
      statement.execute("COMMIT");
    }
    assertThat(count("items")).isEqualTo(2);
  }

  @Test
  void realsAndIntegersKeepTheirFullWidth() throws Exception {
    SqliteStore store = open(1000);
    await(
        store.write(
            tx -> {
              tx.execute("CREATE TABLE typed (r REAL, i INTEGER)");
              return tx.update("INSERT INTO typed VALUES (?, ?)", 1760929200.5, 5_000_000_000L);
            }));
    await(store.write(tx -> tx.update("INSERT INTO typed VALUES (?, ?)", 3, 7)));
    List<DbRow> typed = await(store.read(tx -> tx.query("SELECT r, i FROM typed ORDER BY i DESC")));
    assertThat(typed.get(0).getValue("r")).isEqualTo(1760929200.5);
    assertThat(typed.get(0).getValue("i")).isEqualTo(5_000_000_000L);
    assertThat(typed.get(1).getValue("r"))
        .as("an integer stored in a REAL column reads as a double")
        .isEqualTo(3.0);
    assertThat(typed.get(1).getValue("i")).isEqualTo(7L);
  }

  @Test
  void aFailedWriteLeavesNothingBehind() throws Exception {
    SqliteStore store = open(1000);
    Future<Object> write =
        store.write(
            tx -> {
              tx.update("INSERT INTO items(name) VALUES (?)", "kept?");
              tx.update("INSERT INTO items(name) VALUES (?)", "kept?");
              return null;
            });
    assertThatThrownBy(() -> await(write))
        .isInstanceOf(HubException.class)
        .extracting(e -> ((HubException) e).code())
        .isEqualTo(HubException.CONFLICT);
    assertThat(count("items")).isZero();
  }

  /**
   * Writes that queue behind a slow one are committed together (one transaction, one fsync), each
   * in its own savepoint: the one that fails rolls back alone and gets its own error, the others
   * are committed.
   */
  @Test
  void aGroupCommitsTogetherButAFailingRequestRollsBackAlone() throws Exception {
    SqliteStore store = open(1000);
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Future<Object> slow =
        store.write(
            tx -> {
              tx.update("INSERT INTO items(name) VALUES ('first')");
              started.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return null;
            });
    assertThat(started.await(10, TimeUnit.SECONDS))
        .as("the writer started the slow write")
        .isTrue();
    Future<Long> a = store.write(tx -> tx.insert("INSERT INTO items(name) VALUES ('a')"));
    Future<Object> bad =
        store.write(
            tx -> {
              tx.update("INSERT INTO items(name) VALUES ('half')");
              return tx.update("INSERT INTO items(name) VALUES ('a')");
            });
    Future<Long> b = store.write(tx -> tx.insert("INSERT INTO items(name) VALUES ('b')"));
    assertThat(store.waitingWrites()).as("three writes queued behind the slow one").isEqualTo(3);
    long groupsBefore = store.groupsCommitted();
    release.countDown();
    await(slow);
    assertThat(await(a)).isPositive();
    assertThat(await(b)).isPositive();
    assertThatThrownBy(() -> await(bad))
        .isInstanceOf(HubException.class)
        .extracting(e -> ((HubException) e).code())
        .isEqualTo(HubException.CONFLICT);
    assertThat(names()).containsExactlyInAnyOrder("first", "a", "b");
    assertThat(store.groupsCommitted() - groupsBefore)
        .as("the slow write's group, then one group for the three")
        .isEqualTo(2);
  }

  @Test
  void pastTheQueueBoundAWriteIsRefusedAtOnceWith503() throws Exception {
    SqliteStore store =
        await(
            SqliteStore.open(
                vertx,
                new StoreOptions(
                    dir.resolve("sub/sample.sqlite3"), SAMPLE, 1, 1000, 2, 64, "FULL")));
    opened.add(store);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Future<Object> holding =
        store.write(
            tx -> {
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return null;
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (store.waitingWrites() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(store.waitingWrites()).as("the writer took the holding write").isZero();
    Future<Integer> queued1 = store.write(tx -> tx.update("INSERT INTO items(name) VALUES ('q1')"));
    Future<Integer> queued2 = store.write(tx -> tx.update("INSERT INTO items(name) VALUES ('q2')"));
    Future<Integer> refused =
        store.write(tx -> tx.update("INSERT INTO items(name) VALUES ('refused')"));
    assertThatThrownBy(() -> await(refused))
        .isInstanceOf(HubException.class)
        .hasMessageContaining("overloaded")
        .extracting(e -> ((HubException) e).code())
        .isEqualTo(HubException.UNAVAILABLE);
    release.countDown();
    await(holding);
    await(queued1);
    await(queued2);
    assertThat(names()).containsExactlyInAnyOrder("q1", "q2");
  }

  @Test
  void foreignKeysAreEnforced() throws Exception {
    SqliteStore store = open(1000);
    Future<Object> orphan =
        store.write(tx -> tx.update("INSERT INTO children(id, parent_id) VALUES (1, 99)"));
    assertThatThrownBy(() -> await(orphan)).isInstanceOf(HubException.class);
    assertThat(count("children")).isZero();
  }

  @Test
  void aWriteLockHeldElsewhereIsA503AfterBusyTimeoutAndNothingIsLost() throws Exception {
    SqliteStore store = open(300);
    try (Connection other =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sub/sample.sqlite3"));
        Statement statement = other.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      Future<Object> blocked =
          store.write(tx -> tx.update("INSERT INTO items(name) VALUES ('blocked')"));
      assertThatThrownBy(() -> await(blocked))
          .isInstanceOf(HubException.class)
          .extracting(e -> ((HubException) e).code())
          .isEqualTo(HubException.UNAVAILABLE);
      statement.execute("ROLLBACK");
    }
    await(store.write(tx -> tx.update("INSERT INTO items(name) VALUES ('after')")));
    assertThat(count("items")).isEqualTo(1);
  }

  private List<String> names() throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sub/sample.sqlite3"));
        ResultSet rs = c.createStatement().executeQuery("SELECT name FROM items")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private int userVersion() throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sub/sample.sqlite3"));
        ResultSet rs = c.createStatement().executeQuery("PRAGMA user_version")) {
      return rs.getInt(1);
    }
  }

  private int count(String table) throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sub/sample.sqlite3"));
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
      return rs.getInt(1);
    }
  }

  static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
