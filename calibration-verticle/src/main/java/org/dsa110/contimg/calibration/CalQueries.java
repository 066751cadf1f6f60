package org.dsa110.contimg.calibration;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.Mjd;
import org.dsa110.contimg.common.store.DbRow;
import org.dsa110.contimg.common.store.Pages;
import org.dsa110.contimg.common.store.SqliteStore;

/** Which tables apply at an MJD, the registered sets, and how well a time range is covered. */
final class CalQueries {
  private static final double HOURS_PER_DAY = 24.0;
  private static final double MAX_COVERAGE_DAYS = 3660;
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;

  private final SqliteStore store;
  private final LongestWindow longestWindow;
  private final OpenEndedTypes openEnded;
  private final CalSettings settings;
  private final MissingCalibration missing;

  CalQueries(
      SqliteStore store,
      LongestWindow longestWindow,
      OpenEndedTypes openEnded,
      CalSettings settings,
      EventBus bus) {
    this.store = store;
    this.longestWindow = longestWindow;
    this.openEnded = openEnded;
    this.settings = settings;
    this.missing = new MissingCalibration(bus);
  }

  /**
   * The apply list at {@code mjd} ({@link ApplyList}). With no table of any type within reach, a
   * 404. When the pipeline asked and the list lacks a required type (or is empty), an {@code
   * events.calibration} event ({@link MissingCalibration}).
   */
  Future<JsonObject> activeAt(JsonObject body, boolean byPipeline) {
    Fields fields = Fields.of(body).allowOnly(Set.of("mjd", "fallback"));
    double mjd = Mjd.required(fields, "mjd");
    boolean fallback = fields.optionalBoolean("fallback").orElse(settings.fallbackEnabled());
    double reachDays = fallback ? settings.fallbackHours() / HOURS_PER_DAY : 0;
    return store
        .read(
            tx ->
                CalRepository.activeNear(
                    tx, mjd - reachDays, mjd + reachDays, longestWindow.days(), openEnded.types()))
        .map(
            active -> {
              ApplyList list = ApplyList.at(mjd, active, settings.types(), reachDays);
              if (list.tables().isEmpty()) {
                missing.seen(mjd, byPipeline);
                throw HubException.notFound(
                    "no active calibration table is valid at MJD "
                        + mjd
                        + (fallback ? " or within " + settings.fallbackHours() + " h of it" : ""));
              }
              if (!list.complete()) {
                missing.incomplete(mjd, list.missing(), byPipeline);
              }
              return list.toJson();
            });
  }

  /**
   * Registered sets, newest first, filtered by active, table type and overlap with an MJD range.
   */
  Future<JsonObject> list(JsonObject body) {
    Fields fields =
        Fields.of(body)
            .allowOnly(Set.of("active", "type", "start_mjd", "end_mjd", "limit", "offset"));
    Boolean active = fields.optionalBoolean("active").orElse(null);
    String type =
        fields.optionalEnum("type", Set.copyOf(settings.types().inApplyOrder())).orElse(null);
    Double start = Mjd.optional(fields, "start_mjd").orElse(null);
    Double end = Mjd.optional(fields, "end_mjd").orElse(null);
    Pages pages = Pages.of(fields, DEFAULT_LIMIT, MAX_LIMIT);
    Integer activeFlag = active == null ? null : active ? 1 : 0;
    String sets =
        "SELECT set_name, COUNT(*) AS tables, GROUP_CONCAT(DISTINCT table_type) AS types, "
            + "MIN(valid_start_mjd) AS valid_start_mjd, MAX(valid_end_mjd) AS valid_end_mjd, MAX(created_at) AS created_at, "
            + "MAX(active) AS active, MAX(id) AS newest_id FROM caltables GROUP BY set_name "
            + "HAVING (? IS NULL OR MAX(active) = ?) AND (? IS NULL OR SUM(table_type = ?) > 0) "
            + "AND (? IS NULL OR MAX(valid_end_mjd) >= ?) AND (? IS NULL OR MIN(valid_start_mjd) <= ?)";
    Object[] filter = {activeFlag, activeFlag, type, type, start, start, end, end};
    Object[] paged = Arrays.copyOf(filter, filter.length + 2);
    paged[filter.length] = pages.limit();
    paged[filter.length + 1] = pages.offset();
    return store.read(
        tx -> {
          long total = tx.count("SELECT COUNT(*) FROM (" + sets + ")", filter);
          JsonArray page = new JsonArray();
          // registrations within one clock tick are told apart by their rows' ids: the later one is
          // newer
          tx.query(sets + " ORDER BY created_at DESC, newest_id DESC LIMIT ? OFFSET ?", paged)
              .forEach(
                  row ->
                      page.add(
                          withoutRowId(row.toJson())
                              .put("active", row.getLong("active") != 0)
                              .put(
                                  "types",
                                  new JsonArray(List.of(row.getString("types").split(","))))));
          return new JsonObject()
              .put("sets", page)
              .put("total", total)
              .put("limit", pages.limit())
              .put("offset", pages.offset());
        });
  }

  private static JsonObject withoutRowId(JsonObject set) {
    set.remove("newest_id");
    return set;
  }

  Future<JsonObject> get(JsonObject body) {
    String setName = Fields.of(body).allowOnly(Set.of("set_name")).requiredString("set_name");
    return store.read(
        tx -> {
          List<DbRow> rows =
              tx.query(
                  "SELECT "
                      + CalTable.COLUMNS
                      + " FROM caltables WHERE set_name = ? ORDER BY order_index, path",
                  setName);
          if (rows.isEmpty()) {
            throw HubException.notFound("no calibration set " + setName);
          }
          JsonArray tables = CalRepository.toJson(rows);
          return new JsonObject()
              .put("set_name", setName)
              .put("tables", tables)
              .put("active", tables.stream().anyMatch(t -> ((JsonObject) t).getBoolean("active")))
              .put(
                  "retirement",
                  tx.first(
                          "SELECT reason, retired_at FROM hub_set_retirements WHERE set_name = ?",
                          setName)
                      .map(DbRow::toJson)
                      .orElse(null));
        });
  }

  /**
   * How [start_mjd, end_mjd] is calibrated: complete, partial and missing intervals of the apply
   * lists' required types, or of one {@code type} on request ({@link Coverage}).
   */
  Future<JsonObject> coverage(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("start_mjd", "end_mjd", "type"));
    double start = Mjd.required(fields, "start_mjd");
    double end = Mjd.required(fields, "end_mjd");
    String type =
        fields.optionalEnum("type", Set.copyOf(settings.types().inApplyOrder())).orElse(null);
    if (!(start < end)) {
      throw HubException.badRequest(
          "end_mjd", "must be after start_mjd (" + start + "), got " + end);
    }
    if (end - start > MAX_COVERAGE_DAYS) {
      throw HubException.badRequest(
          "end_mjd", "the range may span at most " + (int) MAX_COVERAGE_DAYS + " days");
    }
    return store
        .read(
            tx -> CalRepository.activeNear(tx, start, end, longestWindow.days(), openEnded.types()))
        .map(
            active ->
                (type == null
                        ? Coverage.ofRequired(start, end, active, settings.types())
                        : Coverage.ofType(start, end, active, type))
                    .toJson());
  }
}
