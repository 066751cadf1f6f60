package org.dsa110.contimg.deploy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.dsa110.contimg.common.bridge.BridgeClient;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.HubTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.request;

/**
 * The dashboard in a real headless Chromium against a real hub: it loads cleanly, follows the queue live over SockJS,
 * draws a candidate's light curve, and lets an operator with the token dismiss a candidate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
  private static final String TOKEN = "dashboard-token";
  private static final String BRIDGE_TOKEN = "bridge-token";
  private static final String WANDERER = "TEST J1230+4210";
  private static final int EPOCHS = 8;
  private static final double FIRST_MJD = 61000.25;

  private Vertx vertx;
  private HeadlessChromium chromium;
  private BridgeClient pipeline;
  private String base;

  @BeforeAll
  void startHubAndBrowser(@TempDir Path stateDir) throws Exception {
    vertx = Vertx.vertx();
    int http = HubHarness.freePort();
    int bridge = HubHarness.freePort();
    JsonObject config = HubTest.config(stateDir, Map.of("CONTIMG_HTTP_PORT", String.valueOf(http),
        "CONTIMG_BRIDGE_PORT", String.valueOf(bridge), "CONTIMG_BRIDGE_TOKEN", BRIDGE_TOKEN, "CONTIMG_API_TOKEN", TOKEN));
    await(Hub.deployAll(vertx, config));
    seedAWanderingSource();
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
    chromium.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#owner-health .owner.status-UP"), 5));
    chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#coverage svg.coverage")));
    assertThat(text("#queue-counts [data-state='completed'] .value")).isEqualTo("0");
    chromium.screenshot("overview");

    assertThat(chromium.consoleErrors()).isEmpty();
  }

  @Test
  void aGroupRecordedThroughTheBridgeAppearsWithoutAReload() throws Exception {
    waitUntilLive();
    chromium.driver.executeScript("window.notReloaded = true");
    String group = "2026-11-25T10:15:00";

    await(pipeline.request(Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", "/data/incoming/" + group + "_sb00.hdf5")));

    By row = By.cssSelector("#groups-body tr[data-group='" + group + "']");
    chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(row));
    WebElement added = chromium.driver.findElement(row);
    assertThat(added.getText()).contains("collecting").contains("1/16");
    assertThat(added.getAttribute("class")).contains("flash");
    chromium.waiting().until(ExpectedConditions.textToBe(By.cssSelector("#queue-counts [data-state='collecting'] .value"), "1"));
    assertThat(chromium.driver.executeScript("return window.notReloaded === true")).isEqualTo(true);

    for (int sb = 1; sb < 16; sb++) {
      await(pipeline.request(Addresses.INGEST_SUBBAND_ADD,
          new JsonObject().put("file_path", String.format("/data/incoming/%s_sb%02d.hdf5", group, sb))));
    }
    chromium.waiting().until(ExpectedConditions.textToBePresentInElementLocated(row, "pending"));
    assertThat(chromium.driver.findElement(row).getText()).contains("16/16");
    assertThat(chromium.consoleErrors()).isEmpty();
  }

  @Test
  void aCandidatesSourcePageDrawsItsLightCurveAgainstNvss() throws Exception {
    chromium.driver.get(base + "/#/candidates");
    By link = By.linkText(WANDERER);
    chromium.waiting().until(ExpectedConditions.elementToBeClickable(link));
    chromium.driver.findElement(link).click();

    chromium.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#light-curve circle.point"), EPOCHS));
    assertThat(chromium.driver.findElements(By.cssSelector("#light-curve line.error-bar"))).hasSize(EPOCHS);
    assertThat(text("#light-curve .nvss-label")).isEqualTo("NVSS 100.0 mJy");
    assertThat(text("#source-stats")).contains("observations").contains(String.valueOf(EPOCHS));
    assertThat(chromium.driver.findElements(By.cssSelector("#candidate-history article.candidate"))).isNotEmpty();
    chromium.screenshot("source-page");
    assertThat(chromium.consoleErrors()).isEmpty();
  }

  @Test
  void dismissingACandidateAsksForTheTokenOnceAndChangesItsStatus() throws Exception {
    long id = openCandidate();
    chromium.driver.get(base + "/#/source/" + java.net.URLEncoder.encode(WANDERER, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    By article = By.cssSelector("#candidate-history article[data-candidate='" + id + "']");
    chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(article));
    WebElement candidate = chromium.driver.findElement(article);
    candidate.findElement(By.name("notes")).sendKeys("scintillation, not an ESE");
    candidate.findElement(By.name("by")).sendKeys("ops");
    candidate.findElement(By.cssSelector("button[data-status='dismissed']")).click();

    chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input"))).sendKeys(TOKEN);
    chromium.driver.findElement(By.id("token-save")).click();

    chromium.waiting().until(ExpectedConditions.attributeToBe(article, "data-status", "dismissed"));
    JsonObject stored = candidate(id);
    assertThat(stored.getString("status")).isEqualTo("dismissed");
    assertThat(stored.getString("notes")).contains("ops").contains("scintillation, not an ESE");
    assertThat(chromium.driver.executeScript("return sessionStorage.getItem('contimg.token')")).isEqualTo(TOKEN);

    // The token is kept for the session: reopening asks for nothing.
    chromium.driver.findElement(article).findElement(By.cssSelector("button[data-status='active']")).click();
    chromium.waiting().until(ExpectedConditions.attributeToBe(article, "data-status", "active"));
    assertThat(chromium.driver.findElements(By.id("token-input"))).isEmpty();
    assertThat(candidate(id).getString("status")).isEqualTo("active");
  }

  @Test
  void onAPhoneTheOverviewFitsTheScreenWidth() throws Exception {
    chromium.viewport(390, 844);
    chromium.driver.navigate().refresh();
    waitUntilLive();
    chromium.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#owner-health .owner"), 5));
    Number overflow = (Number) chromium.driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
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
    JsonArray open = request(vertx, Addresses.PRODUCTS_ESE_LIST, new JsonObject()).getJsonArray("candidates");
    return open.stream().map(JsonObject.class::cast).filter(c -> WANDERER.equals(c.getString("source_id")))
        .findFirst().orElseThrow().getLong("id");
  }

  private JsonObject candidate(long id) throws Exception {
    List<JsonObject> all = request(vertx, Addresses.PRODUCTS_ESE_LIST, new JsonObject().put("status", "all"))
        .getJsonArray("candidates").stream().map(JsonObject.class::cast).toList();
    return all.stream().filter(c -> c.getLong("id") == id).findFirst().orElseThrow();
  }

  /** Eight epochs of a steady reference and a source that brightens threefold halfway: a candidate. */
  private void seedAWanderingSource() throws Exception {
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      double mjd = FIRST_MJD + epoch / 288.0;
      String ms = "/test/ms/" + epoch + ".ms";
      String image = "/test/images/" + epoch + ".image.fits";
      request(vertx, Addresses.PRODUCTS_MS_UPSERT, new JsonObject().put("path", ms).put("mid_mjd", mjd).put("stage", "calibrated"));
      request(vertx, Addresses.PRODUCTS_IMAGE_ADD, new JsonObject().put("path", image).put("ms_path", ms).put("type", "image")
          .put("noise_jy", 0.0005).put("center_ra_deg", 187.5).put("center_dec_deg", 42.1));
      double wanderer = epoch < EPOCHS / 2 ? 0.100 + 0.001 * (epoch % 2) : 0.300 - 0.001 * (epoch % 2);
      request(vertx, Addresses.PRODUCTS_PHOTOMETRY_ADD, new JsonObject().put("image_path", image).put("mjd", mjd)
          .put("measurements", new JsonArray()
              .add(measurement(WANDERER, 187.5, 42.17, wanderer))
              .add(measurement("TEST J1229+4200", 187.4, 42.0, 0.050 + 0.0005 * (epoch % 2)))));
    }
  }

  private static JsonObject measurement(String source, double ra, double dec, double peakJy) {
    return new JsonObject().put("source_id", source).put("ra_deg", ra).put("dec_deg", dec).put("nvss_flux_mjy", 100.0)
        .put("peak_jyb", peakJy).put("peak_err_jyb", 0.002);
  }
}
