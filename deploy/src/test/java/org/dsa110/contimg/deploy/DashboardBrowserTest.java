package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.common.bridge.BridgeClient;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.HubTest;
import org.dsa110.contimg.common.web.DashboardLinks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real headless Chromium against a real hub: it loads cleanly, follows the queue
 * live over SockJS, draws a candidate's light curve, and lets an operator with the token dismiss a
 * candidate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
  private static final String TOKEN = "dashboard-token";
  private static final String BRIDGE_TOKEN = "bridge-token";

  private Vertx vertx;
  private HeadlessChromium chromium;
  private BridgeClient pipeline;
  private String base;

  @BeforeAll
  void startHubAndBrowser(@TempDir Path stateDir) throws Exception {
    vertx = Vertx.vertx();
    int http = HubHarness.freePort();
    int bridge = HubHarness.freePort();
    JsonObject config =
        HubTest.config(
            stateDir,
            Map.of(
                "CONTIMG_HTTP_PORT",
                String.valueOf(http),
                "CONTIMG_BRIDGE_PORT",
                String.valueOf(bridge),
                "CONTIMG_BRIDGE_TOKEN",
                BRIDGE_TOKEN,
                "CONTIMG_API_TOKEN",
                TOKEN));
    await(Hub.deployAll(vertx, config));
    DashboardFixtures.seedAWanderingSource(vertx, stateDir);
    pipeline = await(BridgeClient.connect(vertx, bridge, BRIDGE_TOKEN));
    base = "http://127.0.0.1:" + http;
    chromium = new HeadlessChromium();
  }

  @AfterAll
  void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (pipeline != null) {
      await(pipeline.close());
    }
    await(vertx.close());
  }

  @BeforeEach
  void freshSession() {
    chromium.viewport(1280, 800);
    chromium.driver.get(base + "/#/");
    chromium.driver.executeScript("sessionStorage.clear()");
    chromium.consoleErrors();
  }

  @Test
  void theOverviewLoadsWithEveryPanelAndNoConsoleErrors() throws Exception {
    chromium.driver.navigate().refresh();
    waitUntilLive();
    chromium
        .waiting()
        .until(
            ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#owner-health .owner.status-UP"), 5));
    chromium
        .waiting()
        .until(
            ExpectedConditions.presenceOfElementLocated(By.cssSelector("#coverage svg.coverage")));
    assertThat(text("#queue-counts [data-state='completed'] .value")).isEqualTo("0");
    chromium.screenshot("overview");

    assertThat(chromium.consoleErrors()).isEmpty();
  }

  @Test
  void aGroupRecordedThroughTheBridgeAppearsWithoutAReload() throws Exception {
    waitUntilLive();
    chromium.driver.executeScript("window.notReloaded = true");
    String group = "2026-11-25T10:15:00";

    await(
        pipeline.request(
            Addresses.INGEST_SUBBAND_ADD,
            new JsonObject().put("file_path", "/data/incoming/" + group + "_sb00.hdf5")));

    By row = By.cssSelector("#groups-body tr[data-group='" + group + "']");
    chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(row));
    WebElement added = chromium.driver.findElement(row);
    assertThat(added.getText()).contains("collecting").contains("1/16");
    assertThat(added.getAttribute("class")).contains("flash");
    chromium
        .waiting()
        .until(
            ExpectedConditions.textToBe(
                By.cssSelector("#queue-counts [data-state='collecting'] .value"), "1"));
    assertThat(chromium.driver.executeScript("return window.notReloaded === true")).isEqualTo(true);

    for (int sb = 1; sb < 16; sb++) {
      await(
          pipeline.request(
              Addresses.INGEST_SUBBAND_ADD,
              new JsonObject()
                  .put("file_path", String.format("/data/incoming/%s_sb%02d.hdf5", group, sb))));
    }
    chromium.waiting().until(ExpectedConditions.textToBePresentInElementLocated(row, "pending"));
    assertThat(chromium.driver.findElement(row).getText()).contains("16/16");
    assertThat(chromium.consoleErrors()).isEmpty();
  }

  @Test
  void aCandidatesSourcePageDrawsItsLightCurveAgainstNvss() throws Exception {
    chromium.driver.get(base + "/#/candidates");
    By link = By.linkText(DashboardFixtures.WANDERER);
    chromium.waiting().until(ExpectedConditions.elementToBeClickable(link));
    chromium.driver.findElement(link).click();

    chromium
        .waiting()
        .until(
            ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#light-curve circle.point"), DashboardFixtures.EPOCHS));
    assertThat(chromium.driver.findElements(By.cssSelector("#light-curve line.error-bar")))
        .hasSize(DashboardFixtures.EPOCHS);
    assertThat(text("#light-curve .nvss-label")).isEqualTo("NVSS 100.0 mJy");
    assertThat(text("#source-stats"))
        .contains("observations")
        .contains(String.valueOf(DashboardFixtures.EPOCHS));
    assertThat(chromium.driver.findElements(By.cssSelector("#candidate-history article.candidate")))
        .isNotEmpty();
    chromium.screenshot("source-page");
    assertThat(chromium.consoleErrors()).isEmpty();
  }

  @Test
  void dismissingACandidateAsksForTheTokenOnceAndChangesItsStatus() throws Exception {
    long id = openCandidate();
    chromium.driver.get(DashboardLinks.sourcePage(base, DashboardFixtures.WANDERER));
    By article = By.cssSelector("#candidate-history article[data-candidate='" + id + "']");
    chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(article));
    WebElement candidate = chromium.driver.findElement(article);
    candidate.findElement(By.name("notes")).sendKeys("scintillation, not an ESE");
    candidate.findElement(By.name("by")).sendKeys("ops");
    candidate.findElement(By.cssSelector("button[data-status='dismissed']")).click();

    chromium
        .waiting()
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")))
        .sendKeys("not-the-token");
    chromium.driver.findElement(By.id("token-save")).click();
    // The gateway refuses it; the page asks again instead of failing the review.
    chromium
        .waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("dialog.token-dialog h2"), "refused"));
    assertThat(candidate(id).getString("status")).isEqualTo("active");
    chromium.driver.findElement(By.id("token-input")).sendKeys(TOKEN);
    chromium.driver.findElement(By.id("token-save")).click();

    chromium.waiting().until(ExpectedConditions.attributeToBe(article, "data-status", "dismissed"));
    JsonObject stored = candidate(id);
    assertThat(stored.getString("status")).isEqualTo("dismissed");
    assertThat(stored.getString("notes")).contains("ops").contains("scintillation, not an ESE");
    assertThat(chromium.driver.executeScript("return sessionStorage.getItem('contimg.token')"))
        .isEqualTo(TOKEN);

    // The token is kept for the session: reopening asks for nothing.
    chromium
        .driver
        .findElement(article)
        .findElement(By.cssSelector("button[data-status='active']"))
        .click();
    chromium.waiting().until(ExpectedConditions.attributeToBe(article, "data-status", "active"));
    assertThat(chromium.driver.findElements(By.id("token-input"))).isEmpty();
    assertThat(candidate(id).getString("status")).isEqualTo("active");
  }

  @Test
  void theCandidatesTableIsFilteredAndSortedByTheGatewayAndKeepsItInTheAddress() throws Exception {
    chromium.driver.get(base + "/#/candidates");
    By rows = By.cssSelector("#candidates-body tr[data-candidate]");
    chromium.waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(rows, 0));
    long all = request(vertx, Addresses.PRODUCTS_ESE_LIST, new JsonObject()).getLong("total");
    long rapid =
        request(
                vertx,
                Addresses.PRODUCTS_ESE_LIST,
                new JsonObject().put("flag_type", "rapid_change"))
            .getLong("total");
    assertThat(rapid).isPositive().isLessThan(all);

    new Select(chromium.driver.findElement(By.name("flag_type"))).selectByValue("rapid_change");
    chromium.waiting().until(driver -> driver.findElements(rows).size() == rapid);
    assertThat(chromium.driver.findElements(rows))
        .allSatisfy(row -> assertThat(row.getText()).contains("rapid_change"));
    assertThat(chromium.driver.getCurrentUrl()).contains("flag_type=rapid_change");

    By nObs = By.xpath("//table[contains(@class,'candidates')]//th[text()='n obs']");
    chromium.driver.findElement(nObs).click();
    chromium.waiting().until(ExpectedConditions.attributeToBe(nObs, "aria-sort", "descending"));
    chromium.driver.findElement(nObs).click();
    chromium.waiting().until(ExpectedConditions.attributeToBe(nObs, "aria-sort", "ascending"));
    assertThat(chromium.driver.getCurrentUrl()).contains("sort=n_obs").contains("order=asc");
    assertThat(chromium.consoleErrors()).isEmpty();
  }

  @Test
  void aFailedGroupIsOpenedFromTheOverviewAndRetriedWithTheToken() throws Exception {
    String group =
        "2026-11-25T09:40:00"; // older than any other test's group, so it is the one claimed
    for (int sb = 0; sb < 16; sb++) {
      request(
          vertx,
          Addresses.INGEST_SUBBAND_ADD,
          new JsonObject()
              .put("file_path", String.format("/data/incoming/%s_sb%02d.hdf5", group, sb)));
    }
    assertThat(
            request(
                    vertx,
                    Addresses.INGEST_GROUP_CLAIM,
                    new JsonObject().put("worker", "converter-1"))
                .getJsonObject("group")
                .getString("group_id"))
        .isEqualTo(group);
    request(
        vertx,
        Addresses.INGEST_GROUP_FAIL,
        new JsonObject()
            .put("group_id", group)
            .put("worker", "converter-1")
            .put("error", "casa: table locked")
            .put("retryable", false));

    chromium.driver.navigate().refresh();
    By link = By.linkText(group);
    chromium.waiting().until(ExpectedConditions.elementToBeClickable(link)).click();
    By summary = By.id("group-summary");
    chromium.waiting().until(ExpectedConditions.attributeToBe(summary, "data-state", "failed"));
    assertThat(chromium.driver.findElement(summary).getText()).contains("casa: table locked");
    assertThat(chromium.driver.findElements(By.cssSelector("#group-files tr"))).hasSize(16);

    chromium.driver.findElement(By.id("retry-group")).click();
    chromium
        .waiting()
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")))
        .sendKeys(TOKEN);
    chromium.driver.findElement(By.id("token-save")).click();
    chromium.waiting().until(ExpectedConditions.attributeToBe(summary, "data-state", "pending"));
    assertThat(
            request(vertx, Addresses.INGEST_GROUP_GET, new JsonObject().put("group_id", group))
                .getString("state"))
        .isEqualTo("pending");
    assertThat(chromium.driver.findElements(By.id("retry-group"))).isEmpty();
    assertThat(chromium.consoleErrors()).isEmpty();
  }

  @Test
  void onAPhoneTheOverviewFitsTheScreenWidth() throws Exception {
    chromium.viewport(390, 844);
    chromium.driver.navigate().refresh();
    waitUntilLive();
    chromium
        .waiting()
        .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#owner-health .owner"), 5));
    Number overflow =
        (Number)
            chromium.driver.executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth");
    assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
    chromium.screenshot("overview-phone");
  }

  private void waitUntilLive() {
    chromium.waiting().until(ExpectedConditions.textToBe(By.id("connection"), "live"));
  }

  private String text(String css) {
    return chromium.driver.findElement(By.cssSelector(css)).getText();
  }

  private long openCandidate() throws Exception {
    JsonArray open =
        request(vertx, Addresses.PRODUCTS_ESE_LIST, new JsonObject()).getJsonArray("candidates");
    return open.stream()
        .map(JsonObject.class::cast)
        .filter(c -> DashboardFixtures.WANDERER.equals(c.getString("source_id")))
        .findFirst()
        .orElseThrow()
        .getLong("id");
  }

  private JsonObject candidate(long id) throws Exception {
    List<JsonObject> all =
        request(vertx, Addresses.PRODUCTS_ESE_LIST, new JsonObject().put("status", "all"))
            .getJsonArray("candidates")
            .stream()
            .map(JsonObject.class::cast)
            .toList();
    return all.stream().filter(c -> c.getLong("id") == id).findFirst().orElseThrow();
  }
}
