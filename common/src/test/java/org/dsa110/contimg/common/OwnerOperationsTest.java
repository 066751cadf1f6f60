package org.dsa110.contimg.common;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.config;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.BusOperation;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Owner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An owner serves exactly its operations of {@link BusOperation}'s table, each as the kind the
 * table says.
 */
@ExtendWith(VertxExtension.class)
class OwnerOperationsTest {
  @TempDir Path stateDir;

  /** The catalogue owner (no database here), serving what {@code serving} registers. */
  private static final class CatalogOwner extends OwnerVerticle {
    private final Consumer<CatalogOwner> serving;

    CatalogOwner(Consumer<CatalogOwner> serving) {
      super(Owner.CATALOG);
      this.serving = serving;
    }

    @Override
    protected Future<?> startServing() {
      serving.accept(this);
      return Future.succeededFuture();
    }

    void read(String address) {
      serve(address, body -> Future.succeededFuture(new JsonObject()));
    }

    void write(String address) {
      serveWrite(address, body -> Future.succeededFuture(Committed.of(new JsonObject())));
    }

    void everythingBut(String left) {
      BusOperation.ofOwner(Owner.CATALOG).stream()
          .filter(op -> !op.address().equals(left))
          .forEach(
              op -> {
                if (op.kind() == BusOperation.Kind.READ) {
                  read(op.address());
                } else {
                  write(op.address());
                }
              });
    }
  }

  @Test
  void anOwnerThatLeavesOneOfItsOperationsUnservedDoesNotStart(Vertx vertx) {
    assertThatThrownBy(
            () ->
                deploy(
                    vertx, new CatalogOwner(owner -> owner.everythingBut(Addresses.CATALOG_STATS))))
        .hasMessageContaining("catalog does not serve its operations [catalog.stats]");
  }

  @Test
  void aWriteServedAsARead_theWayCatalogImportOnceBypassedTheWriter_doesNotStart(Vertx vertx) {
    assertThatThrownBy(
            () -> deploy(vertx, new CatalogOwner(owner -> owner.read(Addresses.CATALOG_IMPORT))))
        .hasMessageContaining(
            "catalog.import is a WRITE of catalog in BusOperation's table, not a READ of catalog");
  }

  @Test
  void anotherOwnersOperationIsRefused(Vertx vertx) {
    assertThatThrownBy(
            () -> deploy(vertx, new CatalogOwner(owner -> owner.read(Addresses.INGEST_QUEUE_LIST))))
        .hasMessageContaining("ingest.queue.list is a READ of ingest");
  }

  @Test
  void anOwnerServingItsTableStarts(Vertx vertx) throws Exception {
    deploy(vertx, new CatalogOwner(owner -> owner.everythingBut("")));
  }

  private void deploy(Vertx vertx, OwnerVerticle owner) throws Exception {
    await(
        vertx.deployVerticle(owner, new DeploymentOptions().setConfig(config(stateDir, Map.of()))));
  }
}
