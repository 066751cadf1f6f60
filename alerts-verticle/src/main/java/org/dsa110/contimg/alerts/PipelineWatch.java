package org.dsa110.contimg.alerts;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Owner;

/**
 * Watches the pipeline on a timer for what no single event shows: a pending backlog over the
 * threshold for too long, nothing completed for too long while groups wait, an owner that keeps
 * failing its health check, and groups found to have no calibrator that have waited longer than
 * calibrator_missing_minutes.
 */
final class PipelineWatch {
  private static final List<Owner> OWNERS =
      List.of(Owner.INGEST, Owner.CALIBRATION, Owner.PRODUCTS, Owner.CATALOG);

  private final Vertx vertx;
  private final AlertSettings settings;
  private final AlertDispatcher dispatcher;
  private final DeliveryOptions quick;
  private final Map<Owner, Integer> failures = new EnumMap<>(Owner.class);
  private Long backlogSince;
  private Long stalledSince;

  PipelineWatch(Vertx vertx, AlertSettings settings, AlertDispatcher dispatcher) {
    this.vertx = vertx;
    this.settings = settings;
    this.dispatcher = dispatcher;
    this.quick =
        new DeliveryOptions().setSendTimeout(Math.max(1000, settings.watchIntervalMs() / 2));
  }

  long start() {
    return vertx.setPeriodic(settings.watchIntervalMs(), id -> check());
  }

  void check() {
    long now = System.currentTimeMillis();
    vertx
        .eventBus()
        .<JsonObject>request(Addresses.INGEST_QUEUE_STATS, new JsonObject(), quick)
        .onSuccess(
            reply -> {
              JsonObject stats = reply.body();
              int pending = stats.getJsonObject("counts").getInteger("pending", 0);
              backlogSince =
                  pending > settings.backlogThreshold()
                      ? (backlogSince == null ? now : backlogSince)
                      : null;
              if (backlogSince != null
                  && now - backlogSince >= settings.backlogMinutes() * 60_000) {
                dispatcher.raise(
                    new Alert(
                        "system_error",
                        "critical",
                        "backlog",
                        settings.pipelineChannel(),
                        "Pending backlog",
                        pending
                            + " groups pending for more than "
                            + settings.backlogMinutes()
                            + " minutes",
                        new JsonObject().put("Pending", String.valueOf(pending))));
              }
              boolean stalled = pending > 0 && stats.getInteger("groups_per_hour", 0) == 0;
              stalledSince = stalled ? (stalledSince == null ? now : stalledSince) : null;
              if (stalledSince != null && now - stalledSince >= settings.stallMinutes() * 60_000) {
                dispatcher.raise(
                    new Alert(
                        "system_error",
                        "critical",
                        "stall",
                        settings.pipelineChannel(),
                        "Pipeline stalled",
                        "no group completed for "
                            + settings.stallMinutes()
                            + " minutes while "
                            + pending
                            + " wait",
                        new JsonObject()));
              }
            });
    vertx
        .eventBus()
        .<JsonObject>request(
            Addresses.INGEST_QUEUE_LIST,
            new JsonObject().put("has_calibrator", false).put("limit", 50),
            quick)
        .onSuccess(
            reply ->
                reply
                    .body()
                    .getJsonArray("groups")
                    .forEach(
                        item -> {
                          JsonObject group = (JsonObject) item;
                          boolean waiting =
                              !"completed".equals(group.getString("state"))
                                  && !"failed".equals(group.getString("state"));
                          if (waiting
                              && now - group.getDouble("received_at") * 1000
                                  >= settings.calibratorMissingMinutes() * 60_000) {
                            dispatcher.raise(
                                new Alert(
                                    "calibrator_missing",
                                    "warning",
                                    "group " + group.getString("group_id"),
                                    settings.pipelineChannel(),
                                    "No calibrator in the group",
                                    "group "
                                        + group.getString("group_id")
                                        + " has no calibrator in its field",
                                    new JsonObject()
                                        .put("Group", group.getString("group_id"))
                                        .put("State", group.getString("state"))));
                          }
                        }));
    for (Owner owner : OWNERS) {
      vertx
          .eventBus()
          .request(Addresses.health(owner), new JsonObject(), quick)
          .onComplete(
              result -> {
                int count = result.succeeded() ? 0 : failures.getOrDefault(owner, 0) + 1;
                failures.put(owner, count);
                if (count >= settings.ownerFailures()) {
                  dispatcher.raise(
                      new Alert(
                          "system_error",
                          "critical",
                          "owner " + owner.displayName(),
                          settings.pipelineChannel(),
                          "Owner not answering",
                          owner.displayName()
                              + " failed "
                              + count
                              + " health checks in a row: "
                              + result.cause().getMessage(),
                          new JsonObject()));
                }
              });
    }
  }
}
