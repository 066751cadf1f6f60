package org.dsa110.contimg.products;

import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.config;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dsa110.contimg.common.bus.Addresses;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ProductsVerticle on a real products.sqlite3 in a temp folder, recording events.products.
 */
@ExtendWith(VertxExtension.class)
abstract class ProductsTestBase {
  static final String MS = "/data/ms/2025-10-24T12:00:00.ms";
  static final String IMAGE = "/data/images/2025-10-24T12:00:00.image.fits";

  @TempDir Path stateDir;
  Vertx vertx;
  final List<JsonObject> events = new CopyOnWriteArrayList<>();

  /**
   * The products owner alone, with normalisation off and no systematic floor: the statistics are
   * then the plain arithmetic of the fluxes and errors sent, which is what these tests check.
   * NormalisationTest runs it with a catalogue.
   */
  void deploy(Vertx vertx) throws Exception {
    deploy(
        vertx,
        Map.of(
            "CONTIMG_VARIABILITY_NORMALISATION_ENABLED",
            "false",
            "CONTIMG_VARIABILITY_SYSTEMATIC_FLOOR",
            "0"));
  }

  void deploy(Vertx vertx, Map<String, String> env) throws Exception {
    this.vertx = vertx;
    vertx.eventBus().<JsonObject>consumer(Addresses.EVENTS_PRODUCTS, m -> events.add(m.body()));
    await(
        vertx.deployVerticle(
            new ProductsVerticle(), new DeploymentOptions().setConfig(config(stateDir, env))));
  }

  Path database() {
    return stateDir.resolve("products.sqlite3");
  }

  JsonObject call(String address, JsonObject body) throws Exception {
    return request(vertx, address, body);
  }

  /** An MS and its primary image, ready for photometry. */
  void msAndImage(String ms, String image, double mjd) throws Exception {
    msAndImage(ms, image, mjd, 0.0005);
  }

  /** noiseJy null: an image whose rms nobody recorded. */
  void msAndImage(String ms, String image, double mjd, Double noiseJy) throws Exception {
    call(
        Addresses.PRODUCTS_MS_UPSERT,
        new JsonObject().put("path", ms).put("mid_mjd", mjd).put("stage", "calibrated"));
    call(
        Addresses.PRODUCTS_IMAGE_ADD,
        new JsonObject()
            .put("path", image)
            .put("ms_path", ms)
            .put("type", "image")
            .put("noise_jy", noiseJy)
            .put("field_name", "J1234+42"));
  }

  /** n measurements of sources NVSS J000000+00000i, flux (i + 1) mJy with 0.1 mJy errors. */
  static JsonArray measurements(int n) {
    JsonArray rows = new JsonArray();
    for (int i = 0; i < n; i++) {
      rows.add(
          new JsonObject()
              .put("source_id", String.format("NVSS J%06d+420312", i))
              .put("ra_deg", (i * 0.01) % 360)
              .put("dec_deg", 42.05)
              .put("peak_jyb", (i + 1) / 1000.0)
              .put("peak_err_jyb", 0.0001)
              .put("snr", 10.0 * (i + 1))
              .put("nvss_flux_mjy", i + 1.5));
    }
    return rows;
  }

  JsonObject photometry(String image, double mjd, JsonArray rows) throws Exception {
    return call(
        Addresses.PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject().put("image_path", image).put("mjd", mjd).put("measurements", rows));
  }
}
