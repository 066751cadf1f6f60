package org.dsa110.contimg.calibration;

import io.vertx.core.json.JsonObject;
import org.dsa110.contimg.common.store.DbRow;

/** One row of caltables, as registered (the seed's columns). */
record CalTable(
    String setName,
    String path,
    String tableType,
    int orderIndex,
    double validStartMjd,
    double validEndMjd,
    boolean active) {

  static final String COLUMNS =
      "id, set_name, path, table_type, order_index, valid_start_mjd, valid_end_mjd, created_at, active";

  /**
   * The end an open-ended window (valid until superseded) is stored with: the column is NOT NULL,
   * and this is the largest MJD the hub accepts, as import-legacy writes the pipeline's NULL ends.
   */
  static final double OPEN_END_MJD = 100_000.0;

  static CalTable from(DbRow row) {
    Number active = (Number) row.getValue("active");
    return new CalTable(
        row.getString("set_name"),
        row.getString("path"),
        row.getString("table_type"),
        row.getLong("order_index").intValue(),
        row.getDouble("valid_start_mjd"),
        row.getDouble("valid_end_mjd"),
        active == null || active.intValue() != 0);
  }

  /** Same registration (whether active or not): what a re-sent identical request carries. */
  boolean sameContent(CalTable other) {
    return setName.equals(other.setName)
        && path.equals(other.path)
        && tableType.equals(other.tableType)
        && orderIndex == other.orderIndex
        && validStartMjd == other.validStartMjd
        && validEndMjd == other.validEndMjd;
  }

  boolean openEnded() {
    return validEndMjd >= OPEN_END_MJD;
  }

  static JsonObject toJson(DbRow row) {
    Number active = (Number) row.getValue("active");
    return new JsonObject()
        .put("set_name", row.getString("set_name"))
        .put("path", row.getString("path"))
        .put("table_type", row.getString("table_type"))
        .put("order_index", row.getLong("order_index"))
        .put("valid_start_mjd", row.getDouble("valid_start_mjd"))
        .put("valid_end_mjd", row.getDouble("valid_end_mjd"))
        .put("created_at", row.getDouble("created_at"))
        .put("active", active == null || active.intValue() != 0);
  }
}
