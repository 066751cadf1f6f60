package org.dsa110.contimg.common;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.BusOperation;
import org.dsa110.contimg.common.bus.BusReplies;
import org.dsa110.contimg.common.bus.Callers;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.Owner;
import org.dsa110.contimg.common.config.Settings;
import org.dsa110.contimg.common.store.Migrations;
import org.dsa110.contimg.common.store.SchemaCheck;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.store.StoreOptions;

/**
 * What every owner does the same way: open its database (the only writer of that file), answer the
 * readiness probe, and serve its bus addresses with the error contract of {@link BusReplies}.
 */
public abstract class OwnerVerticle extends VerticleBase {

  private record Database(Path relativePath, Migrations migrations) {}

  private final Owner owner;
  private final Optional<Database> database;
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private final Set<String> served = new HashSet<>();
  private SqliteStore store;
  private Settings settings;
  private OwnerLock lock;

  /** An owner without a database of its own. */
  protected OwnerVerticle(Owner owner) {
    this.owner = owner;
    this.database = Optional.empty();
  }

  /**
   * The owner of one database, at {@code relativePath} under the state directory, with its schema
   * steps.
   */
  protected OwnerVerticle(Owner owner, String relativePath, String... migrationResources) {
    this.owner = owner;
    this.database =
        Optional.of(
            new Database(
                Path.of(relativePath),
                Migrations.fromResources(getClass().getClassLoader(), migrationResources)));
  }

  /** Registers the owner's own addresses and timers; the store is open by then. */
  protected abstract Future<?> startServing();

  @Override
  public final Future<?> start() {
    settings = new Settings(config());
    Optional<Path> file = database.map(d -> settings.stateDir().resolve(d.relativePath()));
    return OwnerLock.acquire(vertx, owner, file)
        .compose(
            acquired -> {
              lock = acquired;
              return openStore();
            })
        .compose(
            opened -> {
              store = opened;
              consume(Addresses.health(owner), body -> health());
              return startServing();
            })
        .compose(
            started -> {
              requireEveryOperationServed();
              return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
            })
        .onFailure(failure -> stop());
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = store == null ? Future.succeededFuture() : store.close();
    return closed.compose(done -> lock == null ? Future.succeededFuture() : lock.release(vertx));
  }

  protected SqliteStore store() {
    return store;
  }

  protected Settings settings() {
    return settings;
  }

  /** Serves a read of {@link BusOperation}'s table. */
  protected void serve(String address, Function<JsonObject, Future<JsonObject>> handler) {
    consume(operation(address, BusOperation.Kind.READ).address(), handler);
  }

  /**
   * Serves a read whose outcome depends on who asked: the handler is told whether the pipeline did
   * ({@link Callers}).
   */
  protected void serveByCaller(
      String address, BiFunction<JsonObject, Boolean, Future<JsonObject>> handler) {
    operation(address, BusOperation.Kind.READ);
    consumers.add(
        vertx
            .eventBus()
            .consumer(
                address,
                message ->
                    BusReplies.answer(
                        message, body -> handler.apply(body, Callers.isPipeline(message)))));
    served.add(address);
  }

  /**
   * Serves a write of {@link BusOperation}'s table: its events are published once it has committed,
   * then the requester gets the reply. The writer's bounded queue refuses a write with 503 when too
   * many wait (back-pressure the caller can see).
   */
  protected void serveWrite(String address, Function<JsonObject, Future<Committed>> handler) {
    operation(address, BusOperation.Kind.WRITE);
    consume(
        address,
        body -> handler.apply(body).map(committed -> committed.publishTo(vertx.eventBus())));
  }

  private void consume(String address, Function<JsonObject, Future<JsonObject>> handler) {
    consumers.add(
        vertx.eventBus().consumer(address, message -> BusReplies.answer(message, handler)));
    served.add(address);
  }

  /**
   * The table's operation at {@code address}, which must be this owner's and of this kind: a
   * mismatch is a bug.
   */
  private BusOperation operation(String address, BusOperation.Kind kind) {
    BusOperation operation =
        BusOperation.byAddress(address)
            .orElseThrow(
                () -> new IllegalStateException(address + " is not in BusOperation's table"));
    if (operation.owner() != owner || operation.kind() != kind) {
      throw new IllegalStateException(
          address
              + " is a "
              + operation.kind()
              + " of "
              + operation.owner().displayName()
              + " in BusOperation's table, not a "
              + kind
              + " of "
              + owner.displayName());
    }
    return operation;
  }

  private void requireEveryOperationServed() {
    List<String> missing =
        BusOperation.ofOwner(owner).stream()
            .map(BusOperation::address)
            .filter(a -> !served.contains(a))
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          owner.displayName() + " does not serve its operations " + missing);
    }
  }

  private Future<SqliteStore> openStore() {
    if (database.isEmpty()) {
      return Future.succeededFuture();
    }
    StoreOptions options =
        new StoreOptions(
            settings.stateDir().resolve(database.get().relativePath()),
            database.get().migrations(),
            settings.integer("sqlite.readers", 1, 64),
            settings.integer("sqlite.busy_timeout_ms", 0, 600_000),
            settings.integer("sqlite.max_pending_writes", 1, 1_000_000),
            settings.integer("sqlite.max_group", 1, 10_000),
            settings.oneOf("sqlite.synchronous", Set.of("FULL", "NORMAL", "EXTRA")));
    // a file of another layout is refused before anything (migrations included) touches it
    return vertx
        .executeBlocking(
            () -> {
              SchemaCheck.requireLayout(options.file(), options.migrations());
              return options;
            },
            false)
        .compose(checked -> SqliteStore.open(vertx, checked));
  }

  /**
   * The database file this owner opens, relative to the state directory (empty for an owner without
   * one).
   */
  public Optional<Path> databaseFile() {
    return database.map(Database::relativePath);
  }

  /** The schema steps this owner applies to its database (empty for an owner without one). */
  public Optional<Migrations> migrations() {
    return database.map(Database::migrations);
  }

  /** Ready: the database takes a write now, and its disk has room for more (503 otherwise). */
  private Future<JsonObject> health() {
    JsonObject status = new JsonObject().put("owner", owner.displayName());
    if (store == null) {
      return Future.succeededFuture(status);
    }
    Path file = store.options().file();
    long minFreeMb = settings.integer("sqlite.min_free_disk_mb", 0, Integer.MAX_VALUE);
    return vertx
        .executeBlocking(() -> Files.getFileStore(file).getUsableSpace() >> 20, false)
        .recover(
            missing ->
                Future.failedFuture(
                    HubException.unavailable(
                        "cannot read the disk of " + file + ": " + missing.getMessage())))
        .compose(
            freeMb -> {
              if (freeMb < minFreeMb) {
                throw HubException.unavailable(
                    "only "
                        + freeMb
                        + " MB free on the disk of "
                        + file
                        + " (below sqlite.min_free_disk_mb "
                        + minFreeMb
                        + ")");
              }
              return store
                  .checkWritable()
                  .map(
                      ok ->
                          status
                              .put("database", file.toString())
                              .put("writable", true)
                              .put("free_disk_mb", freeMb));
            });
  }
}
