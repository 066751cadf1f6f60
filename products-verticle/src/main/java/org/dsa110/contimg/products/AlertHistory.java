package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.UnixTime;
import org.dsa110.contimg.common.store.Pages;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.store.Where;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * alert_history, and the outbox of alerts awaiting delivery. The alerts owner keeps no database: it writes
 * here. An alert enters the outbox before its delivery starts and leaves it in the transaction that records
 * its outcome, so none is lost in a restart and none is recorded twice.
 */
final class AlertHistory {
  static final Set<String> TYPES = Set.of("ese_candidate", "calibrator_missing", "system_error");
  static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

  private final SqliteStore store;

  AlertHistory(SqliteStore store) {
    this.store = store;
  }

  /** {@code {alert: {...}}} into the outbox; the reply carries the outbox id the outcome must name. */
  Future<JsonObject> enqueue(JsonObject body) {
    JsonObject alert = Fields.of(body).allowOnly(Set.of("alert")).optionalObject("alert")
        .orElseThrow(() -> HubException.badRequest("alert", "is required"));
    validate(alert);
    double now = UnixTime.now();
    return store.write(conn -> conn.preparedQuery("INSERT INTO hub_alert_outbox (created_at, alert) VALUES (?, ?)")
        .execute(Tuple.of(now, alert.encode()))
        .compose(done -> conn.query("SELECT last_insert_rowid() AS id").execute())
        .map(rows -> new JsonObject().put("outbox_id", rows.iterator().next().getLong("id"))));
  }

  /** Alerts still in the outbox, oldest first. */
  Future<JsonObject> pending(JsonObject body) {
    Fields.of(body).allowOnly(Set.of());
    return store.read(conn -> conn.query("SELECT id, created_at, alert FROM hub_alert_outbox ORDER BY id").execute()
        .map(rows -> {
          JsonArray pending = new JsonArray();
          rows.forEach(row -> pending.add(new JsonObject().put("outbox_id", row.getLong("id")).put("alert", new JsonObject(row.getString("alert")))));
          return new JsonObject().put("pending", pending);
        }));
  }

  /**
   * {@code {outbox_id?, source_id, alert_type, severity, message, channel?, success, error_msg?}}: the alert's
   * outcome into alert_history, and out of the outbox, in one transaction; published on events.alerts.
   * An outbox id already taken out is a 409, so an outcome is never recorded twice.
   */
  Future<Committed> record(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("outbox_id", "source_id", "alert_type", "severity", "message", "channel", "success",
        "error_msg", "title"));
    Optional<Long> outboxId = fields.optionalLong("outbox_id", 1, Long.MAX_VALUE);
    String sourceId = fields.requiredString("source_id");
    String type = fields.requiredEnum("alert_type", TYPES);
    String severity = fields.requiredEnum("severity", SEVERITIES);
    String message = fields.requiredString("message");
    String channel = fields.optionalString("channel").orElse(null);
    boolean success = fields.requiredBoolean("success");
    String error = fields.optionalString("error_msg").orElse(null);
    double now = UnixTime.now();
    return store.write(conn -> (outboxId.isEmpty() ? Future.succeededFuture(1)
            : conn.preparedQuery("DELETE FROM hub_alert_outbox WHERE id = ?").execute(Tuple.of(outboxId.get())).map(rows -> rows.rowCount()))
        .compose(removed -> {
          if (removed == 0) {
            throw HubException.conflict("outbox alert " + outboxId.get() + " was already recorded");
          }
          return conn.preparedQuery("INSERT INTO alert_history (source_id, alert_type, severity, message, sent_at, channel, success, error_msg) "
                  + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
              .execute(Tuple.of(sourceId, type, severity, message, now, channel, success ? 1 : 0, error));
        })
        .compose(done -> conn.query("SELECT * FROM alert_history WHERE id = last_insert_rowid()").execute())
        .map(rows -> {
          JsonObject recorded = rows.iterator().next().toJson();
          recorded.put("success", recorded.getLong("success") != 0);
          return new Committed(recorded, List.of(new Committed.Event(Addresses.EVENTS_ALERTS, recorded.copy())));
        }));
  }

  /** Recorded alerts, newest first, by type, severity, source and time. */
  Future<JsonObject> list(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("type", "severity", "source_id", "since", "until", "limit", "offset"));
    Optional<String> type = fields.optionalEnum("type", TYPES);
    Optional<String> severity = fields.optionalEnum("severity", SEVERITIES);
    Optional<String> source = fields.optionalString("source_id");
    Optional<Double> since = fields.optionalNonNegative("since");
    Optional<Double> until = fields.optionalNonNegative("until");
    Pages pages = Pages.of(fields);
    Where where = new Where()
        .addIfPresent(type, "alert_type = ?")
        .addIfPresent(severity, "severity = ?")
        .addIfPresent(source, "source_id = ?")
        .addIfPresent(since, "sent_at >= ?")
        .addIfPresent(until, "sent_at <= ?");
    return store.read(conn -> conn.preparedQuery("SELECT COUNT(*) AS n FROM alert_history" + where.sql()).execute(where.arguments())
        .compose(total -> conn.preparedQuery("SELECT * FROM alert_history" + where.sql() + " ORDER BY sent_at DESC, id DESC LIMIT ? OFFSET ?")
            .execute(where.arguments(pages.limit(), pages.offset()))
            .map(rows -> {
              JsonArray alerts = new JsonArray();
              rows.forEach(row -> alerts.add(row.toJson().put("success", row.getLong("success") == null || row.getLong("success") != 0)));
              return new JsonObject().put("alerts", alerts).put("total", total.iterator().next().getLong("n"))
                  .put("limit", pages.limit()).put("offset", pages.offset());
            })));
  }

  private static void validate(JsonObject alert) {
    Fields fields = Fields.of(alert, "alert");
    fields.requiredString("source_id");
    fields.requiredEnum("alert_type", TYPES);
    fields.requiredEnum("severity", SEVERITIES);
    fields.requiredString("message");
  }
}
