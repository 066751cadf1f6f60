package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.UnixTime;
import org.dsa110.contimg.common.store.DbRow;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.store.Tx;

/**
 * The astronomers' side of the candidates: flag a source by hand, and move a candidate through
 * review (active → investigated → dismissed, or back to active), with notes kept as an append-only
 * log.
 */
final class EseReview {
  static final String CHANGE_REVIEW = "review";
  private static final Map<String, Set<String>> MOVES =
      Map.of(
          "active", Set.of("investigated", "dismissed"),
          "investigated", Set.of("active", "dismissed"),
          "dismissed", Set.of("active"));

  private final SqliteStore store;

  EseReview(SqliteStore store) {
    this.store = store;
  }

  /** A user flag on a source that has photometry; one open user flag per source. */
  Future<Committed> flag(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("source_id", "by", "notes", "significance"));
    String sourceId = fields.requiredString("source_id");
    String by = fields.requiredString("by");
    String notes = fields.optionalString("notes").orElse(null);
    Double significance = fields.optionalNonNegative("significance").orElse(null);
    double now = UnixTime.now();
    return store.write(
        tx -> {
          DbRow stats =
              tx.first(
                      "SELECT sigma_deviation FROM variability_stats WHERE source_id = ?", sourceId)
                  .orElseThrow(
                      () -> HubException.notFound("no source " + sourceId + " with photometry"));
          Double sigma = stats.getDouble("sigma_deviation");
          tx.first(
                  "SELECT id FROM ese_candidates WHERE source_id = ? AND flag_type = 'user' AND status != 'dismissed'",
                  sourceId)
              .ifPresent(
                  open -> {
                    throw HubException.conflict(
                        "source "
                            + sourceId
                            + " already has an open user flag (id "
                            + open.getLong("id")
                            + ")");
                  });
          long id =
              tx.insert(
                  "INSERT INTO ese_candidates (source_id, flagged_at, flagged_by, significance, flag_type, notes, status) "
                      + "VALUES (?, ?, ?, ?, 'user', ?, 'active')",
                  sourceId,
                  now,
                  by,
                  significance != null ? significance : sigma != null ? sigma : 0.0,
                  notes == null ? null : note(now, by, notes));
          return committed(tx, id, EseCandidates.CHANGE_NEW);
        });
  }

  /**
   * Moves a candidate to another review status, stamping when, and appends the reviewer's notes.
   */
  Future<Committed> update(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("id", "status", "notes", "by"));
    long id =
        fields
            .optionalLong("id", 1, Long.MAX_VALUE)
            .orElseThrow(() -> HubException.badRequest("id", "is required"));
    String status = fields.requiredEnum("status", MOVES.keySet());
    String by = fields.requiredString("by");
    String notes = fields.optionalString("notes").orElse(null);
    double now = UnixTime.now();
    return store.write(
        tx -> {
          DbRow candidate =
              tx.first("SELECT * FROM ese_candidates WHERE id = ?", id)
                  .orElseThrow(() -> HubException.notFound("no ESE candidate " + id));
          String from =
              candidate.getString("status") == null ? "active" : candidate.getString("status");
          if (!MOVES.getOrDefault(from, Set.of()).contains(status)) {
            throw HubException.conflict(
                "candidate " + id + " cannot move from " + from + " to " + status);
          }
          checkReopening(tx, candidate, status);
          tx.update(
              "UPDATE ese_candidates SET status = ?, "
                  + "investigated_at = CASE WHEN ? = 'investigated' THEN ? ELSE investigated_at END, "
                  + "dismissed_at = CASE WHEN ? = 'dismissed' THEN ? ELSE dismissed_at END, "
                  + "notes = CASE WHEN ? IS NULL THEN notes WHEN notes IS NULL THEN ? ELSE notes || char(10) || ? END WHERE id = ?",
              status,
              status,
              now,
              status,
              now,
              notes,
              note(now, by, notes),
              note(now, by, notes),
              id);
          return committed(tx, id, CHANGE_REVIEW);
        });
  }

  /**
   * Reopening a dismissed candidate must not make a second open one for the same source and flag
   * type.
   */
  private static void checkReopening(Tx tx, DbRow candidate, String status) {
    if (!"active".equals(status) || !"dismissed".equals(candidate.getString("status"))) {
      return;
    }
    tx.first(
            "SELECT id FROM ese_candidates WHERE source_id = ? AND flag_type = ? AND status != 'dismissed' AND id != ?",
            candidate.getString("source_id"),
            candidate.getString("flag_type"),
            candidate.getLong("id"))
        .ifPresent(
            open -> {
              throw HubException.conflict(
                  "source "
                      + candidate.getString("source_id")
                      + " already has an open "
                      + candidate.getString("flag_type")
                      + " candidate (id "
                      + open.getLong("id")
                      + ")");
            });
  }

  private static Committed committed(Tx tx, long id, String change) {
    return new Committed(
        tx.first("SELECT * FROM ese_candidates WHERE id = ?", id).orElseThrow().toJson(),
        List.of(EseCandidates.event(tx, id, change, null)));
  }

  private static String note(double at, String by, String text) {
    return text == null
        ? null
        : "["
            + Instant.ofEpochMilli((long) (at * 1000)).truncatedTo(ChronoUnit.SECONDS)
            + " "
            + by
            + "] "
            + text;
  }
}
