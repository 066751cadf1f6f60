package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.deploy.HubHarness.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** From photometry to a reviewed ESE candidate, through the real gateway. */
@ExtendWith(VertxExtension.class)
class VariabilityHttpTest {
  private static final String TOKEN = "astro";

  @TempDir Path stateDir;

  @Test
  void aVariableSourceBecomesACandidateThatAnAstronomerDismisses(Vertx vertx) throws Exception {
    HubHarness http = HubHarness.startHub(vertx, stateDir, Map.of("CONTIMG_API_TOKEN", TOKEN));
    ReferenceField.importCatalogue(vertx, stateDir);
    double[] flux = {0.010, 0.0101, 0.0099, 0.010, 0.0100, 0.030};
    double[] gain = {1.0, 1.05, 0.96, 1.02, 0.95, 1.04};
    for (int epoch = 0; epoch < flux.length; epoch++) {
      String ms = "/ms/" + epoch + ".ms";
      String image = "/img/" + epoch + ".fits";
      request(
          vertx,
          Addresses.PRODUCTS_MS_UPSERT,
          new JsonObject().put("path", ms).put("mid_mjd", 60000.0 + epoch));
      request(
          vertx,
          Addresses.PRODUCTS_IMAGE_ADD,
          new JsonObject().put("path", image).put("ms_path", ms).put("type", "image"));
      request(
          vertx,
          Addresses.PRODUCTS_PHOTOMETRY_ADD,
          new JsonObject()
              .put("image_path", image)
              .put("mjd", 60000.0 + epoch)
              .put(
                  "measurements",
                  ReferenceField.measuredWith(
                      gain[epoch],
                      new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("source_id", "NVSS J000000+420000")
                                  .put("ra_deg", 0.1)
                                  .put("dec_deg", 42.0)
                                  .put("peak_jyb", gain[epoch] * flux[epoch])
                                  .put("peak_err_jyb", 0.0002)))));
    }
    Response candidates = await(http.get("/api/v1/ese/candidates?flag_type=variability"));
    assertThat(candidates.body().getLong("total")).isEqualTo(1L);
    JsonObject candidate = candidates.body().getJsonArray("candidates").getJsonObject(0);
    assertThat(candidate.getString("source_id")).isEqualTo("NVSS J000000+420000");
    assertThat(candidate.getLong("n_obs")).isEqualTo(6L);

    String path = "/api/v1/ese/candidates/" + candidate.getLong("id");
    JsonObject dismiss =
        new JsonObject()
            .put("status", "dismissed")
            .put("by", "alice")
            .put("notes", "calibration artefact");
    assertThat(await(http.call(HttpMethod.PATCH, path, null, dismiss)).status()).isEqualTo(401);
    Response dismissed = await(http.call(HttpMethod.PATCH, path, TOKEN, dismiss));
    assertThat(dismissed.status()).isEqualTo(200);
    assertThat(dismissed.body().getString("status")).isEqualTo("dismissed");
    assertThat(await(http.call(HttpMethod.PATCH, path, TOKEN, dismiss)).status()).isEqualTo(409);

    Response source = await(http.get("/api/v1/sources/NVSS%20J000000%2B420000"));
    assertThat(source.body().getJsonObject("stats").getLong("n_obs")).isEqualTo(6L);
    assertThat(
            source.body().getJsonArray("candidates").stream()
                .map(c -> (JsonObject) c)
                .filter(c -> c.getLong("id").equals(candidate.getLong("id")))
                .findFirst()
                .orElseThrow()
                .getString("notes"))
        .contains("alice] calibration artefact");
    assertThat(await(http.get(source.body().getString("timeseries"))).body().getInteger("count"))
        .isEqualTo(6);

    JsonArray points =
        await(http.get(source.body().getString("timeseries"))).body().getJsonArray("points");
    for (int epoch = 0; epoch < flux.length; epoch++) {
      assertThat(points.getJsonObject(epoch).getDouble("flux_norm_mjy"))
          .as("epoch %d with its image's gain taken out", epoch)
          .isCloseTo(flux[epoch] * 1000, org.assertj.core.api.Assertions.within(1e-9));
    }
    assertThat(candidate.getJsonObject("evidence").getString("detector")).isNotBlank();
    JsonArray sorted =
        await(http.get("/api/v1/variability?sort=significance")).body().getJsonArray("sources");
    assertThat(sorted.getJsonObject(0).getString("source_id")).isEqualTo("NVSS J000000+420000");
    assertThat(sorted).hasSize(1 + ReferenceField.REFERENCES);
    assertThat(await(http.get("/api/v1/variability/eta-v")).body().getJsonArray("points"))
        .hasSize(1 + ReferenceField.REFERENCES);
    Response userFlag =
        await(
            http.post(
                "/api/v1/ese/candidates",
                TOKEN,
                new JsonObject()
                    .put("source_id", "NVSS J000000+420000")
                    .put("by", "bob")
                    .put("notes", "worth a look")));
    assertThat(userFlag.body().getString("flag_type")).isEqualTo("user");
    assertThat(await(http.get("/api/v1/variability?sort=loudness")).status()).isEqualTo(400);
  }
}
