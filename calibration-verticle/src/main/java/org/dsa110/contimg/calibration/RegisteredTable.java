package org.dsa110.contimg.calibration;

import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import org.dsa110.contimg.common.store.DbRow;

/**
 * An active table as a lookup sees it: its registration, and for an open-ended table (valid until
 * superseded) the MJD from which a later table of its type supersedes it ({@code +Infinity} while
 * none does).
 */
record RegisteredTable(long id, double createdAt, CalTable table, double supersededAt) {
  /** Newest registration first; row ids tell apart registrations within one clock tick. */
  static final Comparator<RegisteredTable> NEWEST_FIRST =
      Comparator.comparingDouble(RegisteredTable::createdAt)
          .thenComparingLong(RegisteredTable::id)
          .reversed();

  static RegisteredTable from(DbRow row, double supersededAt) {
    return new RegisteredTable(
        row.getLong("id"), row.getDouble("created_at"), CalTable.from(row), supersededAt);
  }

  String type() {
    return table.tableType();
  }

  String setName() {
    return table.setName();
  }

  boolean openEnded() {
    return table.openEnded();
  }

  double start() {
    return table.validStartMjd();
  }

  /**
   * Where the window ends: its registered end, or where a later table of its type supersedes it.
   */
  double end() {
    return openEnded() ? supersededAt : table.validEndMjd();
  }

  /** A registered window includes both edges; an open-ended one ends where its successor begins. */
  boolean contains(double mjd) {
    return start() <= mjd && (openEnded() ? mjd < supersededAt : mjd <= table.validEndMjd());
  }

  /** Days from mjd to the window (0 inside it). */
  double distanceDays(double mjd) {
    if (contains(mjd)) {
      return 0;
    }
    return mjd < start() ? start() - mjd : mjd - end();
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("set_name", table.setName())
        .put("path", table.path())
        .put("table_type", table.tableType())
        .put("order_index", table.orderIndex())
        .put("valid_start_mjd", table.validStartMjd())
        .put("valid_end_mjd", table.validEndMjd())
        .put("open_ended", openEnded())
        .put("created_at", createdAt)
        .put("active", table.active());
  }
}
