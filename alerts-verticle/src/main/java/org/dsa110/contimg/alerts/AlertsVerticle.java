package org.dsa110.contimg.alerts;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dsa110.contimg.common.OwnerVerticle;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.Owner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns events into Slack alerts and records every one in alert_history (through the products
 * owner, which owns products.sqlite3; this verticle keeps no database). Alerts waiting for delivery
 * sit in that database's outbox, so a restart delivers what it interrupted.
 */
public class AlertsVerticle extends OwnerVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(AlertsVerticle.class);

  private final List<Long> timers = new ArrayList<>();
  private SlackDelivery slack;

  public AlertsVerticle() {
    super(Owner.ALERTS);
  }

  @Override
  protected Future<?> startServing() {
    AlertSettings settings = AlertSettings.from(settings());
    slack = new SlackDelivery(vertx, settings);
    AlertDispatcher dispatcher = new AlertDispatcher(vertx, settings, slack);
    new AlertRules(settings, dispatcher).listen(vertx);
    serveWrite(
        Addresses.ALERTS_TEST,
        body -> {
          String by =
              Fields.of(body).allowOnly(Set.of("by")).optionalString("by").orElse("an operator");
          return dispatcher
              .deliver(
                  new Alert(
                      "system_error",
                      "info",
                      "test",
                      settings.pipelineChannel(),
                      "Test alert",
                      "sent by " + by + " to check the Slack webhook",
                      new JsonObject()))
              .map(Committed::of);
        });
    timers.add(new PipelineWatch(vertx, settings, dispatcher).start());
    timers.add(vertx.setPeriodic(settings.watchIntervalMs(), id -> dispatcher.resumePending()));
    long since = System.currentTimeMillis() - (long) (settings.cooldownSeconds() * 1000);
    vertx
        .eventBus()
        .<JsonObject>request(
            Addresses.PRODUCTS_ALERTS_LIST,
            new JsonObject().put("since", since / 1000.0).put("limit", 1000))
        .map(Message::body)
        .onSuccess(
            recent ->
                recent
                    .getJsonArray("alerts")
                    .forEach(
                        a -> {
                          JsonObject alert = (JsonObject) a;
                          dispatcher.rememberSent(
                              alert.getString("alert_type"),
                              alert.getString("source_id"),
                              (long) (alert.getDouble("sent_at") * 1000));
                        }))
        .compose(remembered -> dispatcher.resumePending())
        .onFailure(
            failure ->
                LOG.warn(
                    "alert history not reachable yet ({}); pending alerts will be retried",
                    failure.getMessage()));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    if (slack != null) {
      slack.close();
    }
    return super.stop();
  }
}
