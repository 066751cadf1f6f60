package org.dsa110.contimg.bench;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.dsa110.contimg.common.bridge.BridgeClient;
import org.dsa110.contimg.common.bus.Addresses;

/**
 * Photometry: (1) 100 images x 10,000 measurements through the TCP bridge, variability off and on,
 * against the same rows inserted by sqlite-jdbc and by Python's sqlite3 into the same schema; (2) a
 * light curve of 10,000 points among 10 million photometry rows, over the bus and HTTP, against the
 * same query through sqlite-jdbc.
 */
final class PhotometryBench {
  private static final int IMAGES = Integer.getInteger("bench.photometry.images", 100);
  private static final int PER_IMAGE = Integer.getInteger("bench.photometry.rows", 10_000);
  private static final int HISTORY_IMAGES = Integer.getInteger("bench.timeseries.images", 10_000);
  private static final int HISTORY_SOURCES = Integer.getInteger("bench.timeseries.sources", 1_000);
  private static final int SERIES_REQUESTS = 200;
  private static final double FIRST_MJD = 60000.0;
  private static final String INSERT =
      "INSERT INTO photometry (image_path, source_id, ra_deg, dec_deg, nvss_flux_mjy, peak_jyb, "
          + "peak_err_jyb, snr, measured_at, mjd, sep_from_center_deg, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SERIES =
      "SELECT p.mjd, p.peak_jyb * 1000 AS flux_mjy, p.peak_err_jyb * 1000 AS error_mjy, p.snr, "
          + "i.field_name, i.noise_jy * 1000 AS image_noise_mjy, p.image_path FROM photometry p JOIN images i ON p.image_path = i.path "
          + "WHERE p.source_id = ? ORDER BY p.mjd ASC";

  private PhotometryBench() {}

  /**
   * Ingest against the strongest baseline in the same run: the same rows into the same schema by
   * sqlite-jdbc with one reused statement and JDBC batches, and by Python's sqlite3.executemany,
   * both one transaction per image with the hub's durability (synchronous=FULL); then through the
   * TCP bridge, variability off and on; then light curves.
   */
  static void run(BenchHub hub, BenchTable table) throws Exception {
    Figures java = rawBatchInsert(hub.stateDir.resolve("raw-products.sqlite3"));
    table.add(java);
    Figures python = pythonExecutemany(hub.stateDir);
    table.add(python);
    Figures strongest = python.perSecond() > java.perSecond() ? python : java;
    for (String variability : new String[] {"false", "true"}) {
      try (BenchHub fresh = BenchHub.start(Map.of("CONTIMG_VARIABILITY_ENABLED", variability))) {
        importCatalogue(fresh);
        table.add(
            bridgeIngest(
                fresh,
                0,
                IMAGES,
                String.format(
                    "products.photometry.add through the TCP bridge, %d images x %,d, variability %s "
                        + "(p50/p99 per image)",
                    IMAGES, PER_IMAGE, "true".equals(variability) ? "on" : "off")),
            strongest);
      }
    }
    timeseries(hub, table);
  }

  /**
   * The sources' master catalogue (200 final references) through catalog.import, so variability
   * normalises.
   */
  static void importCatalogue(BenchHub hub) throws Exception {
    Path catalogue = hub.stateDir.resolve("bench-catalogue.csv");
    Files.writeString(catalogue, catalogue());
    hub.vertx
        .eventBus()
        .request(
            Addresses.CATALOG_IMPORT,
            new JsonObject()
                .put("path", catalogue.toString())
                .put("format", "csv")
                .put("mode", "strict"),
            new DeliveryOptions().setSendTimeout(600_000))
        .await();
  }

  static JsonArray measurements(int image) {
    Random random = new Random(image);
    double gain = 1 + 0.05 * random.nextGaussian();
    JsonArray rows = new JsonArray();
    for (int s = 0; s < PER_IMAGE; s++) {
      double flux = trueFluxJy(s) * gain + random.nextGaussian() * 0.0005;
      rows.add(
          new JsonObject()
              .put("source_id", sourceId(s))
              .put("ra_deg", (s * 0.036) % 360)
              .put("dec_deg", 42.0 + (s % 100) * 0.01)
              .put("nvss_flux_mjy", trueFluxJy(s) * 1000)
              .put("peak_jyb", flux)
              .put("peak_err_jyb", 0.0005)
              .put("snr", flux / 0.0005)
              .put("sep_from_center_deg", 1.2));
    }
    return rows;
  }

