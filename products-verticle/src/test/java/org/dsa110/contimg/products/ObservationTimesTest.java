package org.dsa110.contimg.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.bus.Addresses.PRODUCTS_IMAGE_ADD;
import static org.dsa110.contimg.common.bus.Addresses.PRODUCTS_MS_UPSERT;
import static org.dsa110.contimg.common.bus.Addresses.PRODUCTS_POINTING_ADD;
import static org.dsa110.contimg.common.testing.HubTest.assertFails;
import static org.dsa110.contimg.common.testing.HubTest.count;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Times cross-checked within products.time_tolerance_seconds (300 s): an MS's start, mid and end in
 * order, a photometry batch within its image's MS, a pointing sample's timestamp and MJD the same
 * instant. A refusal names the field and writes nothing.
 */
class ObservationTimesTest extends ProductsTestBase {
  private static final double START = 60972.5;
  private static final double END = START + 300 / 86400.0;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    deploy(vertx);
    call(
        PRODUCTS_MS_UPSERT,
        new JsonObject()
            .put("path", "/ms/a.ms")
            .put("start_mjd", START)
            .put("end_mjd", END)
            .put("mid_mjd", (START + END) / 2));
    call(
        PRODUCTS_IMAGE_ADD,
        new JsonObject()
            .put("path", "/img/a.fits")
            .put("ms_path", "/ms/a.ms")
            .put("type", "image"));
  }

  @Test
  void anMsWhoseTimesAreOutOfOrderIsRefusedAndKeepsWhatItHad() throws Exception {
    assertFails(
        vertx,
        PRODUCTS_MS_UPSERT,
        new JsonObject().put("path", "/ms/b.ms").put("start_mjd", 60001.0).put("end_mjd", 60000.0),
        400,
        "end_mjd: must not be before start_mjd (60001.0), got 60000.0");
    assertThat(count(database(), "SELECT COUNT(*) FROM ms_index WHERE path = '/ms/b.ms'")).isZero();
    assertFails(
        vertx,
        PRODUCTS_MS_UPSERT,
        new JsonObject().put("path", "/ms/a.ms").put("mid_mjd", START + 1),
        400,
        "mid_mjd: must not be after end_mjd");
    assertThat(
            count(
                database(),
                "SELECT COUNT(*) FROM ms_index WHERE path = '/ms/a.ms' AND mid_mjd = "
                    + (START + END) / 2))
        .isEqualTo(1);
  }

  @Test
  void aPhotometryBatchMustLieWithinItsImagesMeasurementSet() throws Exception {
    JsonArray rows = measurements(3);
    assertFails(
        vertx,
        org.dsa110.contimg.common.bus.Addresses.PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject()
            .put("image_path", "/img/a.fits")
            .put("mjd", START + 100)
            .put("measurements", rows),
        400,
        "mjd: MJD 61072.5 lies 8639700 s outside its image's Measurement Set");
    assertThat(count(database(), "SELECT COUNT(*) FROM photometry")).isZero();

    assertThat(photometry("/img/a.fits", END + 200 / 86400.0, rows).getInteger("added"))
        .as("200 s after the end: within the tolerance")
        .isEqualTo(3);
    assertFails(
        vertx,
        org.dsa110.contimg.common.bus.Addresses.PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject()
            .put("image_path", "/img/a.fits")
            .put("mjd", START - 1)
            .put("measurements", rows)
            .put("replace", true),
        400,
        "mjd:");
    assertThat(count(database(), "SELECT COUNT(*) FROM photometry WHERE mjd > " + START))
        .as("a replace cannot move the batch either")
        .isEqualTo(3);
  }

  @Test
  void aPointingSampleWhoseMjdAndTimestampDisagreeIsRefused() throws Exception {
    double timestamp = 1_761_400_000.0;
    double mjd = 40587.0 + timestamp / 86400.0;
    call(
        PRODUCTS_POINTING_ADD,
        new JsonObject()
            .put("timestamp", timestamp)
            .put("mjd", mjd)
            .put("ra_deg", 10.0)
            .put("dec_deg", 41.0));
    assertFails(
        vertx,
        PRODUCTS_POINTING_ADD,
        new JsonObject()
            .put(
                "samples",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("timestamp", timestamp + 60)
                            .put("mjd", mjd + 60 / 86400.0)
                            .put("ra_deg", 10.0)
                            .put("dec_deg", 41.0))
                    .add(
                        new JsonObject()
                            .put("timestamp", timestamp + 120)
                            .put("mjd", mjd + 1)
                            .put("ra_deg", 10.0)
                            .put("dec_deg", 41.0))),
        400,
        "samples[1].mjd: MJD " + (mjd + 1) + " is 86280 s from timestamp");
    assertThat(count(database(), "SELECT COUNT(*) FROM pointing_history"))
        .as("the good sample of a refused batch is not written either")
        .isEqualTo(1);
  }
}
