package org.dsa110.contimg.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.dsa110.contimg.common.bus.Addresses.PRODUCTS_IMAGE_ADD;
import static org.dsa110.contimg.common.bus.Addresses.PRODUCTS_PHOTOMETRY_ADD;
import static org.dsa110.contimg.common.bus.Addresses.PRODUCTS_TIMESERIES_GET;
import static org.dsa110.contimg.common.testing.HubTest.assertFails;
import static org.dsa110.contimg.common.testing.HubTest.count;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PhotometryTest extends ProductsTestBase {
  private static final double MJD = 60972.51;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    deploy(vertx);
    msAndImage(MS, IMAGE, MJD);
  }

  @Test
  void aTenThousandRowBatchLandsWholeStampedWithTheObservationTime() throws Exception {
    JsonObject reply = photometry(IMAGE, MJD, measurements(10_000));
    assertThat(reply.getInteger("added")).isEqualTo(10_000);
    assertThat(
            count(database(), "SELECT COUNT(*) FROM photometry WHERE image_path = '" + IMAGE + "'"))
        .isEqualTo(10_000);
    assertThat(count(database(), "SELECT COUNT(DISTINCT mjd) FROM photometry")).isEqualTo(1);
    assertThat(
            count(
                database(),
                "SELECT COUNT(*) FROM photometry WHERE ABS(measured_at - "
                    + (MJD - 40587) * 86400
                    + ") < 0.001"))
        .as("measured_at is the observation's instant, not the wall clock")
        .isEqualTo(10_000);
    assertThat(count(database(), "SELECT COUNT(*) FROM variability_stats WHERE n_obs = 1"))
        .isEqualTo(10_000);
    await()
        .until(
            () ->
                events.stream()
                    .anyMatch(
                        e ->
                            "photometry".equals(e.getString("type"))
                                && e.getInteger("count") == 10_000));
  }

  @Test
  void oneBadRowFailsTheWholeBatchNamingItsIndexAndField() throws Exception {
    JsonArray rows = measurements(10_000);
    rows.getJsonObject(5000).put("peak_jyb", Double.NaN);
    assertFails(
        vertx,
        PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject().put("image_path", IMAGE).put("mjd", MJD).put("measurements", rows),
        400,
        "measurements[5000].peak_jyb: must be a finite number");
    rows.getJsonObject(5000).put("peak_jyb", 0.001).put("dec_deg", 95.0);
    assertFails(
        vertx,
        PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject().put("image_path", IMAGE).put("mjd", MJD).put("measurements", rows),
        400,
        "measurements[5000].dec_deg");
    rows.getJsonObject(5000).put("dec_deg", 40.0).remove("peak_jyb");
    assertFails(
        vertx,
        PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject().put("image_path", IMAGE).put("mjd", MJD).put("measurements", rows),
        400,
        "measurements[5000].peak_jyb: is required");
    assertFails(
        vertx,
        PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject().put("image_path", IMAGE).put("measurements", measurements(3)),
        400,
        "mjd");
    assertThat(count(database(), "SELECT COUNT(*) FROM photometry")).isZero();
    assertThat(count(database(), "SELECT COUNT(*) FROM variability_stats")).isZero();
  }

  @Test
  void aReSentBatchDoesNotDoubleAndReplaceSwapsTheMeasurements() throws Exception {
    photometry(IMAGE, MJD, measurements(100));
    JsonObject again = photometry(IMAGE, MJD, measurements(100));
    assertThat(again.getBoolean("duplicate")).isTrue();
    assertThat(again.getInteger("added")).isZero();
    assertThat(count(database(), "SELECT COUNT(*) FROM photometry")).isEqualTo(100);
    assertThat(count(database(), "SELECT MAX(n_obs) FROM variability_stats")).isEqualTo(1);

    JsonObject replaced =
        call(
            PRODUCTS_PHOTOMETRY_ADD,
            new JsonObject()
                .put("image_path", IMAGE)
                .put("mjd", MJD)
                .put("measurements", measurements(40))
                .put("replace", true));
    assertThat(replaced.getBoolean("replaced")).isTrue();
    assertThat(count(database(), "SELECT COUNT(*) FROM photometry")).isEqualTo(40);
    assertThat(count(database(), "SELECT COUNT(*) FROM variability_stats")).isEqualTo(40);
    assertThat(count(database(), "SELECT MAX(n_obs) FROM variability_stats")).isEqualTo(1);
  }

  @Test
  void photometryForAnUnknownImageAndImagesForAnUnknownMsAre404() throws Exception {
    assertFails(
        vertx,
        PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject()
            .put("image_path", "/nope.fits")
            .put("mjd", MJD)
            .put("measurements", measurements(2)),
        404,
        "/nope.fits");
    assertFails(
        vertx,
        PRODUCTS_IMAGE_ADD,
        new JsonObject().put("path", "/x.fits").put("ms_path", "/nope.ms").put("type", "image"),
        404,
        "/nope.ms");
    assertThat(count(database(), "SELECT COUNT(*) FROM photometry")).isZero();
  }

  @Test
  void theTimeSeriesIsInMilliJanskyOldestFirstWithFieldAndNoise() throws Exception {
    String source = String.format("NVSS J%06d+420312", 2);
    double[] mjds = {60980.5, 60972.5, 60990.5};
    for (int i = 0; i < mjds.length; i++) {
      String ms = "/data/ms/" + i + ".ms";
      String image = "/data/images/" + i + ".fits";
      msAndImage(ms, image, mjds[i]);
      photometry(image, mjds[i], measurements(3));
    }
    JsonObject series = call(PRODUCTS_TIMESERIES_GET, new JsonObject().put("source_id", source));
    assertThat(series.getInteger("count")).isEqualTo(3);
    JsonArray points = series.getJsonArray("points");
    assertThat(points.stream().map(p -> ((JsonObject) p).getDouble("mjd")).toList())
        .containsExactly(60972.5, 60980.5, 60990.5);
    JsonObject first = points.getJsonObject(0);
    assertThat(first.getDouble("flux_mjy")).isCloseTo(3.0, within(1e-9));
    assertThat(first.getDouble("error_mjy")).isCloseTo(0.1, within(1e-9));
    assertThat(first.getDouble("image_noise_mjy")).isCloseTo(0.5, within(1e-9));
    assertThat(first.getString("field_name")).isEqualTo("J1234+42");
    assertThat(series.getDouble("nvss_flux_mjy")).isEqualTo(3.5);

    JsonObject window =
        call(
            PRODUCTS_TIMESERIES_GET,
            new JsonObject()
                .put("source_id", source)
                .put("start_mjd", 60975)
                .put("end_mjd", 60985));
    assertThat(window.getInteger("count")).isEqualTo(1);
    assertThat(
            count(
                database(),
                "SELECT n_obs FROM variability_stats WHERE source_id = '" + source + "'"))
        .isEqualTo(3);
    assertThat(
            count(
                database(),
                "SELECT CAST(last_mjd AS INTEGER) FROM variability_stats WHERE source_id = '"
                    + source
                    + "'"))
        .isEqualTo(60990);
  }
}
