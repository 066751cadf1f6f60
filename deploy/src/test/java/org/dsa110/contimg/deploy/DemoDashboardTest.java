package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.web.DashboardLinks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What a newcomer sees after the README's run command with {@code --demo}: every page of the
 * dashboard filled by the demo telescope, without a console error. Its screenshots are the ones
 * kept in {@code docs/}.
 */
@ExtendWith(VertxExtension.class)
class DemoDashboardTest {
  private static final String TOKEN = "demo-operator";

  @TempDir Path stateDir;

  @Test
  void everyPageShowsTheDemoTelescopesWork(Vertx vertx) throws Exception {
    // Reads guarded too, so the page must carry the token on every request, previews included.
    DemoHub hub =
        DemoHub.start(
            vertx,
            stateDir,
            250,
            600,
            0.03,
            Map.of("CONTIMG_API_TOKEN", TOKEN, "CONTIMG_API_READS_REQUIRE_TOKEN", "true"));
    int http = hub.httpPort();
    String demo = hub.demoDeployment();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                request(vertx, Addresses.PRODUCTS_MOSAICS_LIST, new JsonObject()).getLong("total")
                        >= 2
                    && request(vertx, Addresses.PRODUCTS_ALERTS_LIST, new JsonObject())
                            .getLong("total")
                        > 0);
    await(vertx.undeploy(demo));
    JsonObject strongest =
        request(vertx, Addresses.PRODUCTS_ESE_LIST, new JsonObject().put("limit", 1))
            .getJsonArray("candidates")
            .getJsonObject(0);
    String base = "http://127.0.0.1:" + http + "/#/";

    try (HeadlessChromium chromium = new HeadlessChromium()) {
      chromium.driver.get(base);
      chromium
          .waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.cssSelector("#queue-counts .error"),
                  "Authorization: Bearer <token> is required"));
      chromium.consoleErrors(); // the refused reads, before the token was entered
      chromium.driver.findElement(By.id("token-button")).click();
      chromium
          .waiting()
          .until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")))
          .sendKeys(TOKEN);
      chromium.driver.findElement(By.id("token-save")).click();
      chromium.waiting().until(ExpectedConditions.textToBe(By.id("token-button"), "forget token"));
      chromium.waiting().until(ExpectedConditions.textToBe(By.id("connection"), "live"));
      chromium
          .waiting()
          .until(
              ExpectedConditions.numberOfElementsToBe(
                  By.cssSelector("#owner-health .owner.status-UP"), 5));
      chromium
          .waiting()
          .until(
              ExpectedConditions.numberOfElementsToBeMoreThan(
                  By.cssSelector("#coverage rect.gap"), 1));
      chromium
          .waiting()
          .until(
              ExpectedConditions.numberOfElementsToBeMoreThan(
                  By.cssSelector("#coverage rect.covered"), 0));
      chromium
          .waiting()
          .until(
              ExpectedConditions.numberOfElementsToBeMoreThan(
                  By.cssSelector("#alerts-list li.alert"), 0));
      chromium
          .waiting()
          .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#groups-body tr"), 15));
      assertThat(
              Integer.parseInt(
                  chromium
                      .driver
                      .findElement(By.cssSelector("#queue-counts [data-state='completed'] .value"))
                      .getText()))
          .isGreaterThanOrEqualTo(24);
      chromium.screenshot("demo-overview");

      chromium.driver.get(
          DashboardLinks.sourcePage("http://127.0.0.1:" + http, strongest.getString("source_id")));
      chromium
          .waiting()
          .until(
              ExpectedConditions.numberOfElementsToBe(
                  By.cssSelector("#light-curve circle.point"), strongest.getInteger("n_obs")));
      chromium
          .waiting()
          .until(
              ExpectedConditions.presenceOfElementLocated(
                  By.cssSelector("#light-curve line.nvss")));
      chromium
          .waiting()
          .until(
              ExpectedConditions.numberOfElementsToBeMoreThan(
                  By.cssSelector("#candidate-history article.candidate"), 0));
      chromium.viewport(1280, 1000);
      chromium.screenshot("demo-source-page");
      chromium.viewport(1280, 800);

      chromium.driver.get(base + "candidates");
      chromium
          .waiting()
          .until(
              ExpectedConditions.numberOfElementsToBeMoreThan(
                  By.cssSelector("#candidates-body tr[data-candidate]"), 0));
      assertThat(
              chromium
                  .driver
                  .findElement(By.cssSelector("#candidates-body tr[data-candidate]"))
                  .getText())
          .contains(strongest.getString("source_id"));
      chromium.screenshot("demo-candidates");

      chromium.driver.get(base + "products");
      chromium
          .waiting()
          .until(
              driver ->
                  (Boolean)
                      chromium.driver.executeScript(
                          "const images = [...document.querySelectorAll('#mosaics img')];"
                              + "return images.length >= 2 && images.every(img => img.complete && img.naturalWidth === 256);"));
      chromium
          .waiting()
          .until(
              ExpectedConditions.numberOfElementsToBeMoreThan(
                  By.cssSelector("#images-body tr"), 10));
      chromium.screenshot("demo-products");

      chromium.driver.get(base + "sky");
      chromium
          .waiting()
          .until(
              ExpectedConditions.numberOfElementsToBeMoreThan(
                  By.cssSelector("#sky-plot circle.candidate"), 0));
      chromium
          .waiting()
          .until(
              ExpectedConditions.numberOfElementsToBeMoreThan(
                  By.cssSelector("#sky-plot circle.pointing"), 10));
      chromium.screenshot("demo-sky");

      assertThat(chromium.consoleErrors()).isEmpty();
    }
  }
}
