package org.dsa110.contimg.deploy;

import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.dsa110.contimg.common.bus.Addresses;

/**
 * Reference sources for tests that need images the hub can normalise: a catalogue of bright,
 * compact sources imported through catalog.import (the real path), and their measurements in an
 * image with a given gain error.
 */
final class ReferenceField {
  static final int REFERENCES = 8;

  private ReferenceField() {}

  /** Imports the references' catalogue (written beside the state). */
  static void importCatalogue(Vertx vertx, Path stateDir) throws Exception {
    Path catalogue = stateDir.resolve("reference-catalogue.csv");
    StringBuilder csv = new StringBuilder("source_id,ra_deg,dec_deg,s_nvss,snr_nvss\n");
    for (int r = 0; r < REFERENCES; r++) {
      csv.append(
          String.format(
              Locale.ROOT, "REF J%02d,%.3f,42.1,%.3f,100%n", r, 187.0 + 0.1 * r, fluxJy(r)));
    }
    Files.writeString(catalogue, csv);
    request(
        vertx,
        Addresses.CATALOG_IMPORT,
        new JsonObject()
            .put("path", catalogue.toString())
            .put("format", "csv")
            .put("mode", "strict"));
  }

  /** The references as one image with this gain measures them (2 mJy errors), added to rows. */
  static JsonArray measuredWith(double gain, JsonArray rows) {
    for (int r = 0; r < REFERENCES; r++) {
      rows.add(
          new JsonObject()
              .put("source_id", String.format("REF J%02d", r))
              .put("ra_deg", 187.0 + 0.1 * r)
              .put("dec_deg", 42.1)
              .put("nvss_flux_mjy", fluxJy(r) * 1000)
              .put("peak_jyb", gain * fluxJy(r))
              .put("peak_err_jyb", 0.002));
    }
    return rows;
  }

  private static double fluxJy(int r) {
    return 0.2 + 0.05 * r;
  }
}
