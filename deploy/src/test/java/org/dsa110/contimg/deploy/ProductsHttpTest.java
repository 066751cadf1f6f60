package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.deploy.HubHarness.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Products over HTTP: JSON and CSV lists, light curves, and artifact files that never leave the
 * data root.
 */
@ExtendWith(VertxExtension.class)
class ProductsHttpTest {
  @TempDir Path stateDir;
  @TempDir Path dataRoot;
  @TempDir Path elsewhere;
  private Vertx vertx;
  private HubHarness http;

  @BeforeEach
  void startHub(Vertx vertx) throws Exception {
    this.vertx = vertx;
    http =
        HubHarness.startHub(
            vertx, stateDir, Map.of("CONTIMG_GATEWAY_DATA_ROOT", dataRoot.toString()));
    request(
        vertx,
        Addresses.PRODUCTS_MS_UPSERT,
        new JsonObject()
            .put("path", "/data/ms/a.ms")
            .put("mid_mjd", 60972.5)
            .put("stage", "calibrated"));
    request(
        vertx,
        Addresses.PRODUCTS_IMAGE_ADD,
        new JsonObject()
            .put("path", "/data/img/a.fits")
            .put("ms_path", "/data/ms/a.ms")
            .put("type", "image")
            .put("noise_jy", 0.0004)
            .put("field_name", "J1234+42, north"));
    request(
        vertx,
        Addresses.PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject()
            .put("image_path", "/data/img/a.fits")
            .put("mjd", 60972.5)
            .put(
                "measurements",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("source_id", "NVSS J123456.7+420312")
                            .put("ra_deg", 188.73)
                            .put("dec_deg", 42.05)
                            .put("peak_jyb", 0.0251)
                            .put("peak_err_jyb", 0.0005)
                            .put("snr", 50.2))));
  }

  /**
   * Percent-encoding for a path segment or query value: a space is %20 ('+' means a plus in a
   * path).
   */
  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Test
  void listsAndLightCurvesComeAsJsonOrCsv() throws Exception {
    Response ms = await(http.get("/api/v1/ms?stage=imaged"));

    assertThat(ms.body().getJsonArray("ms").getJsonObject(0).getString("imagename"))
        .isEqualTo("/data/img/a.fits");
    Response images = await(http.get("/api/v1/images?type=image"));
    long id = images.body().getJsonArray("images").getJsonObject(0).getLong("id");
    assertThat(await(http.get("/api/v1/images/" + id)).body().getString("path"))
        .isEqualTo("/data/img/a.fits");
    assertThat(await(http.get("/api/v1/images/12345")).status()).isEqualTo(404);

    String source = encode("NVSS J123456.7+420312");
    Response series = await(http.get("/api/v1/sources/" + source + "/timeseries"));
    assertThat(series.body().getJsonArray("points").getJsonObject(0).getDouble("flux_mjy"))
        .isEqualTo(25.1);

    HttpClient client = vertx.createHttpClient();
    String csv =
        await(
                client
                    .request(
                        HttpMethod.GET,
                        http.port(),
                        "localhost",
                        "/api/v1/sources/" + source + "/timeseries?format=csv")
                    .compose(
                        request ->
                            request
                                .send()
                                .compose(
                                    r -> {
                                      assertThat(r.getHeader("Content-Type"))
                                          .startsWith("text/csv");
                                      return r.body();
                                    })))
            .toString();
    assertThat(csv.lines().findFirst().orElseThrow())
        .isEqualTo(
            "mjd,flux_mjy,error_mjy,snr,field_name,image_noise_mjy,image_path,flux_norm_mjy,error_norm_mjy,normalisation");
    assertThat(csv.lines().skip(1).findFirst().orElseThrow())
        .as("no references: the point waits, unnormalised")
        .isEqualTo(
            "60972.5,25.1,0.5,50.2,\"J1234+42, north\",0.4,/data/img/a.fits,,,too_few_references");

    assertThat(await(http.get("/api/v1/sources?prefix=NVSS%20J12")).body().getJsonArray("sources"))
        .hasSize(1);
    assertThat(await(http.get("/api/v1/mosaics")).body().getLong("total")).isZero();
    assertThat(await(http.get("/api/v1/qa/2025-10-24T12:00:00")).body().getJsonArray("artifacts"))
        .isEmpty();
    assertThat(await(http.get("/api/v1/pointing?max_points=10")).body().getLong("total")).isZero();
    Response badFormat = await(http.get("/api/v1/ms?format=xml"));
    assertThat(badFormat.status()).isEqualTo(400);
    assertThat(badFormat.body().getString("message")).startsWith("format:");
    assertThat(await(http.get("/api/v1/ms?stage=done")).body().getString("message"))
        .startsWith("stage:");
  }

  @Test
  void artifactsAreServedFromTheDataRootOnly() throws Exception {
    Path plot =
        Files.createDirectories(dataRoot.resolve("qa/2025-10-24T12:00:00"))
            .resolve("amplitude_vs_time.png");
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
    Files.write(plot, png);
    Path secret = Files.writeString(elsewhere.resolve("secret.txt"), "not for you");
    Files.createSymbolicLink(dataRoot.resolve("qa/escape.txt"), secret);

    HttpClient client = vertx.createHttpClient();
    Buffer served =
        await(
            client
                .request(
                    HttpMethod.GET,
                    http.port(),
                    "localhost",
                    "/api/v1/artifacts?path=" + encode(plot.toString()))
                .compose(
                    request ->
                        request
                            .send()
                            .compose(
                                r -> {
                                  assertThat(r.statusCode()).isEqualTo(200);
                                  assertThat(r.getHeader("Content-Type")).isEqualTo("image/png");
                                  return r.body();
                                })));
    assertThat(served.getBytes()).isEqualTo(png);
    int relative =
        await(
            client
                .request(
                    HttpMethod.GET,
                    http.port(),
                    "localhost",
                    "/api/v1/artifacts?path="
                        + encode("qa/2025-10-24T12:00:00/amplitude_vs_time.png"))
                .compose(r -> r.send())
                .map(r -> r.statusCode()));
    assertThat(relative).isEqualTo(200);

    for (String outside :
        new String[] {
          secret.toString(),
          dataRoot + "/../" + elsewhere.getFileName() + "/secret.txt",
          dataRoot.resolve("qa/escape.txt").toString(),
          "../" + elsewhere.getFileName() + "/secret.txt",
          "/etc/passwd",
          dataRoot + "/qa/missing.png",
          dataRoot + "/qa"
        }) {
      Response refused = await(http.get("/api/v1/artifacts?path=" + encode(outside)));
      assertThat(refused.status()).as(outside).isEqualTo(404);
      assertThat(refused.body().getInteger("error")).isEqualTo(404);
    }
    assertThat(await(http.get("/api/v1/artifacts")).status()).isEqualTo(400);
  }
}
