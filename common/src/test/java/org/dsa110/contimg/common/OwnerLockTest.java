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
import org.dsa110.contimg.common.bus.BusOperation;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Owner;
import org.dsa110.contimg.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class OwnerLockTest {
  @TempDir Path stateDir;

  /**
   * An owner of a small sample database, as a real one is declared, answering its operations with
   * empty replies.
   */
  static final class SampleOwner extends OwnerVerticle {
    SampleOwner() {
      super(Owner.CALIBRATION, "sample.sqlite3", "db/sample/001-seed.sql");
    }

    @Override
    protected Future<?> startServing() {
      for (BusOperation operation : BusOperation.ofOwner(Owner.CALIBRATION)) {
        if (operation.kind() == BusOperation.Kind.READ) {
          serve(operation.address(), body -> Future.succeededFuture(new JsonObject()));
        } else {
          serveWrite(
              operation.address(), body -> Future.succeededFuture(Committed.of(new JsonObject())));
        }
      }
      return Future.succeededFuture();
    }
  }

  @Test
  void aSecondOwnerOfTheSameRoleIsRefusedUntilTheFirstIsGone(Vertx vertx) throws Exception {
    DeploymentOptions options = new DeploymentOptions().setConfig(config(stateDir, Map.of()));
    String first = await(vertx.deployVerticle(new SampleOwner(), options));
    assertThatThrownBy(() -> await(vertx.deployVerticle(new SampleOwner(), options)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("already runs");
    await(vertx.undeploy(first));
    await(vertx.deployVerticle(new SampleOwner(), options));
  }

  @Test
  void anotherVertxOnTheSameFileIsRefusedByTheFileLock(Vertx vertx) throws Exception {
    DeploymentOptions options = new DeploymentOptions().setConfig(config(stateDir, Map.of()));
    await(vertx.deployVerticle(new SampleOwner(), options));
    Vertx other = Vertx.vertx();
    try {
      assertThatThrownBy(() -> await(other.deployVerticle(new SampleOwner(), options)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("another process owns");
    } finally {
      await(other.close());
    }
  }
}
