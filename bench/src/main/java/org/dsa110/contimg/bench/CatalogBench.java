package org.dsa110.contimg.bench;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import org.dsa110.contimg.catalog.SyntheticCatalog;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Sky;

/**
 * The NVSS-sized catalogue: import of 1.8 million rows through catalog.import, then cone searches
 * of 0.5° and 1.5° over HTTP at random positions north of Dec -40°, beside a brute-force scan of
 * the whole table.
 */
final class CatalogBench {
  private static final long ROWS = Long.getLong("bench.catalog.rows", 1_800_000L);
  private static final int SEARCHES = 2_000;
  private static final int BRUTE_FORCE_SEARCHES = 20;

  private CatalogBench() {}

  static void run(BenchHub hub, BenchTable table) throws Exception {
    Path csv = hub.stateDir.resolve("nvss-synthetic.csv");
    SyntheticCatalog.write(csv, ROWS, 1);
    long begin = System.nanoTime();
    JsonObject summary =
        hub.vertx
            .eventBus()
            .<JsonObject>request(
                Addresses.CATALOG_IMPORT,
                new JsonObject().put("path", csv.toString()).put("mode", "strict"),
                new DeliveryOptions().setSendTimeout(3_600_000))
            .await()
            .body();
    table.add(
        Figures.rate(
            String.format("catalog.import, %,d rows", summary.getLong("loaded")),
            summary.getLong("loaded"),
            (System.nanoTime() - begin) / 1e9,
            "rows"));
    Files.delete(csv);

    Random random = new Random(9);
    double[][] centres = new double[SEARCHES][];
    double sinMin = Math.sin(Math.toRadians(-40));
    for (int i = 0; i < SEARCHES; i++) {
      centres[i] =
          new double[] {
            random.nextDouble() * 360,
            Math.toDegrees(Math.asin(sinMin + random.nextDouble() * (1 - sinMin)))
          };
    }
    Figures brute = bruteForce(hub.database("catalogs/master_sources.sqlite3"), centres, 1.5);
    table.add(brute);
    HttpClient http = hub.vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(50));
    for (double radius : new double[] {0.5, 1.5}) {
      for (int inFlight : new int[] {1, 50}) {
        table.add(
            LoadRunner.run(
                    String.format(
                        "GET /api/v1/catalog/cone, r = %.1f°, %d in flight", radius, inFlight),
                    "req",
                    SEARCHES,
                    inFlight,
                    i ->
                        http.request(
                                HttpMethod.GET,
                                hub.httpPort,
                                "127.0.0.1",
                                String.format(
                                    "/api/v1/catalog/cone?ra=%.5f&dec=%.5f&radius=%.1f",
                                    centres[i][0], centres[i][1], radius))
                            .compose(r -> r.send().compose(CalibrationBench::okBody)))
                .await(),
            brute);
      }
    }
    http.close().await();
  }

  /** Every row read and its separation computed: what a cone search without an index costs. */
  private static Figures bruteForce(Path file, double[][] centres, double radius) throws Exception {
    long[] latencies = new long[BRUTE_FORCE_SEARCHES];
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = c.createStatement()) {
      long begin = System.nanoTime();
      long found = 0;
      for (int i = 0; i < BRUTE_FORCE_SEARCHES; i++) {
        long t0 = System.nanoTime();
        int inside = 0;
        try (ResultSet rs =
            statement.executeQuery("SELECT source_id, ra_deg, dec_deg FROM sources")) {
          while (rs.next()) {
            if (Sky.separationDeg(centres[i][0], centres[i][1], rs.getDouble(2), rs.getDouble(3))
                <= radius) {
              inside++;
            }
          }
        }
        latencies[i] = System.nanoTime() - t0;
        found += inside;
      }
      return Figures.of(
          String.format("brute-force scan, r = %.1f°, %d sources found (baseline)", radius, found),
          latencies,
          (System.nanoTime() - begin) / 1e9,
          "req");
    }
  }
}
