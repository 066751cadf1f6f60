package org.dsa110.contimg.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Owner;

import java.util.List;

/** Ready means every owner answers on the bus and has just proved its database writable. */
final class ReadinessChecks {
  private ReadinessChecks() {
  }

  static HealthChecks create(Vertx vertx, OwnerClient owners, List<Owner> required, long timeoutMs) {
    HealthChecks checks = HealthChecks.create(vertx);
    for (Owner owner : required) {
      checks.register(owner.displayName(), timeoutMs, promise -> owners.request(Addresses.health(owner), new JsonObject())
          .onSuccess(reply -> promise.complete(Status.OK(reply)))
          .onFailure(failure -> promise.complete(Status.KO(new JsonObject().put("error", failure.getMessage())))));
    }
    return checks;
  }
}
