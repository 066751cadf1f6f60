package org.dsa110.contimg.deploy;

import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.dsa110.contimg.common.bus.Addresses;

/** The data the browser tests look at, written through the owners' real addresses. */
final class DashboardFixtures {
  static final String WANDERER = "TEST J1230+4210";
  static final int EPOCHS = 8;

  /** Each epoch's image gain: the common scale error every source in the image shares. */
  private static final double[] GAINS = {1.0, 1.06, 0.95, 1.03, 0.97, 1.08, 0.93, 1.01};

  private static final double FIRST_MJD = 61000.25;

  private DashboardFixtures() {}

  /**
   * A catalogue of reference sources ({@link ReferenceField}), then eight epochs (each image with
   * its own gain error, which the references measure) of a steady source and one that brightens
   * threefold halfway: a candidate.
   */
  static void seedAWanderingSource(Vertx vertx, Path stateDir) throws Exception {
    ReferenceField.importCatalogue(vertx, stateDir);
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      double mjd = FIRST_MJD + epoch / 288.0;
      String ms = "/test/ms/" + epoch + ".ms";
      String image = "/test/images/" + epoch + ".image.fits";
      request(
          vertx,
          Addresses.PRODUCTS_MS_UPSERT,
          new JsonObject().put("path", ms).put("mid_mjd", mjd).put("stage", "calibrated"));
      request(
          vertx,
          Addresses.PRODUCTS_IMAGE_ADD,
          new JsonObject()
              .put("path", image)
              .put("ms_path", ms)
              .put("type", "image")
              .put("noise_jy", 0.0005)
              .put("center_ra_deg", 187.5)
              .put("center_dec_deg", 42.1));
      double gain = GAINS[epoch];
      double wanderer =
          epoch < EPOCHS / 2 ? 0.100 + 0.001 * (epoch % 2) : 0.300 - 0.001 * (epoch % 2);
      JsonArray rows =
          ReferenceField.measuredWith(
              gain,
              new JsonArray()
                  .add(measurement(WANDERER, 187.5, 42.17, gain * wanderer))
                  .add(
                      measurement(
                          "TEST J1229+4200", 187.4, 42.0, gain * (0.050 + 0.0005 * (epoch % 2)))));
      request(
          vertx,
          Addresses.PRODUCTS_PHOTOMETRY_ADD,
          new JsonObject().put("image_path", image).put("mjd", mjd).put("measurements", rows));
    }
  }

  private static JsonObject measurement(String source, double ra, double dec, double peakJy) {
    return new JsonObject()
        .put("source_id", source)
        .put("ra_deg", ra)
        .put("dec_deg", dec)
        .put("nvss_flux_mjy", 100.0)
        .put("peak_jyb", peakJy)
        .put("peak_err_jyb", 0.002);
  }
}
