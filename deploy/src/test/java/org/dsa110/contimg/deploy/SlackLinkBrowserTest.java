package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dsa110.contimg.common.testing.FakeSlack;
import org.dsa110.contimg.common.testing.HubTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An astronomer's path from Slack to the data: the hub finds a candidate, posts it to (a real HTTP
 * server standing in for) Slack, and the link in that message, opened in Chromium, shows the
 * source's page with its light curve. The link once led to {@code #/sources/}, a page the dashboard
 * does not have.
 */
class SlackLinkBrowserTest {
  private static final Pattern LINK = Pattern.compile("<([^|>]+)\\|Open the source page>");

  @TempDir Path stateDir;

  @Test
  void theLinkInACandidatesSlackMessageOpensItsLightCurve() throws Exception {
    Vertx vertx = Vertx.vertx();
    HeadlessChromium chromium = null;
    try {
      FakeSlack slack = HubTest.await(FakeSlack.start(vertx));
      int http = HubHarness.freePort();
      String dashboard = "http://127.0.0.1:" + http + "/";
      HubTest.await(
          Hub.deployAll(
              vertx,
              HubTest.config(
                  stateDir,
                  Map.of(
                      "CONTIMG_HTTP_PORT",
                      String.valueOf(http),
                      "CONTIMG_BRIDGE_PORT",
                      String.valueOf(HubHarness.freePort()),
                      "CONTIMG_SLACK_WEBHOOK_URL",
                      slack.url(),
                      "CONTIMG_ALERTS_DASHBOARD_BASE_URL",
                      dashboard))));
      DashboardFixtures.seedAWanderingSource(vertx, stateDir);

      String link =
          await("a Slack message about " + DashboardFixtures.WANDERER + " with a link")
              .atMost(Duration.ofSeconds(20))
              .until(() -> linkFor(slack, DashboardFixtures.WANDERER), Optional::isPresent)
              .orElseThrow();
      assertThat(link).startsWith(dashboard + "#/source/");

      chromium = new HeadlessChromium();
      chromium.driver.get(link);
      chromium
          .waiting()
          .until(
              ExpectedConditions.numberOfElementsToBe(
                  By.cssSelector("#light-curve circle.point"), DashboardFixtures.EPOCHS));
      assertThat(chromium.driver.getTitle()).startsWith(DashboardFixtures.WANDERER);
      assertThat(chromium.driver.findElement(By.id("source-stats")).getText())
          .contains(String.valueOf(DashboardFixtures.EPOCHS));
      chromium.screenshot("source-page-from-slack");
      assertThat(chromium.consoleErrors()).isEmpty();
    } finally {
      if (chromium != null) {
        chromium.close();
      }
      HubTest.await(vertx.close());
    }
  }

  /**
   * The link of the first message naming {@code sourceId}, as Slack would render it from the
   * blocks.
   */
  private static Optional<String> linkFor(FakeSlack slack, String sourceId) {
    for (JsonObject message : slack.received) {
      String encoded = message.encode();
      if (!encoded.contains(sourceId)) {
        continue;
      }
      Matcher link = LINK.matcher(encoded);
      if (link.find()) {
        return Optional.of(link.group(1));
      }
    }
    return Optional.empty();
  }
}
