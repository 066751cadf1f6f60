package org.dsa110.contimg.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.bus.Addresses.PRODUCTS_IMAGE_ADD;
import static org.dsa110.contimg.common.bus.Addresses.PRODUCTS_MS_LIST;
import static org.dsa110.contimg.common.bus.Addresses.PRODUCTS_MS_UPSERT;
import static org.dsa110.contimg.common.testing.HubTest.assertFails;
import static org.dsa110.contimg.common.testing.HubTest.count;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MeasurementSetTest extends ProductsTestBase {

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    deploy(vertx);
  }

  @Test
  void aFieldLeftOutKeepsItsValueAndTheStageOnlyMovesForward() throws Exception {
    JsonObject first =
        call(
            PRODUCTS_MS_UPSERT,
            new JsonObject()
                .put("path", MS)
                .put("stage", "converted")
                .put("mid_mjd", 60972.5)
                .put("field_name", "J1234+42")
                .put("pointing_ra_deg", 188.5)
                .put("pointing_dec_deg", 42.1));
    assertThat(first.getString("stage")).isEqualTo("converted");
    assertThat(first.getLong("cal_applied")).as("the schema's default, not a NULL").isZero();
    double convertedAt = first.getDouble("stage_updated_at");

    JsonObject statusOnly =
        call(
            PRODUCTS_MS_UPSERT,
            new JsonObject().put("path", MS).put("status", "ok").putNull("field_name"));
    assertThat(statusOnly.getString("field_name")).isEqualTo("J1234+42");
    assertThat(statusOnly.getString("stage")).isEqualTo("converted");
    assertThat(statusOnly.getDouble("stage_updated_at")).isEqualTo(convertedAt);
    assertThat(statusOnly.getDouble("mid_mjd")).isEqualTo(60972.5);

    Thread.sleep(5);
    JsonObject calibrated =
        call(
            PRODUCTS_MS_UPSERT,
            new JsonObject().put("path", MS).put("stage", "calibrated").put("cal_applied", true));
    assertThat(calibrated.getDouble("stage_updated_at")).isGreaterThan(convertedAt);
    assertThat(calibrated.getLong("cal_applied")).isEqualTo(1L);

    assertFails(
        vertx,
        PRODUCTS_MS_UPSERT,
        new JsonObject().put("path", MS).put("stage", "converted"),
        409,
        "from calibrated to converted");
    JsonObject forced =
        call(
            PRODUCTS_MS_UPSERT,
            new JsonObject().put("path", MS).put("stage", "converted").put("force", true));
    assertThat(forced.getString("stage")).isEqualTo("converted");
    assertThat(count(database(), "SELECT COUNT(*) FROM ms_index")).isEqualTo(1);
  }

  @Test
  void recordingThePrimaryImageMovesTheMsToImaged() throws Exception {
    call(
        PRODUCTS_MS_UPSERT,
        new JsonObject().put("path", MS).put("stage", "calibrated").put("mid_mjd", 60972.5));
    call(
        PRODUCTS_IMAGE_ADD,
        new JsonObject()
            .put("path", "/img/residual.fits")
            .put("ms_path", MS)
            .put("type", "residual"));
    JsonObject ms = call(PRODUCTS_MS_LIST, new JsonObject()).getJsonArray("ms").getJsonObject(0);
    assertThat(ms.getString("stage")).isEqualTo("calibrated");
    assertThat(ms.getValue("imagename")).isNull();

    call(
        PRODUCTS_IMAGE_ADD,
        new JsonObject().put("path", IMAGE).put("ms_path", MS).put("type", "image"));
    ms =
        call(PRODUCTS_MS_LIST, new JsonObject().put("stage", "imaged"))
            .getJsonArray("ms")
            .getJsonObject(0);
    assertThat(ms.getString("imagename")).isEqualTo(IMAGE);

    call(PRODUCTS_MS_UPSERT, new JsonObject().put("path", MS).put("stage", "photometry_complete"));
    call(
        PRODUCTS_IMAGE_ADD,
        new JsonObject().put("path", "/img/second.fits").put("ms_path", MS).put("type", "image"));
    ms = call(PRODUCTS_MS_LIST, new JsonObject()).getJsonArray("ms").getJsonObject(0);
    assertThat(ms.getString("stage"))
        .as("a later image never moves an MS back")
        .isEqualTo("photometry_complete");
  }

  @Test
  void listFiltersByStageStatusAndTime() throws Exception {
    call(
        PRODUCTS_MS_UPSERT,
        new JsonObject()
            .put("path", "/a.ms")
            .put("stage", "converted")
            .put("status", "ok")
            .put("mid_mjd", 60000.0));
    call(
        PRODUCTS_MS_UPSERT,
        new JsonObject()
            .put("path", "/b.ms")
            .put("stage", "imaged")
            .put("status", "flagged")
            .put("mid_mjd", 60001.0));
    call(
        PRODUCTS_MS_UPSERT,
        new JsonObject()
            .put("path", "/c.ms")
            .put("stage", "imaged")
            .put("status", "ok")
            .put("mid_mjd", 60002.0));
    assertThat(call(PRODUCTS_MS_LIST, new JsonObject().put("stage", "imaged")).getLong("total"))
        .isEqualTo(2L);
    assertThat(call(PRODUCTS_MS_LIST, new JsonObject().put("status", "ok")).getLong("total"))
        .isEqualTo(2L);
    JsonObject range =
        call(PRODUCTS_MS_LIST, new JsonObject().put("start_mjd", 60000.5).put("end_mjd", 60001.5));
    assertThat(range.getJsonArray("ms").getJsonObject(0).getString("path")).isEqualTo("/b.ms");
    assertThat(
            call(PRODUCTS_MS_LIST, new JsonObject())
                .getJsonArray("ms")
                .getJsonObject(0)
                .getString("path"))
        .isEqualTo("/c.ms");
  }
}
