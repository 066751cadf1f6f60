package org.dsa110.contimg.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.config;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.dsa110.contimg.common.config.Settings;
import org.dsa110.contimg.common.testing.FakeSlack;
import org.dsa110.contimg.common.testing.FakeSlack.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Delivery against a real HTTP server playing Slack: what is retried, how, and what is final. */
@ExtendWith(VertxExtension.class)
class SlackDeliveryTest {
  @TempDir Path stateDir;
  private FakeSlack slack;
  private SlackDelivery delivery;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    slack = await(FakeSlack.start(vertx));
    AlertSettings settings =
        AlertSettings.from(
            new Settings(
                config(
                    stateDir,
                    Map.of(
                        "CONTIMG_SLACK_RETRY_BASE_MS",
                        "20",
                        "CONTIMG_SLACK_RETRY_MAX_MS",
                        "2000",
                        "CONTIMG_SLACK_MAX_ATTEMPTS",
                        "4",
                        "CONTIMG_SLACK_TIMEOUT_MS",
                        "500"))));
    delivery = new SlackDelivery(vertx, settings);
  }

  private static final JsonObject MESSAGE = new JsonObject().put("text", "hello");

  @Test
  void a500IsRetriedAndTheMessageArrivesOnce() throws Exception {
    slack.answerNext(Answer.of(500), Answer.of(503));
    await(delivery.send(slack.url(), MESSAGE));
    assertThat(slack.received).hasSize(3);
    assertThat(slack.accepted).hasSize(1);
  }

  @Test
  void a429WaitsForRetryAfter() throws Exception {
    slack.answerNext(new Answer(429, 1));
    long start = System.nanoTime();
    await(delivery.send(slack.url(), MESSAGE));
    assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(950);
    assertThat(slack.accepted).hasSize(1);
  }

  @Test
  void a400IsFinalAndNotRetried() throws Exception {
    slack.answerNext(Answer.of(400));
    assertThatThrownBy(() -> await(delivery.send(slack.url(), MESSAGE)))
        .hasMessageContaining("Slack answered 400");
    assertThat(slack.received).hasSize(1);
  }

  @Test
  void anUnreachableSlackIsTriedMaxAttemptsThenGivenUp() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    assertThatThrownBy(
            () -> await(delivery.send("http://127.0.0.1:" + closedPort + "/hook", MESSAGE)))
        .hasMessageContaining("gave up after 4 attempts");
  }

  @Test
  void theMessageHasAFallbackTextAndBlocksWithFieldsAndALink() {
    Alert alert =
        new Alert(
            "ese_candidate",
            "critical",
            "NVSS J123456.7+420312",
            "#ese-alerts",
            "ESE candidate NVSS J123456.7+420312",
            "newly flagged by variability",
            new JsonObject()
                .put("Source", "NVSS J123456.7+420312")
                .put("Significance", "21.5 (variability)"));
    JsonObject message =
        SlackMessage.render(alert, Optional.of("https://dsa110.example/dashboard/"));
    assertThat(message.getString("channel")).isEqualTo("#ese-alerts");
    assertThat(message.getString("text"))
        .isEqualTo("[CRITICAL] ESE candidate NVSS J123456.7+420312: newly flagged by variability");
    assertThat(message.getJsonArray("blocks").getJsonObject(0).getString("type"))
        .isEqualTo("header");
    assertThat(message.getJsonArray("blocks").getJsonObject(2).getJsonArray("fields")).hasSize(2);
    assertThat(
            message.getJsonArray("blocks").getJsonObject(3).getJsonObject("text").getString("text"))
        .isEqualTo(
            "<https://dsa110.example/dashboard/#/source/NVSS%20J123456.7%2B420312|Open the source page>");
  }
}
