package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.HubTest;
import org.dsa110.contimg.gateway.GatewayVerticle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A dashboard left open across a gateway restart says it is disconnected, then reconnects and
 * catches up by itself.
 */
@ExtendWith(VertxExtension.class)
class DashboardReconnectTest {
  @TempDir Path stateDir;

  @Test
  void theDashboardShowsDisconnectedWhileTheGatewayIsDownAndCatchesUpAfter(Vertx vertx)
      throws Exception {
    JsonObject config =
        HubTest.config(
            stateDir,
            Map.of(
                "CONTIMG_HTTP_PORT",
                String.valueOf(HubHarness.freePort()),
                "CONTIMG_BRIDGE_PORT",
                String.valueOf(HubHarness.freePort())));
    await(
        Hub.deploy(
            vertx,
            config,
            Arrays.stream(Role.values()).filter(role -> role != Role.GATEWAY).toList()));
    String gateway =
        await(
            vertx.deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(config)));

    try (HeadlessChromium chromium = new HeadlessChromium()) {
      chromium.driver.get(
          "http://127.0.0.1:" + config.getJsonObject("http").getInteger("port") + "/#/");
      By connection = By.id("connection");
      chromium.waiting().until(ExpectedConditions.textToBe(connection, "live"));
      assertThat(chromium.driver.findElement(By.cssSelector(".offline-banner")).isDisplayed())
          .isFalse();

      await(vertx.undeploy(gateway));
      chromium.waiting().until(ExpectedConditions.textToBe(connection, "disconnected"));
      assertThat(chromium.driver.findElement(By.cssSelector(".offline-banner")).isDisplayed())
          .isTrue();

      // Published while no dashboard could hear it: the page must fetch it again once it is back.
      String group = "2026-11-25T11:00:00";
      request(
          vertx,
          Addresses.INGEST_SUBBAND_ADD,
          new JsonObject().put("file_path", "/data/incoming/" + group + "_sb00.hdf5"));

      await(vertx.deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(config)));
      chromium.waiting().until(ExpectedConditions.textToBe(connection, "live"));
      chromium
          .waiting()
          .until(
              ExpectedConditions.presenceOfElementLocated(
                  By.cssSelector("#groups-body tr[data-group='" + group + "']")));
      assertThat(chromium.driver.findElement(By.cssSelector(".offline-banner")).isDisplayed())
          .isFalse();
    }
  }
}
