package org.dsa110.contimg.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dsa110.contimg.common.bus.Addresses.*;
import static org.dsa110.contimg.common.testing.HubTest.assertFails;
import static org.dsa110.contimg.common.testing.HubTest.count;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImagesAndOtherProductsTest extends ProductsTestBase {

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    deploy(vertx);
  }

  @Test
  void anImageIsRecordedOncePerPathAndFoundById() throws Exception {
    msAndImage(MS, IMAGE, 60972.5);
    JsonObject first = call(PRODUCTS_IMAGE_GET, new JsonObject().put("id", 1));
    JsonObject again =
        call(
            PRODUCTS_IMAGE_ADD,
            new JsonObject()
                .put("path", IMAGE)
                .put("ms_path", MS)
                .put("type", "image")
                .put("beam_major_arcsec", 15.2)
                .put("dynamic_range", 850.0));
    assertThat(again.getLong("id")).isEqualTo(first.getLong("id"));
    assertThat(again.getDouble("created_at")).isEqualTo(first.getDouble("created_at"));
    assertThat(again.getDouble("beam_major_arcsec")).isEqualTo(15.2);
    assertThat(again.getDouble("noise_jy")).as("left out, so kept").isEqualTo(0.0005);
    assertThat(again.getString("format")).as("the schema's default").isEqualTo("fits");
    assertThat(again.getLong("pbcor")).isZero();
    assertThat(count(database(), "SELECT COUNT(*) FROM images")).isEqualTo(1);

    call(PRODUCTS_MS_UPSERT, new JsonObject().put("path", "/other.ms"));
    assertFails(
        vertx,
        PRODUCTS_IMAGE_ADD,
        new JsonObject().put("path", IMAGE).put("ms_path", "/other.ms").put("type", "image"),
        409,
        MS);
    assertFails(vertx, PRODUCTS_IMAGE_GET, new JsonObject().put("id", 99), 404, "99");
    assertThat(call(PRODUCTS_IMAGE_GET, new JsonObject().put("id", "1")).getDouble("mid_mjd"))
        .isEqualTo(60972.5);
  }

  @Test
  void imagesAreListedByTypeFieldTimeAndPbcor() throws Exception {
    msAndImage("/a.ms", "/a.fits", 60000.5);
    msAndImage("/b.ms", "/b.fits", 60001.5);
    call(
        PRODUCTS_IMAGE_ADD,
        new JsonObject()
            .put("path", "/b.pbcor.fits")
            .put("ms_path", "/b.ms")
            .put("type", "pbcor")
            .put("pbcor", true));
    assertThat(call(PRODUCTS_IMAGES_LIST, new JsonObject()).getLong("total")).isEqualTo(3L);
    assertThat(call(PRODUCTS_IMAGES_LIST, new JsonObject().put("type", "pbcor")).getLong("total"))
        .isEqualTo(1L);
    assertThat(call(PRODUCTS_IMAGES_LIST, new JsonObject().put("pbcor", "true")).getLong("total"))
        .isEqualTo(1L);
    assertThat(
            call(PRODUCTS_IMAGES_LIST, new JsonObject().put("field", "J1234+42")).getLong("total"))
        .isEqualTo(2L);
    JsonObject early = call(PRODUCTS_IMAGES_LIST, new JsonObject().put("end_mjd", 60001.0));
    assertThat(early.getJsonArray("images").getJsonObject(0).getString("path"))
        .isEqualTo("/a.fits");
    assertThat(call(PRODUCTS_IMAGES_LIST, new JsonObject().put("limit", 2)).getJsonArray("images"))
        .hasSize(2);
  }

  @Test
  void mosaicsAreListedNewestFirstAndByOverlap() throws Exception {
    call(
        PRODUCTS_MOSAIC_ADD,
        new JsonObject()
            .put("path", "/m/1.fits")
            .put("name", "2025-10-24_hourly_12-13UTC")
            .put("start_mjd", 60972.5)
            .put("end_mjd", 60972.54)
            .put("integration_sec", 3600)
            .put("noise_jy", 0.0002)
            .put("n_images", 12));
    call(
        PRODUCTS_MOSAIC_ADD,
        new JsonObject()
            .put("path", "/m/2.fits")
            .put("name", "2025-10-24_hourly_13-14UTC")
            .put("start_mjd", 60972.54)
            .put("end_mjd", 60972.58)
            .put("thumbnail_path", "/m/2.png"));
    JsonObject all = call(PRODUCTS_MOSAICS_LIST, new JsonObject());
    assertThat(all.getJsonArray("mosaics").getJsonObject(0).getString("name"))
        .isEqualTo("2025-10-24_hourly_13-14UTC");
    JsonObject first = all.getJsonArray("mosaics").getJsonObject(1);
    assertThat(first.getDouble("hours")).isCloseTo(1.0, within(1e-9));
    assertThat(first.getDouble("noise_mjy")).isCloseTo(0.2, within(1e-9));
    JsonObject overlap =
        call(
            PRODUCTS_MOSAICS_LIST,
            new JsonObject().put("start_mjd", 60972.55).put("end_mjd", 60972.6));
    assertThat(overlap.getLong("total")).isEqualTo(1L);
    assertFails(
        vertx,
        PRODUCTS_MOSAIC_ADD,
        new JsonObject().put("path", "/m/3").put("name", "x").put("start_mjd", 2).put("end_mjd", 1),
        400,
        "end_mjd");
  }

  @Test
  void qaArtifactsAreUniquePerGroupAndName() throws Exception {
    JsonObject qa =
        new JsonObject()
            .put("group_id", "2025-10-24T12:00:00")
            .put("name", "amplitude_vs_time.png")
            .put("path", "/qa/a.png")
            .put("type", "plot")
            .put("category", "calibration");
    call(PRODUCTS_QA_ADD, qa);
    call(PRODUCTS_QA_ADD, qa.copy().put("path", "/qa/a2.png"));
    call(PRODUCTS_QA_ADD, qa.copy().put("name", "phase.png").put("path", "/qa/p.png"));
    JsonArray listed =
        call(PRODUCTS_QA_LIST, new JsonObject().put("group_id", "2025-10-24T12:00:00"))
            .getJsonArray("artifacts");
    assertThat(listed).hasSize(2);
    assertThat(listed.getJsonObject(0).getString("path")).isEqualTo("/qa/a2.png");
    assertFails(vertx, PRODUCTS_QA_ADD, qa.copy().put("category", "fun"), 400, "category");
  }

  @Test
  void pointingSamplesAreKeptOncePerTimestampAndThinnedOnRequest() throws Exception {
    JsonArray samples = new JsonArray();
    for (int i = 0; i < 100; i++) {
      samples.add(
          new JsonObject()
              .put("timestamp", 1761300000.0 + i * 10)
              .put("ra_deg", (359.9 + i * 0.01) % 360)
              .put("dec_deg", 42.0));
    }
    JsonObject added = call(PRODUCTS_POINTING_ADD, new JsonObject().put("samples", samples));
    assertThat(added.getLong("added")).isEqualTo(100L);
    JsonObject again = call(PRODUCTS_POINTING_ADD, new JsonObject().put("samples", samples));
    assertThat(again.getLong("added")).isZero();
    assertThat(again.getLong("ignored")).isEqualTo(100L);
    call(
        PRODUCTS_POINTING_ADD,
        new JsonObject()
            .put("timestamp", 1761400000.0)
            .put("ra_deg", 10.0)
            .put("dec_deg", 41.0)
            .put("alt_deg", 88.0));

    JsonObject thinned = call(PRODUCTS_POINTING_LIST, new JsonObject().put("max_points", 10));
    assertThat(thinned.getJsonArray("points").size()).isLessThanOrEqualTo(10);
    assertThat(thinned.getLong("total")).isEqualTo(101L);
    JsonObject window =
        call(
            PRODUCTS_POINTING_LIST,
            new JsonObject().put("start", 1761300000.0).put("end", 1761300095.0));
    assertThat(window.getJsonArray("points")).hasSize(10);
    assertFails(
        vertx,
        PRODUCTS_POINTING_ADD,
        new JsonObject().put("timestamp", 1.0).put("ra_deg", 360.0).put("dec_deg", 0),
        400,
        "ra_deg");
    assertFails(
        vertx,
        PRODUCTS_POINTING_ADD,
        new JsonObject()
            .put(
                "samples",
                new JsonArray().add(new JsonObject().put("ra_deg", 1).put("dec_deg", 0))),
        400,
        "samples[0].timestamp");
  }

  @Test
  void sourcesWithPhotometryAreFoundByPrefixAndByConeAcrossRaZero() throws Exception {
    msAndImage(MS, IMAGE, 60972.5);
    JsonArray rows =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("source_id", "NVSS J235959+420000")
                    .put("ra_deg", 359.95)
                    .put("dec_deg", 42.0)
                    .put("peak_jyb", 0.01))
            .add(
                new JsonObject()
                    .put("source_id", "NVSS J000001+420000")
                    .put("ra_deg", 0.05)
                    .put("dec_deg", 42.0)
                    .put("peak_jyb", 0.02))
            .add(
                new JsonObject()
                    .put("source_id", "NVSS J120000+420000")
                    .put("ra_deg", 180.0)
                    .put("dec_deg", 42.0)
                    .put("peak_jyb", 0.03));
    photometry(IMAGE, 60972.5, rows);
    JsonArray byName =
        call(PRODUCTS_SOURCES_SEARCH, new JsonObject().put("prefix", "NVSS J00"))
            .getJsonArray("sources");
    assertThat(byName).hasSize(1);
    assertThat(byName.getJsonObject(0).getString("source_id")).isEqualTo("NVSS J000001+420000");
    JsonArray cone =
        call(
                PRODUCTS_SOURCES_SEARCH,
                new JsonObject().put("ra_deg", 0.0).put("dec_deg", 42.0).put("radius_deg", 0.1))
            .getJsonArray("sources");
    assertThat(cone.stream().map(s -> ((JsonObject) s).getString("source_id")).toList())
        .containsExactlyInAnyOrder("NVSS J235959+420000", "NVSS J000001+420000");
    assertFails(
        vertx,
        PRODUCTS_SOURCES_SEARCH,
        new JsonObject().put("ra_deg", 0).put("dec_deg", 0).put("radius_deg", 11),
        400,
        "radius_deg");
    assertFails(vertx, PRODUCTS_SOURCES_SEARCH, new JsonObject(), 400, "prefix");
  }
}
