package org.dsa110.contimg.bench;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dsa110.contimg.bench.field.FieldModel;
import org.dsa110.contimg.bench.field.Scorecard;
import org.dsa110.contimg.bench.field.SimulatedField;
import org.dsa110.contimg.bench.field.SimulatedImage;
import org.dsa110.contimg.bench.field.SimulatedSource;
import org.dsa110.contimg.common.bridge.BridgeClient;
import org.dsa110.contimg.common.bus.Addresses;

/**
 * Injection and recovery through the real hub: a simulated field's catalogue imported by the jar's
 * own {@code catalog import}, then every image pushed through the TCP bridge exactly as the
 * pipeline's services do (MS, image, forced photometry; two images in flight, late ones late), then
 * what the hub flagged (its candidates' evidence) scored against the injected truth. {@code
 * -Dbench.ese.field=harsh} for the harsher field, {@code -Dbench.ese.seed=} for another sky, {@code
 * -Dbench.ese.days=} and {@code -Dbench.ese.fields=} for a smaller one.
 */
final class EseRecoveryBench {
  private static final long SEED = Long.getLong("bench.ese.seed", 7);
  private static final String FIELD = System.getProperty("bench.ese.field", "standard");
  private static final int DAYS = Integer.getInteger("bench.ese.days", 150);
  private static final int FIELDS = Integer.getInteger("bench.ese.fields", 0);

  private EseRecoveryBench() {}

  static void run(BenchTable table) throws Exception {
    FieldModel chosen = FIELD.equals("harsh") ? FieldModel.harsh(SEED) : FieldModel.standard(SEED);
    FieldModel model =
        chosen.withSize(FIELDS > 0 ? FIELDS : chosen.fields(), chosen.sourcesPerField(), DAYS);
    SimulatedField field = SimulatedField.generate(model);
    Path stateDir = Files.createTempDirectory("contimg-bench-ese");
    Path catalogue = stateDir.resolve("catalogue.csv");
    Files.writeString(catalogue, catalogueCsv(field));
    importWithTheJar(stateDir, catalogue);
    try (BenchHub hub = BenchHub.start(Map.of(), stateDir)) {
      BridgeClient bridge = BridgeClient.connect(hub.vertx, hub.bridgePort, BenchHub.TOKEN).await();
      AtomicInteger refused = new AtomicInteger();
      long rows = field.images().stream().mapToLong(i -> i.rows().size()).sum();
      long begin = System.nanoTime();
      LoadRunner.run(
              "images",
              "images",
              field.images().size(),
              2,
              i -> push(bridge, field.images().get(i), refused))
          .await();
      double seconds = (System.nanoTime() - begin) / 1e9;
      table.add(
          Figures.rate(
              String.format(
                  Locale.ROOT,
                  "%s field (seed %d): %d images, %,d measurements through the TCP bridge, %d refused",
                  FIELD,
                  SEED,
                  field.images().size(),
                  rows,
                  refused.get()),
              rows,
              seconds,
              "rows"));
      bridge.close().await();
      Scorecard score = new Scorecard(field);
      readBack(hub.database("products.sqlite3"), score);
      System.out.println(Scorecard.markdown(score.summarise()));
    }
  }

  /**
   * What the jar's operators run: {@code java -jar contimg-hub.jar catalog import FILE}, with the
   * state folder in the environment.
   */
  private static void importWithTheJar(Path stateDir, Path catalogue)
      throws IOException, InterruptedException {
    ProcessBuilder command =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.dsa110.contimg.deploy.HubCommand",
                "catalog",
                "import",
                catalogue.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT);
    command.environment().put("CONTIMG_STATE_DIR", stateDir.toString());
    command.environment().put("CONTIMG_LOG_LEVEL", "WARN");
    Process process = command.start();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("catalog import failed");
    }
  }

  private static String catalogueCsv(SimulatedField field) {
    StringBuilder csv =
        new StringBuilder(
            "source_id,ra_deg,dec_deg,s_nvss,snr_nvss,resolved_flag,confusion_flag\n");
    for (SimulatedSource s : field.sources()) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%s,%.6f,%.6f,%.6f,%.2f,%d,%d%n",
              s.sourceId(),
              s.raDeg(),
              s.decDeg(),
              s.nvssMjy() / 1000,
              s.nvssSnr(),
              s.resolved() ? 1 : 0,
              s.confused() ? 1 : 0));
    }
    return csv.toString();
  }

  /** One image as a pipeline service sends it: its MS, the image, then the forced photometry. */
  private static Future<JsonObject> push(
      BridgeClient bridge, SimulatedImage image, AtomicInteger refused) {
    JsonArray rows = new JsonArray();
    for (SimulatedImage.Row row : image.rows()) {
      SimulatedSource s = row.source();
      rows.add(
          new JsonObject()
              .put("source_id", s.sourceId())
              .put("ra_deg", s.raDeg())
              .put("dec_deg", s.decDeg())
              .put("nvss_flux_mjy", s.nvssMjy())
              .put("peak_jyb", row.fluxMjy() / 1000)
              .put("peak_err_jyb", row.errMjy() / 1000)
              .put("snr", row.snr())
              .put("sep_from_center_deg", row.sepFromCentreDeg()));
    }
    return checked(
            bridge.request(
                Addresses.PRODUCTS_MS_UPSERT,
                new JsonObject()
                    .put("path", image.msPath())
                    .put("mid_mjd", image.mjd())
                    .put("stage", "calibrated")),
            refused)
        .compose(
            done ->
                checked(
                    bridge.request(
                        Addresses.PRODUCTS_IMAGE_ADD,
                        new JsonObject()
                            .put("path", image.path())
                            .put("ms_path", image.msPath())
                            .put("type", "image")
                            .put("noise_jy", image.noiseMjy() / 1000)
                            .put("center_ra_deg", image.centreRaDeg())
                            .put("center_dec_deg", image.centreDecDeg())),
                    refused))
        .compose(
            done ->
                checked(
                    bridge.request(
                        Addresses.PRODUCTS_PHOTOMETRY_ADD,
                        new JsonObject()
                            .put("image_path", image.path())
                            .put("mjd", image.mjd())
                            .put("measurements", rows)),
                    refused));
  }

  private static Future<JsonObject> checked(Future<JsonObject> reply, AtomicInteger refused) {
    return reply.map(
        body -> {
          if ("err".equals(body.getString("type"))) {
            refused.incrementAndGet();
            throw new IllegalStateException("refused: " + body.getString("message"));
          }
          return body;
        });
  }

  /**
   * Every evidence row is a moment the hub flagged (or strengthened) a candidate; the normalised
   * fluxes give the scatter.
   */
  private static void readBack(Path products, Scorecard score) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + products)) {
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT source_id, at_mjd, detector FROM hub_candidate_evidence ORDER BY id")) {
        while (rs.next()) {
          score.flagged(new Scorecard.Flag(rs.getString(1), rs.getDouble(2), rs.getString(3)));
        }
      }
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT p.source_id, p.peak_jyb * 1000 / g.gain FROM photometry p "
                      + "JOIN hub_image_gains g ON g.image_path = p.image_path AND g.status = 'normalised'")) {
        while (rs.next()) {
          score.normalised(rs.getString(1), rs.getDouble(2));
        }
      }
    }
  }
}
