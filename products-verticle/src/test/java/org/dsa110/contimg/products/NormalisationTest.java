package org.dsa110.contimg.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.dsa110.contimg.common.bus.Addresses.*;
import static org.dsa110.contimg.common.testing.HubTest.assertFails;
import static org.dsa110.contimg.common.testing.HubTest.config;
import static org.dsa110.contimg.common.testing.HubTest.count;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dsa110.contimg.catalog.CatalogVerticle;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.products.variability.ImageScale;
import org.junit.jupiter.api.Test;

/**
 * Ensemble normalisation with the real catalogue owner beside the products owner: twelve reference
 * sources of the master catalogue (imported through catalog.import) and a target, measured in
 * images whose gains are known.
 */
class NormalisationTest extends ProductsTestBase {
  private static final int REFERENCES = 12;
  private static final double TARGET_MJY = 50;
  private static final double ERR_MJY = 1;
  private static final double[] GAINS = {1.0, 1.1, 0.95, 1.04, 0.9, 1.07};
  private final List<JsonObject> catalogEvents = new CopyOnWriteArrayList<>();
  private int epoch;

  private void deployCatalogue() throws Exception {
    vertx
        .eventBus()
        .<JsonObject>consumer(Addresses.EVENTS_CATALOG, m -> catalogEvents.add(m.body()));
    org.dsa110.contimg.common.testing.HubTest.await(
        vertx.deployVerticle(
            new CatalogVerticle(), new DeploymentOptions().setConfig(config(stateDir, Map.of()))));
    Path csv = stateDir.resolve("catalogue.csv");
    StringBuilder rows =
        new StringBuilder(
            "source_id,ra_deg,dec_deg,s_nvss,snr_nvss,resolved_flag,confusion_flag\n");
    for (int i = 0; i < REFERENCES; i++) {
      rows.append(
          String.format(
              "REF J%02d,%.2f,42.0,%.3f,50,0,0%n", i, 180 + i * 0.1, referenceMjy(i) / 1000));
    }
    rows.append(
        "TARGET,181.5,42.1,0.050,20,1,0\n"); // resolved: in the catalogue, but never a reference
    Files.writeString(csv, rows);
    call(
        CATALOG_IMPORT,
        new JsonObject().put("path", csv.toString()).put("format", "csv").put("mode", "strict"));
  }

  private static double referenceMjy(int i) {
    return 100 + 10 * i;
  }

  /** An image at the next epoch with this gain: every flux is exactly gain x true, errors 1 mJy. */
  private String observe(double gain, int references) throws Exception {
    double mjd = 60000 + epoch;
    String image = "/img/" + epoch + ".fits";
    msAndImage("/ms/" + epoch + ".ms", image, mjd);
    epoch++;
    JsonArray rows = new JsonArray();
    for (int i = 0; i < references; i++) {
      rows.add(row("REF J%02d".formatted(i), gain * referenceMjy(i)));
    }
    rows.add(row("TARGET", gain * TARGET_MJY));
    photometry(image, mjd, rows);
    return image;
  }

  private static JsonObject row(String source, double fluxMjy) {
    return new JsonObject()
        .put("source_id", source)
        .put("ra_deg", 181.0)
        .put("dec_deg", 42.0)
        .put("peak_jyb", fluxMjy / 1000)
        .put("peak_err_jyb", ERR_MJY / 1000)
        .put("snr", fluxMjy / ERR_MJY);
  }

