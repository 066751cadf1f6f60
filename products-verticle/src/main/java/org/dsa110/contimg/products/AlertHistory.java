package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.UnixTime;
import org.dsa110.contimg.common.store.Pages;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.store.Where;

/**
 * alert_history, and the outbox of alerts awaiting delivery. The alerts owner keeps no database: it
 * writes here. An alert enters the outbox before its delivery starts and leaves it in the
 * transaction that records its outcome, so none is lost in a restart and none is recorded twice.
 */
final class AlertHistory {
  static final Set<String> TYPES = Set.of("ese_candidate", "calibrator_missing", "system_error");
  static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

  private static final int MAX_BATCH = 1000;

  private final SqliteStore store;

  AlertHistory(SqliteStore store) {
    this.store = store;
  }

  /**
   * {@code {alerts: [{...}, ...]}} into the outbox in one transaction; the reply's outbox_ids are
   * in the same order.
   */
  Future<Committed> enqueue(JsonObject body) {
    List<Fields> alerts = Fields.of(body).allowOnly(Set.of("alerts")).objects("alerts");
    if (alerts.size() > MAX_BATCH) {
      throw HubException.badRequest(
          "alerts", "at most " + MAX_BATCH + " per request, got " + alerts.size());
    }
    alerts.forEach(AlertHistory::validate);
    List<String> encoded =
        body.getJsonArray("alerts").stream().map(alert -> ((JsonObject) alert).encode()).toList();
    double now = UnixTime.now();
    return store.write(
        tx -> {
          JsonArray ids = new JsonArray();
          encoded.forEach(
              alert ->
                  ids.add(
                      tx.insert(
                          "INSERT INTO hub_alert_outbox (created_at, alert) VALUES (?, ?)",
                          now,
                          alert)));
          return Committed.of(new JsonObject().put("outbox_ids", ids));
        });
  }

  /** Alerts still in the outbox, oldest first. */
  Future<JsonObject> pending(JsonObject body) {
    Fields.of(body).allowOnly(Set.of());
    return store.read(
        tx -> {
          JsonArray pending = new JsonArray();
          tx.query("SELECT id, created_at, alert FROM hub_alert_outbox ORDER BY id")
              .forEach(row -> pending.add(pendingEntry(row.getLong("id"), row.getString("alert"))));
          return new JsonObject().put("pending", pending);
        });
  }

  /**
   * One outbox entry; one that is not a JSON object is named {@code malformed} rather than failing
   * the whole read.
   */
  private static JsonObject pendingEntry(long id, String alert) {
    JsonObject entry = new JsonObject().put("outbox_id", id);
    try {
      return entry.put("alert", new JsonObject(alert));
    } catch (DecodeException | ClassCastException | NullPointerException e) {
      return entry.put("malformed", "alert: not a JSON object");
    }
  }

  /**
   * {@code {outcomes: [{outbox_id?, source_id, alert_type, severity, message, channel?, success,
   * error_msg?}, ...]}}: each outcome into alert_history and out of the outbox, all in one
   * transaction; each recorded row is published on events.alerts. An outcome whose outbox entry was
   * already taken out is not recorded again: its place in the reply says {@code already_recorded}.
   */
  Future<Committed> record(JsonObject body) {
    List<Fields> outcomes = Fields.of(body).allowOnly(Set.of("outcomes")).objects("outcomes");
    if (outcomes.size() > MAX_BATCH) {
      throw HubException.badRequest(
          "outcomes", "at most " + MAX_BATCH + " per request, got " + outcomes.size());
    }
    List<Outcome> parsed = outcomes.stream().map(Outcome::parse).toList();
    double now = UnixTime.now();
    return store.write(
        tx -> {
          JsonArray recorded = new JsonArray();
          List<Committed.Event> events = new ArrayList<>();
          for (Outcome outcome : parsed) {
            if (outcome.outboxId().isPresent()
                && tx.update("DELETE FROM hub_alert_outbox WHERE id = ?", outcome.outboxId().get())
                    == 0) {
              recorded.add(
                  new JsonObject()
                      .put("outbox_id", outcome.outboxId().get())
                      .put("already_recorded", true));
              continue;
            }
            long id =
                tx.insert(
                    "INSERT INTO alert_history (source_id, alert_type, severity, message, sent_at, channel, success, error_msg) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    outcome.sourceId(),
                    outcome.type(),
                    outcome.severity(),
                    outcome.message(),
                    now,
                    outcome.channel(),
                    outcome.success() ? 1 : 0,
                    outcome.error());
            JsonObject row =
                tx.first("SELECT * FROM alert_history WHERE id = ?", id).orElseThrow().toJson();
            row.put("success", row.getLong("success") != 0);
            recorded.add(row);
            events.add(new Committed.Event(Addresses.EVENTS_ALERTS, row.copy()));
          }
          return new Committed(new JsonObject().put("recorded", recorded), events);
        });
  }

  private record Outcome(
      Optional<Long> outboxId,
      String sourceId,
      String type,
      String severity,
      String message,
      String channel,
      boolean success,
      String error) {
    static Outcome parse(Fields fields) {
      fields.allowOnly(
          Set.of(
              "outbox_id",
              "source_id",
              "alert_type",
              "severity",
              "message",
              "channel",
              "success",
              "error_msg",
              "title"));
      return new Outcome(
          fields.optionalLong("outbox_id", 1, Long.MAX_VALUE),
          fields.requiredString("source_id"),
          fields.requiredEnum("alert_type", TYPES),
          fields.requiredEnum("severity", SEVERITIES),
          fields.requiredString("message"),
          fields.optionalString("channel").orElse(null),
          fields.requiredBoolean("success"),
          fields.optionalString("error_msg").orElse(null));
    }
  }

  /** Recorded alerts, newest first, by type, severity, source and time. */
  Future<JsonObject> list(JsonObject body) {
    Fields fields =
        Fields.of(body)
            .allowOnly(
                Set.of("type", "severity", "source_id", "since", "until", "limit", "offset"));
    Optional<String> type = fields.optionalEnum("type", TYPES);
    Optional<String> severity = fields.optionalEnum("severity", SEVERITIES);
    Optional<String> source = fields.optionalString("source_id");
    Optional<Double> since = fields.optionalNonNegative("since");
    Optional<Double> until = fields.optionalNonNegative("until");
    Pages pages = Pages.of(fields);
    Where where =
        new Where()
            .addIfPresent(type, "alert_type = ?")
            .addIfPresent(severity, "severity = ?")
            .addIfPresent(source, "source_id = ?")
            .addIfPresent(since, "sent_at >= ?")
            .addIfPresent(until, "sent_at <= ?");
    return store.read(
        tx -> {
          JsonArray alerts = new JsonArray();
          tx.query(
                  "SELECT * FROM alert_history"
                      + where.sql()
                      + " ORDER BY sent_at DESC, id DESC LIMIT ? OFFSET ?",
                  where.arguments(pages.limit(), pages.offset()))
              .forEach(
                  row ->
                      alerts.add(
                          row.toJson()
                              .put(
                                  "success",
                                  row.getLong("success") == null || row.getLong("success") != 0)));
          return new JsonObject()
              .put("alerts", alerts)
              .put(
                  "total",
                  tx.count("SELECT COUNT(*) FROM alert_history" + where.sql(), where.arguments()))
              .put("limit", pages.limit())
              .put("offset", pages.offset());
        });
  }

  private static void validate(Fields fields) {
    fields.requiredString("source_id");
    fields.requiredEnum("alert_type", TYPES);
    fields.requiredEnum("severity", SEVERITIES);
    fields.requiredString("message");
  }
}
