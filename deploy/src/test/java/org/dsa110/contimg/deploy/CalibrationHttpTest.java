package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.dsa110.contimg.deploy.HubHarness.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The calibration registry over HTTP, through the real gateway to the real owner. */
@ExtendWith(VertxExtension.class)
class CalibrationHttpTest {
  private static final String TOKEN = "cal-token";

  @TempDir Path stateDir;
  private HubHarness http;

  @BeforeEach
  void startHub(Vertx vertx) throws Exception {
    http = HubHarness.startHub(vertx, stateDir, Map.of("CONTIMG_API_TOKEN", TOKEN));
  }

  private static JsonObject set(String name, double start, double end) {
    JsonArray tables = new JsonArray();
    for (String type : new String[] {"K", "BP", "G"}) {
      tables.add(
          new JsonObject()
              .put("path", "/cal/" + name + "." + type)
              .put("table_type", type)
              .put("valid_start_mjd", start)
              .put("valid_end_mjd", end));
    }
    return new JsonObject().put("set_name", name).put("tables", tables);
  }

  @Test
  void theSetsAndTheQueueAreListsThatAnswerCsvToo() throws Exception {
    await(http.post("/api/v1/calibration/sets", TOKEN, set("a", 60000, 60001)));
    HubHarness.Text sets = await(http.text("/api/v1/calibration/sets?format=csv"));
    assertThat(sets.status()).as(sets.body()).isEqualTo(200);
    assertThat(sets.contentType()).startsWith("text/csv");
    assertThat(sets.body().lines().findFirst().orElseThrow()).startsWith("set_name,");
    assertThat(sets.body().lines().skip(1).findFirst().orElseThrow()).startsWith("a,");
    HubHarness.Text queue = await(http.text("/api/v1/queue?format=csv&has_calibrator=true"));
    assertThat(queue.status()).as(queue.body()).isEqualTo(200);
    assertThat(queue.body().lines().findFirst().orElse("")).as("no groups: no rows").isEmpty();
    assertThat(await(http.get("/api/v1/queue?format=xml")).body().getString("message"))
        .startsWith("format:");
  }

  @Test
  void registerLookUpCoverAndRetireOverHttp() throws Exception {
    assertThat(await(http.post("/api/v1/calibration/sets", null, set("a", 60000, 60001))).status())
        .isEqualTo(401);
    Response registered =
        await(http.post("/api/v1/calibration/sets", TOKEN, set("a", 60000, 60001)));
    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.body().getBoolean("registered")).isTrue();
    await(http.post("/api/v1/calibration/sets", TOKEN, set("b", 60002, 60003)));

    Response active = await(http.get("/api/v1/calibration/active?mjd=60000.5"));
    assertThat(active.body().getString("set_name")).isEqualTo("a");
    assertThat(active.body().getJsonArray("tables").getJsonObject(0).getString("table_type"))
        .isEqualTo("K");

    Response coverage = await(http.get("/api/v1/calibration/coverage?start=59999.5&end=60003.5"));
    assertThat(coverage.body().getJsonArray("gaps")).hasSize(3);

    Response retired =
        await(
            http.post(
                "/api/v1/calibration/sets/a/retire", TOKEN, new JsonObject().put("reason", "RFI")));
    assertThat(retired.body().getBoolean("retired")).isTrue();
    Response missing = await(http.get("/api/v1/calibration/active?mjd=60000.5&fallback=false"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().getString("message")).contains("60000.5");

    Response one = await(http.get("/api/v1/calibration/sets/a"));
    assertThat(one.body().getJsonObject("retirement").getString("reason")).isEqualTo("RFI");
    Response list = await(http.get("/api/v1/calibration/sets?active=true"));
    assertThat(list.body().getInteger("total")).isEqualTo(1);
  }

  @Test
  void malformedBodiesAndParametersAre400NamingWhatIsWrong() throws Exception {
    Response empty = await(http.raw(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, null));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body().getString("message")).startsWith("body:");
    Response notJson =
        await(
            http.raw(
                HttpMethod.POST,
                "/api/v1/calibration/sets",
                TOKEN,
                Buffer.buffer("{\"set_name\": oops}")));
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.body().getString("message"))
        .startsWith("body: not valid JSON")
        .contains("column");

    Response badTable = await(http.post("/api/v1/calibration/sets", TOKEN, set("x", 60001, 60000)));
    assertThat(badTable.status()).isEqualTo(400);
    assertThat(badTable.body().getString("message")).startsWith("tables[0].valid_end_mjd:");

    Response badMjd = await(http.get("/api/v1/calibration/active?mjd=tomorrow"));
    assertThat(badMjd.status()).isEqualTo(400);
    assertThat(badMjd.body().getString("message")).startsWith("mjd:");
    Response unknown = await(http.get("/api/v1/calibration/coverage?start=60000&end=60001&step=1"));
    assertThat(unknown.body().getString("message")).startsWith("step:");
  }
}
