package org.dsa110.contimg.common.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.dsa110.contimg.common.bus.HubException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class SqliteStoreTest {
  private static final Migrations SAMPLE = Migrations.fromResources(
      SqliteStoreTest.class.getClassLoader(), "db/sample/001-seed.sql", "db/sample/002-extra.sql");

  @TempDir
  Path dir;
  private final List<SqliteStore> opened = new ArrayList<>();


  private SqliteStore open(int busyTimeoutMs) throws Exception {
    SqliteStore store = await(SqliteStore.open(vertx, new StoreOptions(dir.resolve("sub/sample.sqlite3"), SAMPLE, 3, busyTimeoutMs)));
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
  void everyPooledConnectionHasThePragmas() throws Exception {
    SqliteStore store = open(4321);
    List<Future<List<Object>>> reads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      reads.add(store.read(SqliteStoreTest::pragmas));
    }
    reads.add(store.write(SqliteStoreTest::pragmas));
    for (Future<List<Object>> read : reads) {
      assertThat(await(read)).containsExactly("wal", 1L, 4321L, 1L);
    }
  }

  private static Future<List<Object>> pragmas(SqlConnection conn) {
    List<Object> values = new ArrayList<>();
    return conn.query("PRAGMA journal_mode").execute().compose(r -> {
      values.add(r.iterator().next().getValue(0));
      return conn.query("PRAGMA synchronous").execute();
    }).compose(r -> {
      values.add(r.iterator().next().getValue(0));
      return conn.query("PRAGMA busy_timeout").execute();
    }).compose(r -> {
      values.add(r.iterator().next().getValue(0));
      return conn.query("PRAGMA foreign_keys").execute();
    }).map(r -> {
      values.add(r.iterator().next().getValue(0));
      return values;
    });
  }

  @Test
  void migrationsRunOnceAndRecordTheVersion() throws Exception {
    SqliteStore first = open(1000);
    await(first.write(conn -> conn.preparedQuery("INSERT INTO items(name) VALUES (?)").execute(Tuple.of("a;b"))));
    await(first.close());
    opened.clear();

    SqliteStore again = open(1000);
    Row row = await(again.read(conn -> conn.query("SELECT name, note, (SELECT COUNT(*) FROM items) AS n FROM items").execute()))
        .iterator().next();
    assertThat(row.getString("name")).isEqualTo("a;b");
    assertThat(row.getString("note")).isEqualTo("none; really");
    assertThat(row.getInteger("n")).isEqualTo(1);
    assertThat(userVersion()).isEqualTo(2);
  }

  @Test
  void betweenWritesAnotherProcessCanTakeTheWriteLock() throws Exception {
    SqliteStore store = open(1000);
    await(store.write(conn -> conn.query("INSERT INTO items(name) VALUES ('one')").execute()));
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sub/sample.sqlite3") + "?busy_timeout=0");
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
    await(store.write(conn -> conn.query("CREATE TABLE typed (r REAL, i INTEGER)").execute()
        .compose(done -> conn.preparedQuery("INSERT INTO typed VALUES (?, ?)").execute(Tuple.of(1760929200.5, 5_000_000_000L)))));
    Row typed = await(store.read(conn -> conn.query("SELECT r, i FROM typed").execute())).iterator().next();
    assertThat(typed.getValue("r")).isEqualTo(1760929200.5);
    assertThat(typed.getValue("i")).isEqualTo(5_000_000_000L);
  }

  @Test
  void aFailedWriteLeavesNothingBehind() throws Exception {
    SqliteStore store = open(1000);
    Future<Object> write = store.write(conn -> conn.preparedQuery("INSERT INTO items(name) VALUES (?)").execute(Tuple.of("kept?"))
        .compose(done -> conn.preparedQuery("INSERT INTO items(name) VALUES (?)").execute(Tuple.of("kept?")))
        .map(done -> null));
    assertThatThrownBy(() -> await(write)).isInstanceOf(HubException.class)
        .extracting(e -> ((HubException) e).code()).isEqualTo(HubException.CONFLICT);
    assertThat(count("items")).isZero();
  }

  @Test
  void foreignKeysAreEnforced() throws Exception {
    SqliteStore store = open(1000);
    Future<Object> orphan = store.write(conn -> conn.query("INSERT INTO children(id, parent_id) VALUES (1, 99)").execute().map(r -> null));
    assertThatThrownBy(() -> await(orphan)).isInstanceOf(HubException.class);
    assertThat(count("children")).isZero();
  }

  @Test
  void aWriteLockHeldElsewhereIsA503AfterBusyTimeoutAndNothingIsLost() throws Exception {
    SqliteStore store = open(300);
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sub/sample.sqlite3"));
         Statement statement = other.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      Future<Object> blocked = store.write(conn -> conn.query("INSERT INTO items(name) VALUES ('blocked')").execute().map(r -> null));
      assertThatThrownBy(() -> await(blocked)).isInstanceOf(HubException.class)
          .extracting(e -> ((HubException) e).code()).isEqualTo(HubException.UNAVAILABLE);
      statement.execute("ROLLBACK");
    }
    await(store.write(conn -> conn.query("INSERT INTO items(name) VALUES ('after')").execute()));
    assertThat(count("items")).isEqualTo(1);
  }

  private int userVersion() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sub/sample.sqlite3"));
         ResultSet rs = c.createStatement().executeQuery("PRAGMA user_version")) {
      return rs.getInt(1);
    }
  }

  private int count(String table) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sub/sample.sqlite3"));
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