  private double[] gainRow(String image) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database());
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT gain, gain_err, floor_used, n_used FROM hub_image_gains WHERE image_path = '"
                        + image
                        + "'")) {
      return rs.next()
          ? new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)}
          : null;
    }
  }

  private String status(String image) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database());
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT status FROM hub_image_gains WHERE image_path = '" + image + "'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private JsonObject stats(String source) throws Exception {
    return call(PRODUCTS_SOURCE_GET, new JsonObject().put("source_id", source))
        .getJsonObject("stats");
  }

  @Test
  void eachImagesGainIsMeasuredFromItsReferencesAndTakenOutOfEveryFlux(Vertx vertx)
      throws Exception {
    deploy(vertx, Map.of());
    deployCatalogue();
    List<String> images = new ArrayList<>();
    for (double gain : GAINS) {
      images.add(observe(gain, REFERENCES));
    }
    for (int i = 0; i < GAINS.length; i++) {
      double[] g = gainRow(images.get(i));
      assertThat(status(images.get(i))).isEqualTo("normalised");
      assertThat(g[0]).as("gain of image %d", i).isCloseTo(GAINS[i], within(1e-9));
      assertThat(g[3]).isEqualTo(REFERENCES);
    }
    JsonObject series = call(PRODUCTS_TIMESERIES_GET, new JsonObject().put("source_id", "TARGET"));
    JsonArray points = series.getJsonArray("points");
    assertThat(points).hasSize(GAINS.length);
    for (int i = 0; i < GAINS.length; i++) {
      JsonObject p = points.getJsonObject(i);
      double[] g = gainRow(images.get(i));
      assertThat(p.getDouble("flux_mjy")).isCloseTo(GAINS[i] * TARGET_MJY, within(1e-9));
      assertThat(p.getDouble("flux_norm_mjy")).isCloseTo(TARGET_MJY, within(1e-9));
      double expected =
          new ImageScale(g[0], g[1], g[2]).normalise(0, p.getDouble("flux_mjy"), ERR_MJY).errMjy();
      assertThat(p.getDouble("error_norm_mjy"))
          .as("the SQL error model is the Java one")
          .isCloseTo(expected, within(1e-9));
      assertThat(p.getString("normalisation")).isEqualTo("normalised");
    }
    JsonObject target = stats("TARGET");
    assertThat(target.getLong("n_obs")).isEqualTo((long) GAINS.length);
    assertThat(target.getDouble("mean_flux_mjy")).isCloseTo(TARGET_MJY, within(1e-9));
    assertThat(target.getDouble("std_flux_mjy"))
        .as("raw fluxes scatter by 7%%; normalised ones not at all")
        .isLessThan(1e-9);
    assertThat(
            count(
                database(),
                "SELECT COUNT(*) FROM hub_reference_baselines WHERE epochs = " + GAINS.length))
        .isEqualTo(REFERENCES);
  }

  @Test
  void anImageWithTooFewReferencesIsMarkedAndItsPointsWaitOutsideTheStatistics(Vertx vertx)
      throws Exception {
    deploy(vertx, Map.of());
    deployCatalogue();
    observe(1.0, REFERENCES);
    observe(1.1, REFERENCES);
    String sparse = observe(1.3, 3);
    assertThat(status(sparse)).isEqualTo("too_few_references");
    JsonObject target = stats("TARGET");
    assertThat(target.getLong("n_obs"))
        .as("the sparse image's point is not in the statistics")
        .isEqualTo(2L);
    assertThat(target.getDouble("max_flux_mjy")).isCloseTo(TARGET_MJY, within(1e-9));
    JsonObject last =
        call(PRODUCTS_TIMESERIES_GET, new JsonObject().put("source_id", "TARGET"))
            .getJsonArray("points")
            .getJsonObject(2);
    assertThat(last.getString("normalisation")).isEqualTo("too_few_references");
    assertThat(last.getValue("flux_norm_mjy")).isNull();
    assertThat(last.getDouble("flux_mjy")).isCloseTo(1.3 * TARGET_MJY, within(1e-9));
  }

  @Test
  void imagesRecordedWhileTheCatalogueIsAwayAreNormalisedWhenItIsImported(Vertx vertx)
      throws Exception {
    deploy(vertx, Map.of());
    String early = observe(1.2, REFERENCES);
    assertThat(status(early)).isEqualTo("catalogue_unavailable");
    assertThat(stats("TARGET").getLong("n_obs")).isZero();
    deployCatalogue();
    await("the waiting image normalised after the catalogue import")
        .atMost(Duration.ofSeconds(20))
        .until(() -> "normalised".equals(status(early)));
    await("the target's statistics to include the image")
        .atMost(Duration.ofSeconds(20))
        .until(() -> stats("TARGET").getLong("n_obs") == 1L);
    assertThat(gainRow(early)[0]).isCloseTo(1.2, within(1e-9));
    assertThat(catalogEvents).anyMatch(e -> "imported".equals(e.getString("type")));
    observe(0.9, REFERENCES);
    assertThat(stats("TARGET").getDouble("std_flux_mjy")).isLessThan(1e-9);
  }

  @Test
  void aReplacedBatchIsNormalisedAnewAndTakesItsOldContributionsBackOut(Vertx vertx)
      throws Exception {
    deploy(vertx, Map.of());
    deployCatalogue();
    observe(1.0, REFERENCES);
    observe(1.0, REFERENCES);
    String image = observe(1.5, REFERENCES);
    JsonArray again = new JsonArray();
    for (int i = 0; i < REFERENCES; i++) {
      again.add(row("REF J%02d".formatted(i), 0.8 * referenceMjy(i)));
    }
    again.add(row("TARGET", 0.8 * TARGET_MJY));
    call(
        PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject()
            .put("image_path", image)
            .put("mjd", 60002.0)
            .put("measurements", again)
            .put("replace", true));
    assertThat(gainRow(image)[0]).isCloseTo(0.8, within(1e-9));
    assertThat(
            count(
                database(),
                "SELECT COUNT(*) FROM hub_reference_baselines WHERE epochs = 3 AND abs(mean_mjy - 100) < 1e-9 AND source_id = 'REF J00'"))
        .as("the replaced image's contribution left the baseline before the new one came in")
        .isEqualTo(1);
    assertThat(stats("TARGET").getLong("n_obs")).isEqualTo(3L);
    assertThat(stats("TARGET").getDouble("std_flux_mjy")).isLessThan(1e-9);
  }

  @Test
  void aZeroErrorAndATwiceMeasuredSourceAreRefusedNamingTheRowsAndNothingIsWritten(Vertx vertx)
      throws Exception {
    deploy(vertx, Map.of());
    msAndImage(MS, IMAGE, 60000);
    JsonArray zero = new JsonArray().add(row("A", 10)).add(row("B", 10).put("peak_err_jyb", 0.0));
    assertFails(
        vertx,
        PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject().put("image_path", IMAGE).put("mjd", 60000.0).put("measurements", zero),
        400,
        "measurements[1].peak_err_jyb: must be positive");
    JsonArray negative = new JsonArray().add(row("A", 10).put("peak_err_jyb", -0.001));
    assertFails(
        vertx,
        PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject().put("image_path", IMAGE).put("mjd", 60000.0).put("measurements", negative),
        400,
        "measurements[0].peak_err_jyb");
    JsonArray twice = new JsonArray().add(row("A", 10)).add(row("B", 10)).add(row("A", 11));
    assertFails(
        vertx,
        PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject().put("image_path", IMAGE).put("mjd", 60000.0).put("measurements", twice),
        400,
        "measurements[2].source_id: 'A' was already measured in measurements[0]");
    JsonArray notFinite = new JsonArray().add(row("A", 10).put("peak_jyb", Double.NaN));
    assertFails(
        vertx,
        PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject()
            .put("image_path", IMAGE)
            .put("mjd", 60000.0)
            .put("measurements", notFinite),
        400,
        "measurements[0].peak_jyb: must be a finite number");
    assertThat(count(database(), "SELECT COUNT(*) FROM photometry")).isZero();
    assertThat(count(database(), "SELECT COUNT(*) FROM hub_image_gains")).isZero();
  }
}
