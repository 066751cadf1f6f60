package org.dsa110.contimg.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.dsa110.contimg.common.bus.Addresses;

/**
 * {@code /metrics} in Prometheus text format: Vert.x's own metrics (HTTP, event bus, pools) when
 * the JVM was started with them, plus the hub's: queue depth per state and groups completed in the
 * last hour (polled from the ingest owner), photometry rows and queue transitions (counted from
 * events), alerts by outcome.
 */
final class HubMetrics {
  private static final long POLL_MS = 15_000;

  private final PrometheusMeterRegistry registry;
  private final Map<String, AtomicLong> queueDepth = new ConcurrentHashMap<>();
  private final AtomicLong completedLastHour = new AtomicLong();
  private final Counter photometryRows;
  private final EdgeMetrics edge;
  private final long timer;

  HubMetrics(Vertx vertx, OwnerClient owners) {
    MeterRegistry shared = BackendRegistries.getDefaultNow();
    this.registry =
        shared instanceof PrometheusMeterRegistry prometheus
            ? prometheus
            : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Gauge.builder("contimg_groups_completed_last_hour", completedLastHour, AtomicLong::get)
        .description("observation groups completed in the last hour")
        .register(registry);
    edge = new EdgeMetrics(registry);
    photometryRows =
        Counter.builder("contimg_photometry_rows")
            .description("photometry measurements committed")
            .register(registry);
    vertx
        .eventBus()
        .<JsonObject>consumer(
            Addresses.EVENTS_PRODUCTS,
            message -> {
              if ("photometry".equals(message.body().getString("type"))) {
                photometryRows.increment(message.body().getInteger("count", 0));
              }
            });
    vertx
        .eventBus()
        .<JsonObject>consumer(
            Addresses.EVENTS_QUEUE,
            message -> {
              Counter.builder("contimg_queue_transitions")
                  .description("observation groups moved to a state")
                  .tag("to", String.valueOf(message.body().getString("to")))
                  .register(registry)
                  .increment();
              refreshQueue(owners);
            });
    vertx
        .eventBus()
        .<JsonObject>consumer(
            Addresses.EVENTS_ALERTS,
            message ->
                Counter.builder("contimg_alerts")
                    .description("alerts recorded, by delivery outcome")
                    .tag("outcome", message.body().getBoolean("success", false) ? "sent" : "failed")
                    .register(registry)
                    .increment());
    timer = vertx.setPeriodic(0, POLL_MS, id -> refreshQueue(owners));
  }

  /** Queue depth comes from the owner: polled, and refreshed whenever a group changes state. */
  private void refreshQueue(OwnerClient owners) {
    owners.request(Addresses.INGEST_QUEUE_STATS, new JsonObject()).onSuccess(this::record);
  }

  private void record(JsonObject stats) {
    stats
        .getJsonObject("counts")
        .forEach(
            entry ->
                queueDepth
                    .computeIfAbsent(
                        entry.getKey(),
                        state -> {
                          AtomicLong depth = new AtomicLong();
                          Gauge.builder("contimg_queue_groups", depth, AtomicLong::get)
                              .tag("state", state)
                              .description("observation groups per state")
                              .register(registry);
                          return depth;
                        })
                    .set(((Number) entry.getValue()).longValue()));
    completedLastHour.set(stats.getLong("groups_per_hour", 0L));
  }

  EdgeMetrics edge() {
    return edge;
  }

  Handler<RoutingContext> scrapingHandler() {
    return PrometheusScrapingHandler.create(registry);
  }

  void stop(Vertx vertx) {
    vertx.cancelTimer(timer);
  }
}
