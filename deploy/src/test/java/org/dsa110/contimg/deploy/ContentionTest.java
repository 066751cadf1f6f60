package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.count;
import static org.dsa110.contimg.common.testing.HubTest.request;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.HubTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sqlite3 command line holds a write transaction on products.sqlite3 for longer than
 * busy_timeout: writes through the hub are answered 503 and change nothing; reads go on; once the
 * lock is gone writes succeed, and everything acknowledged before, during and after is there.
 */
@ExtendWith(VertxExtension.class)
class ContentionTest {
  @TempDir Path stateDir;

  private static JsonObject batch(String image) {
    JsonArray rows = new JsonArray();
    for (int i = 0; i < 100; i++) {
      rows.add(
          new JsonObject()
              .put("source_id", "S" + i)
              .put("ra_deg", i)
              .put("dec_deg", 10)
              .put("peak_jyb", 0.01)
              .put("peak_err_jyb", 0.001));
    }
    return new JsonObject().put("image_path", image).put("mjd", 60000.5).put("measurements", rows);
  }

  private void image(Vertx vertx, int n) throws Exception {
    request(vertx, Addresses.PRODUCTS_MS_UPSERT, new JsonObject().put("path", "/ms/" + n));
    request(
        vertx,
        Addresses.PRODUCTS_IMAGE_ADD,
        new JsonObject().put("path", "/img/" + n).put("ms_path", "/ms/" + n).put("type", "image"));
  }

  @Test
  void aLockHeldBySqlite3MakesWrites503UntilItIsReleased(Vertx vertx) throws Exception {
    await(
        Hub.deployAll(
            vertx,
            HubTest.config(
                stateDir,
                Map.of(
                    "CONTIMG_HTTP_PORT",
                    String.valueOf(HubHarness.freePort()),
                    "CONTIMG_BRIDGE_PORT",
                    String.valueOf(HubHarness.freePort()),
                    "CONTIMG_SQLITE_BUSY_TIMEOUT_MS",
                    "500"))));
    image(vertx, 1);
    image(vertx, 2);
    request(vertx, Addresses.PRODUCTS_PHOTOMETRY_ADD, batch("/img/1"));

    Process sqlite3;
    try {
      sqlite3 =
          new ProcessBuilder("sqlite3", stateDir.resolve("products.sqlite3").toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      assumeTrue(false, "the sqlite3 command line is not installed");
      return;
    }
    OutputStream shell = sqlite3.getOutputStream();
    shell.write(
        "BEGIN IMMEDIATE;\nINSERT INTO qa_artifacts (group_id, name, path, created_at) VALUES ('held', 'lock', '/x', 0);\n"
            .getBytes(StandardCharsets.UTF_8));
    shell.flush();
    Thread.sleep(500);

    ReplyException busy =
        HubTest.failure(vertx, Addresses.PRODUCTS_PHOTOMETRY_ADD, batch("/img/2"));
    assertThat(busy.failureCode()).isEqualTo(503);
    assertThat(busy.getMessage()).contains("database busy");
    assertThat(
            request(
                    vertx,
                    Addresses.PRODUCTS_TIMESERIES_GET,
                    new JsonObject().put("source_id", "S1"))
                .getInteger("count"))
        .as("reads go on while another process writes")
        .isEqualTo(1);

    shell.write("ROLLBACK;\n.quit\n".getBytes(StandardCharsets.UTF_8));
    shell.close();
    assertThat(sqlite3.waitFor(10, TimeUnit.SECONDS)).isTrue();

    request(vertx, Addresses.PRODUCTS_PHOTOMETRY_ADD, batch("/img/2"));
    assertThat(count(stateDir.resolve("products.sqlite3"), "SELECT COUNT(*) FROM photometry"))
        .isEqualTo(200);
    assertThat(count(stateDir.resolve("products.sqlite3"), "SELECT COUNT(*) FROM qa_artifacts"))
        .isZero();
    assertThat(
            count(
                stateDir.resolve("products.sqlite3"),
                "SELECT COUNT(*) FROM photometry WHERE image_path = '/img/2'"))
        .isEqualTo(100);
  }
}
