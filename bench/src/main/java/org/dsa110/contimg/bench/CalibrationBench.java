package org.dsa110.contimg.bench;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Random;
import org.dsa110.contimg.common.bus.Addresses;

/**
 * {@code cal.active.at} with 10,000 registered sets (K, BP and G each, six-hour windows overlapping
 * by one hour): over the bus, over HTTP with 50 connections, and the same query straight through
 * sqlite-jdbc.
 */
final class CalibrationBench {
  /**
   * Where CalRepository's bounded windows end: open-ended tables are stored with this end and
   * looked up apart.
   */
  private static final double OPEN_END_MJD = 100_000.0;

  private static final int SETS = 10_000;
  private static final double FIRST_MJD = 60000.0;
  private static final double WINDOW_DAYS = 0.25;
  private static final double STEP_DAYS = 0.25 - 1.0 / 24;
  private static final int LOOKUPS = 20_000;
  private static final int CONNECTIONS = 50;

  private CalibrationBench() {}

  static void run(BenchHub hub, BenchTable table) throws Exception {
    EventBus bus = hub.vertx.eventBus();
    Figures registration =
        LoadRunner.run(
                "cal.set.register (3 tables, bus)",
                "sets",
                SETS,
                8,
                i -> bus.request(Addresses.CAL_SET_REGISTER, set(i)))
            .await();
    table.add(registration);

    Random random = new Random(42);
    double[] mjds = new double[LOOKUPS];
    for (int i = 0; i < LOOKUPS; i++) {
      mjds[i] = FIRST_MJD + random.nextDouble() * SETS * STEP_DAYS;
    }
    Figures raw = rawSqlite(hub, mjds);
    table.add(raw);
    table.add(
        LoadRunner.run(
                "cal.active.at over the bus, 1 in flight",
                "req",
                LOOKUPS / 4,
                1,
                i -> bus.request(Addresses.CAL_ACTIVE_AT, new JsonObject().put("mjd", mjds[i])))
            .await(),
        raw);
    table.add(
        LoadRunner.run(
                "cal.active.at over the bus, 50 in flight",
                "req",
                LOOKUPS,
                CONNECTIONS,
                i -> bus.request(Addresses.CAL_ACTIVE_AT, new JsonObject().put("mjd", mjds[i])))
            .await(),
        raw);

    HttpClient http = hub.vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(CONNECTIONS));
    table.add(
        LoadRunner.run(
                "GET /api/v1/calibration/active (50 connections)",
                "req",
                LOOKUPS,
                CONNECTIONS,
                i ->
                    http.request(
                            HttpMethod.GET,
                            hub.httpPort,
                            "127.0.0.1",
                            "/api/v1/calibration/active?mjd=" + mjds[i])
                        .compose(request -> request.send().compose(CalibrationBench::okBody)))
            .await(),
        raw);
    http.close().await();
  }

  private static JsonObject set(int i) {
    double start = FIRST_MJD + i * STEP_DAYS;
    JsonArray tables = new JsonArray();
    for (String type : new String[] {"K", "BP", "G"}) {
      tables.add(
          new JsonObject()
              .put("path", "/data/cal/set" + i + "." + type)
              .put("table_type", type)
              .put("valid_start_mjd", start)
              .put("valid_end_mjd", start + WINDOW_DAYS));
    }
    return new JsonObject().put("set_name", "set_" + i).put("tables", tables);
  }

  static Future<Object> okBody(HttpClientResponse response) {
    return response
        .body()
        .map(
            body -> {
              if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + body);
              }
              return body;
            });
  }

  /**
   * The physical floor: the lookup's own SQL (as CalRepository sends it) on one sqlite-jdbc
   * connection, one query after another.
   */
  private static Figures rawSqlite(BenchHub hub, double[] mjds) throws Exception {
    long[] latencies = new long[mjds.length];
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + hub.database("cal_registry.sqlite3"));
        PreparedStatement query =
            c.prepareStatement(
                "SELECT id, set_name, path, table_type, order_index, valid_start_mjd, "
                    + "valid_end_mjd, created_at, active FROM caltables WHERE valid_start_mjd BETWEEN ? AND ? AND valid_end_mjd >= ? AND valid_end_mjd < ? "
                    + "AND +active = 1")) {
      long begin = System.nanoTime();
      for (int i = 0; i < mjds.length; i++) {
        long t0 = System.nanoTime();
        query.setDouble(1, mjds[i] - WINDOW_DAYS);
        query.setDouble(2, mjds[i]);
        query.setDouble(3, mjds[i]);
        query.setDouble(4, OPEN_END_MJD);
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            rs.getString(2);
          }
        }
        latencies[i] = System.nanoTime() - t0;
      }
      return Figures.of(
          "raw sqlite-jdbc point query (baseline)",
          latencies,
          (System.nanoTime() - begin) / 1e9,
          "req");
    }
  }
}
