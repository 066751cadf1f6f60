package org.dsa110.contimg.alerts;

import io.vertx.core.Future;
import org.dsa110.contimg.common.OwnerVerticle;
import org.dsa110.contimg.common.bus.Owner;

/**
 * Turns events into Slack alerts. It keeps no database of its own: alert_history lives in products.sqlite3
 * and is written through the products owner.
 */
public class AlertsVerticle extends OwnerVerticle {

  public AlertsVerticle() {
    super(Owner.ALERTS);
  }

  @Override
  protected Future<?> startServing() {
    return Future.succeededFuture();
  }
}
