package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.HubTest;
import org.dsa110.contimg.common.web.DashboardLinks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same dashboard in Firefox: live over SockJS, a light curve drawn, a phone's width respected,
 * no console errors.
 */
@ExtendWith(VertxExtension.class)
class DashboardFirefoxTest {
  @TempDir Path stateDir;

  @Test
  void theDashboardWorksInFirefox(Vertx vertx) throws Exception {
    int http = HubHarness.freePort();
    JsonObject config =
        HubTest.config(
            stateDir,
            Map.of(
                "CONTIMG_HTTP_PORT",
                String.valueOf(http),
                "CONTIMG_BRIDGE_PORT",
                String.valueOf(HubHarness.freePort())));
    await(Hub.deployAll(vertx, config));
    DashboardFixtures.seedAWanderingSource(vertx, stateDir);
    String base = "http://127.0.0.1:" + http;

    try (HeadlessFirefox firefox = new HeadlessFirefox(vertx)) {
      firefox.viewport(1280, 800);
      firefox.open(base + "/#/");
      firefox.waitFor("document.getElementById('connection').textContent === 'live'");
      firefox.waitFor("document.querySelectorAll('#owner-health .owner.status-UP').length === 5");
      firefox.waitFor("document.querySelector('#coverage svg.coverage')");
      firefox.evaluate("window.notReloaded = true");

      String group = "2026-11-25T10:20:00";
      request(
          vertx,
          Addresses.INGEST_SUBBAND_ADD,
          new JsonObject().put("file_path", "/data/incoming/" + group + "_sb00.hdf5"));
      firefox.waitFor(
          "document.querySelector(\"#groups-body tr[data-group='"
              + group
              + "']\")?.textContent.includes('collecting')");
      assertThat(firefox.evaluate("window.notReloaded === true").getBoolean("value")).isTrue();
      firefox.screenshot("firefox-overview");

      firefox.open(DashboardLinks.sourcePage(base, DashboardFixtures.WANDERER));
      firefox.waitFor(
          "document.querySelectorAll('#light-curve circle.point').length === "
              + DashboardFixtures.EPOCHS);
      firefox.waitFor(
          "document.querySelector('#light-curve .nvss-label')?.textContent === 'NVSS 100.0 mJy'");

      firefox.viewport(390, 844);
      firefox.open(base + "/#/");
      firefox.waitFor("document.querySelectorAll('#owner-health .owner').length === 5");
      assertThat(
              firefox
                  .evaluate("document.documentElement.scrollWidth - window.innerWidth")
                  .getInteger("value"))
          .isLessThanOrEqualTo(0);

      assertThat(firefox.consoleErrors()).isEmpty();
    }
  }
}