  private static double trueFluxJy(int s) {
    return s % 50 == 0 ? 0.2 : 0.01;
  }

  /**
   * The master catalogue of these sources (the bright ones are final references), as a CSV for
   * catalog.import.
   */
  static String catalogue() {
    StringBuilder csv = new StringBuilder("source_id,ra_deg,dec_deg,s_nvss,snr_nvss\n");
    for (int s = 0; s < PER_IMAGE; s++) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%s,%.4f,%.4f,%.4f,%.1f%n",
              sourceId(s),
              (s * 0.036) % 360,
              42.0 + (s % 100) * 0.01,
              trueFluxJy(s),
              trueFluxJy(s) / 0.00045));
    }
    return csv.toString();
  }

  private static String sourceId(int s) {
    return String.format("NVSS J%06d+420000", s);
  }

  /**
   * Records images first..first+count-1 (MS, image) on the bus, then sends their photometry through
   * the TCP bridge, two in flight.
   */
  static Figures bridgeIngest(BenchHub hub, int first, int count, String operation)
      throws Exception {
    prepareImages(hub, first, count);
    JsonArray[] batches = new JsonArray[count];
    for (int i = 0; i < count; i++) {
      batches[i] = measurements(first + i);
    }
    BridgeClient bridge = BridgeClient.connect(hub.vertx, hub.bridgePort, BenchHub.TOKEN).await();
    long begin = System.nanoTime();
    Figures perImage =
        LoadRunner.run(
                "photometry.add",
                "images",
                count,
                2,
                i ->
                    bridge
                        .request(
                            Addresses.PRODUCTS_PHOTOMETRY_ADD,
                            new JsonObject()
                                .put("image_path", "/data/img/" + (first + i) + ".fits")
                                .put("mjd", FIRST_MJD + (first + i) * 0.0035)
                                .put("measurements", batches[i]))
                        .map(
                            reply -> {
                              if ("err".equals(reply.getString("type"))) {
                                throw new IllegalStateException(
                                    "refused: " + reply.getString("message"));
                              }
                              return reply;
                            }))
            .await();
    double seconds = (System.nanoTime() - begin) / 1e9;
    bridge.close().await();
    return new Figures(
        operation,
        (long) count * PER_IMAGE,
        (double) count * PER_IMAGE / seconds,
        perImage.p50Ms(),
        perImage.p99Ms(),
        "rows");
  }

  private static void prepareImages(BenchHub hub, int first, int count) {
    EventBus bus = hub.vertx.eventBus();
    for (int i = first; i < first + count; i++) {
      String ms = "/data/ms/" + i + ".ms";
      bus.request(
              Addresses.PRODUCTS_MS_UPSERT,
              new JsonObject().put("path", ms).put("mid_mjd", FIRST_MJD + i * 0.0035))
          .await();
      bus.request(
              Addresses.PRODUCTS_IMAGE_ADD,
              new JsonObject()
                  .put("path", "/data/img/" + i + ".fits")
                  .put("ms_path", ms)
                  .put("type", "image")
                  .put("noise_jy", 0.0005))
          .await();
    }
  }

  /**
   * Records images first..first+count-1 (MS, image, then their photometry two at a time) over the
   * bus and measures the photometry.
   */
  static Figures busIngest(BenchHub hub, int first, int count, String operation) throws Exception {
    EventBus bus = hub.vertx.eventBus();
    DeliveryOptions patient = new DeliveryOptions().setSendTimeout(120_000);
    prepareImages(hub, first, count);
    JsonArray[] batches = new JsonArray[count];
    for (int i = 0; i < count; i++) {
      batches[i] = measurements(first + i);
    }
    long begin = System.nanoTime();
    Figures perImage =
        LoadRunner.run(
                "photometry.add",
                "images",
                count,
                2,
                i ->
                    bus.request(
                        Addresses.PRODUCTS_PHOTOMETRY_ADD,
                        new JsonObject()
                            .put("image_path", "/data/img/" + (first + i) + ".fits")
                            .put("mjd", FIRST_MJD + (first + i) * 0.0035)
                            .put("measurements", batches[i]),
                        patient))
            .await();
    double seconds = (System.nanoTime() - begin) / 1e9;
    return new Figures(
        operation,
        (long) count * PER_IMAGE,
        (double) count * PER_IMAGE / seconds,
        perImage.p50Ms(),
        perImage.p99Ms(),
        "rows");
  }

  /** One image's rows as JDBC arguments, built before any clock starts. */
  private static List<Object[]> arguments(int image) {
    String path = "/data/img/" + image + ".fits";
    double mjd = FIRST_MJD + image * 0.0035;
    List<Object[]> rows = new ArrayList<>(PER_IMAGE);
    for (Object o : measurements(image)) {
      JsonObject m = (JsonObject) o;
      rows.add(
          new Object[] {
            path,
            m.getString("source_id"),
            m.getDouble("ra_deg"),
            m.getDouble("dec_deg"),
            m.getDouble("nvss_flux_mjy"),
            m.getDouble("peak_jyb"),
            m.getDouble("peak_err_jyb"),
            m.getDouble("snr"),
            (mjd - 40587) * 86400,
            mjd,
            m.getDouble("sep_from_center_deg"),
            0L
          });
    }
    return rows;
  }

  /**
   * Python's sqlite3.executemany of the same rows into the same schema, FULL, one transaction per
   * image.
   */
  private static Figures pythonExecutemany(Path dir) throws Exception {
    Path rows = dir.resolve("bench-rows.tsv");
    try (var out = Files.newBufferedWriter(rows)) {
      for (int i = 0; i < IMAGES; i++) {
        for (Object[] row : arguments(i)) {
          StringBuilder line = new StringBuilder(String.valueOf(i));
          for (Object value : row) {
            line.append('\t').append(value);
          }
          out.write(line.append('\n').toString());
        }
      }
    }
    Path schema = dir.resolve("bench-schema.sql");
    try (InputStream in =
        PhotometryBench.class.getClassLoader().getResourceAsStream("db/products/001-seed.sql")) {
      Files.write(schema, in.readAllBytes());
    }
    Path script = dir.resolve("python_photometry_insert.py");
    try (InputStream in =
        PhotometryBench.class.getClassLoader().getResourceAsStream("python_photometry_insert.py")) {
      Files.write(script, in.readAllBytes());
    }
    Process process =
        new ProcessBuilder(
                "python3",
                script.toString(),
                dir.resolve("python-products.sqlite3").toString(),
                schema.toString(),
                rows.toString(),
                "FULL")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes()).strip();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("the Python baseline failed: " + output);
    }
    String[] parts = output.lines().reduce((a, b) -> b).orElseThrow().split(" ");
    Files.deleteIfExists(rows);
    return Figures.rate(
        String.format(
            "Python sqlite3.executemany, %d images x %,d, FULL (baseline)", IMAGES, PER_IMAGE),
        Long.parseLong(parts[0]),
        Double.parseDouble(parts[1]),
        "rows");
  }

  /**
   * The physical floor in Java: the same rows, one reused statement, JDBC batches, one transaction
   * per image, FULL.
   */
  private static Figures rawBatchInsert(Path file) throws Exception {
    List<List<Object[]>> images = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      images.add(arguments(i));
    }
    try (Connection c =
        DriverManager.getConnection("jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=FULL")) {
      applySeed(c);
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement(INSERT)) {
        long begin = System.nanoTime();
        for (List<Object[]> rows : images) {
          for (Object[] row : rows) {
            for (int k = 0; k < row.length; k++) {
              insert.setObject(k + 1, row[k]);
            }
            insert.addBatch();
          }
          insert.executeBatch();
          c.commit();
        }
        return Figures.rate(
            String.format(
                "sqlite-jdbc, one reused statement, batches, %d images x %,d, FULL (baseline)",
                IMAGES, PER_IMAGE),
            (long) IMAGES * PER_IMAGE,
            (System.nanoTime() - begin) / 1e9,
            "rows");
      }
    }
  }

  private static void applySeed(Connection c) throws IOException, SQLException {
    try (InputStream in =
            PhotometryBench.class.getClassLoader().getResourceAsStream("db/products/001-seed.sql");
        Statement statement = c.createStatement()) {
      for (String sql : new String(in.readAllBytes(), StandardCharsets.UTF_8).split(";\\s*\\n")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
    }
  }

  /**
   * Fills the hub's products.sqlite3 with HISTORY_IMAGES images of HISTORY_SOURCES sources each
   * (setup, straight into the file while the hub holds no lock), then asks for one source's whole
   * light curve.
   */
  private static void timeseries(BenchHub hub, BenchTable table) throws Exception {
    Path file = hub.database("products.sqlite3");
    long rows = (long) HISTORY_IMAGES * HISTORY_SOURCES;
    long begin = System.nanoTime();
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=10000")) {
      c.setAutoCommit(false);
      try (PreparedStatement ms =
              c.prepareStatement("INSERT INTO ms_index (path, mid_mjd) VALUES (?, ?)");
          PreparedStatement image =
              c.prepareStatement(
                  "INSERT INTO images (path, ms_path, created_at, type, noise_jy, field_name) VALUES (?, ?, 0, 'image', 0.0005, 'J1234+42')");
          PreparedStatement insert = c.prepareStatement(INSERT)) {
        for (int i = 0; i < HISTORY_IMAGES; i++) {
          String path = "/data/history/" + i + ".fits";
          double mjd = FIRST_MJD + 100 + i * 0.0035;
          ms.setString(1, "/data/history/" + i + ".ms");
          ms.setDouble(2, mjd);
          ms.executeUpdate();
          image.setString(1, path);
          image.setString(2, "/data/history/" + i + ".ms");
          image.executeUpdate();
          for (int s = 0; s < HISTORY_SOURCES; s++) {
            insert.setString(1, path);
            insert.setString(2, "HIST J" + s);
            insert.setDouble(3, s * 0.3);
            insert.setDouble(4, 42.0);
            insert.setDouble(5, 20.0);
            insert.setDouble(6, 0.02);
            insert.setDouble(7, 0.0005);
            insert.setDouble(8, 40.0);
            insert.setDouble(9, (mjd - 40587) * 86400);
            insert.setDouble(10, mjd);
            insert.setDouble(11, 1.0);
            insert.setLong(12, 0);
            insert.addBatch();
          }
          insert.executeBatch();
          if (i % 100 == 99) {
            c.commit();
          }
        }
        c.commit();
      }
    }
    table.add(
        Figures.rate(
            String.format("setup: %,d photometry rows, raw sqlite-jdbc", rows),
            rows,
            (System.nanoTime() - begin) / 1e9,
            "rows"));

    String source = "HIST J" + (HISTORY_SOURCES / 2);
    Figures raw = rawSeries(file, source);
    table.add(raw);
    EventBus bus = hub.vertx.eventBus();
    table.add(
        LoadRunner.run(
                String.format(
                    "products.timeseries.get, %,d points, bus, 1 in flight", HISTORY_IMAGES),
                "req",
                SERIES_REQUESTS,
                1,
                i ->
                    bus.request(
                        Addresses.PRODUCTS_TIMESERIES_GET,
                        new JsonObject().put("source_id", source)))
            .await(),
        raw);
    HttpClient http = hub.vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(50));
    String uri =
        "/api/v1/sources/"
            + URLEncoder.encode(source, StandardCharsets.UTF_8).replace("+", "%20")
            + "/timeseries";
    table.add(
        LoadRunner.run(
                String.format("GET .../timeseries, %,d points, 1 in flight", HISTORY_IMAGES),
                "req",
                SERIES_REQUESTS,
                1,
                i ->
                    http.request(HttpMethod.GET, hub.httpPort, "127.0.0.1", uri)
                        .compose(r -> r.send().compose(CalibrationBench::okBody)))
            .await(),
        raw);
    table.add(
        LoadRunner.run(
                String.format("GET .../timeseries, %,d points, 50 connections", HISTORY_IMAGES),
                "req",
                SERIES_REQUESTS,
                50,
                i ->
                    http.request(HttpMethod.GET, hub.httpPort, "127.0.0.1", uri)
                        .compose(r -> r.send().compose(CalibrationBench::okBody)))
            .await(),
        raw);
    http.close().await();
    Files.deleteIfExists(hub.stateDir.resolve("raw-products.sqlite3"));
  }

  private static Figures rawSeries(Path file, String source) throws SQLException {
    long[] latencies = new long[SERIES_REQUESTS];
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement query = c.prepareStatement(SERIES)) {
      long begin = System.nanoTime();
      for (int i = 0; i < SERIES_REQUESTS; i++) {
        long t0 = System.nanoTime();
        query.setString(1, source);
        int n = 0;
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            rs.getDouble(2);
            n++;
          }
        }
        if (n != HISTORY_IMAGES) {
          throw new IllegalStateException("expected " + HISTORY_IMAGES + " points, got " + n);
        }
        latencies[i] = System.nanoTime() - t0;
      }
      return Figures.of(
          String.format("raw sqlite-jdbc time series query, %,d points (baseline)", HISTORY_IMAGES),
          latencies,
          (System.nanoTime() - begin) / 1e9,
          "req");
    }
  }
}
