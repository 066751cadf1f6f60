package org.dsa110.contimg.alerts;

import io.vertx.core.Future;
import org.dsa110.contimg.common.OwnerVerticle;
import org.dsa110.contimg.common.bus.Owner;

import java.util.Optional;

/**
 * Turns events into Slack alerts. It keeps no database of its own: alert_history lives in products.sqlite3
 * and is written through the products owner.
 */
public class AlertsVerticle extends OwnerVerticle {

  @Override
  protected Owner owner() {
    return Owner.ALERTS;
  }

  @Override
  protected Optional<Database> database() {
    return Optional.empty();
  }

  @Override
  protected Future<?> startServing() {
    return Future.succeededFuture();
  }
}
