package org.dsa110.contimg.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dsa110.contimg.common.bus.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes alerts from the rules to Slack and into alert_history: cooldown per (type, key), the
 * channel's rate limit (held ones are recorded and summarised), the outbox before delivery, the
 * outcome after it.
 */
final class AlertDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

  /**
   * Past this many remembered keys, those whose cooldown has ended are forgotten (one key per
   * source otherwise piles up).
   */
  private static final int FORGET_ABOVE = 10_000;

  private static final DeliveryOptions PRODUCTS = new DeliveryOptions().setSendTimeout(30_000);
  private static final List<String> SEVERITY_ORDER = List.of("info", "warning", "critical");

  private final Vertx vertx;
  private final AlertSettings settings;
  private final SlackDelivery slack;
  private final RateLimiter limiter;
  private final AlertBook book;
  private final Map<String, Long> lastSent = new HashMap<>();
  private final Set<Long> outboxInFlight = new HashSet<>();
  private int inFlight;

  AlertDispatcher(Vertx vertx, AlertSettings settings, SlackDelivery slack) {
    this.vertx = vertx;
    this.settings = settings;
    this.slack = slack;
    this.limiter =
        new RateLimiter(
            vertx, settings.rateLimitCount(), settings.rateLimitWindowSeconds(), this::summarise);
    this.book = new AlertBook(vertx);
  }

  /**
   * An alert from a rule: dropped inside its cooldown, held over the rate limit, otherwise
   * delivered.
   */
  void raise(Alert alert) {
    String key = alert.type() + "|" + alert.sourceId();
    long now = System.currentTimeMillis();
    Long last = lastSent.get(key);
    if (last != null && now - last < settings.cooldownSeconds() * 1000) {
      LOG.debug("{} for {} within its cooldown; not sent", alert.type(), alert.sourceId());
      return;
    }
    lastSent.put(key, now);
    if (lastSent.size() > FORGET_ABOVE) {
      lastSent.values().removeIf(sent -> now - sent >= settings.cooldownSeconds() * 1000);
    }
    if (!limiter.admit(alert)) {
      record(alert, 0, false, "held back by the rate limit; included in the summary");
      return;
    }
    deliver(alert);
  }

  /** Remembers alerts sent before a restart, so their cooldowns still hold. */
  void rememberSent(String type, String key, long atMillis) {
    lastSent.merge(type + "|" + key, atMillis, Math::max);
  }

  /** Delivers now, ignoring cooldown and rate limit (test alerts, summaries). */
  Future<JsonObject> deliver(Alert alert) {
    if (inFlight >= settings.maxPending()) {
      return record(alert, 0, false, "not sent: " + inFlight + " alerts already pending delivery");
    }
    inFlight++;
    return book.enqueue(alert)
        .compose(outboxId -> send(alert, outboxId))
        .onComplete(done -> inFlight--);
  }

  /**
   * Delivers the outbox's alerts that no delivery is working on (what a restart, or an owner
   * outage, left). A malformed entry is logged, recorded as a failed alert (which takes it out of
   * the outbox) and skipped: before, one such entry stopped the delivery of every later alert,
   * silently, on every watch interval.
   */
  Future<Void> resumePending() {
    return vertx
        .eventBus()
        .<JsonObject>request(Addresses.PRODUCTS_ALERTS_PENDING, new JsonObject(), PRODUCTS)
        .map(Message::body)
        .map(
            reply -> {
              reply.getJsonArray("pending").forEach(item -> resume((JsonObject) item));
              return (Void) null;
            })
        .onFailure(
            failure ->
                LOG.warn(
                    "pending alerts could not be read ({}); trying again at the next watch interval",
                    failure.getMessage()));
  }

  private void resume(JsonObject pending) {
    long outboxId = pending.getLong("outbox_id");
    if (outboxInFlight.contains(outboxId)) {
      return;
    }
    Alert alert;
    try {
      if (pending.getValue("malformed") instanceof String reason) {
        throw new IllegalArgumentException(reason);
      }
      alert = Alert.fromJson(pending.getValue("alert") instanceof JsonObject json ? json : null);
    } catch (IllegalArgumentException | ClassCastException e) {
      LOG.warn(
          "alert {} in the outbox is malformed ({}); recorded as failed and skipped",
          outboxId,
          e.getMessage());
      outboxInFlight.add(outboxId);
      book.record(Alert.malformedOutcome(outboxId, e.getMessage()))
          .onFailure(
              failure ->
                  LOG.warn(
                      "malformed alert {} could not be recorded yet: {}",
                      outboxId,
                      failure.getMessage()))
          .onComplete(done -> outboxInFlight.remove(outboxId));
      return;
    }
    LOG.info("delivering alert {} left pending", outboxId);
    inFlight++;
    send(alert, outboxId).onComplete(done -> inFlight--);
  }

  private Future<JsonObject> send(Alert alert, long outboxId) {
    outboxInFlight.add(outboxId);
    return deliverToSlack(alert, outboxId).onComplete(done -> outboxInFlight.remove(outboxId));
  }

  private Future<JsonObject> deliverToSlack(Alert alert, long outboxId) {
    var webhook = settings.webhookFor(alert.channel());
    if (webhook.isEmpty()) {
      return record(alert, outboxId, false, "no Slack webhook configured");
    }
    return slack
        .send(webhook.get(), SlackMessage.render(alert, settings.dashboardBaseUrl()))
        .transform(
            sent -> {
              if (sent.failed()) {
                LOG.warn(
                    "{} alert for {} not delivered: {}",
                    alert.type(),
                    alert.sourceId(),
                    sent.cause().getMessage());
              }
              return record(
                  alert,
                  outboxId,
                  sent.succeeded(),
                  sent.failed() ? sent.cause().getMessage() : null);
            });
  }

  private Future<JsonObject> record(Alert alert, long outboxId, boolean delivered, String error) {
    return book.record(alert.outcome(outboxId, delivered, error))
        .onFailure(
            failure ->
                LOG.error(
                    "{} alert for {} could not be recorded (it stays in the outbox if it was there): {}",
                    alert.type(),
                    alert.sourceId(),
                    failure.getMessage()));
  }

  /**
   * One message for the alerts a rate-limit window held back on a channel: how many of each type,
   * and the sources, so nobody scrolls through a storm. It takes the most severe of their
   * severities.
   */
  private void summarise(Alert first, List<Alert> held) {
    Map<String, Long> byType = new TreeMap<>();
    held.forEach(alert -> byType.merge(alert.type(), 1L, Long::sum));
    String counts =
        String.join(
            ", ", byType.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    String severity =
        held.stream()
            .map(Alert::severity)
            .max(Comparator.comparingInt(SEVERITY_ORDER::indexOf))
            .orElse(first.severity());
    String sources =
        String.join(", ", held.stream().map(Alert::sourceId).limit(20).toList())
            + (held.size() > 20 ? ", ..." : "");
    String type =
        byType.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .orElse(first.type());
    deliver(
        new Alert(
            type,
            severity,
            "summary",
            first.channel(),
            "+" + held.size() + " more alerts (" + counts + ")",
            sources,
            new JsonObject()));
  }
}
