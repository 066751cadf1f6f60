package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.count;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.alerts.AlertsVerticle;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.FakeSlack;
import org.dsa110.contimg.common.testing.FakeSlack.Answer;
import org.dsa110.contimg.common.testing.HubTest;
import org.dsa110.contimg.deploy.HubHarness.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts from events to a real HTTP server playing Slack, and into alert_history, through the whole
 * hub.
 */
@ExtendWith(VertxExtension.class)
class AlertsEndToEndTest {
  @TempDir Path stateDir;
  private Vertx vertx;
  private FakeSlack slack;
  private HubHarness http;
  private List<String> deployments;
  private JsonObject config;

  private void start(Vertx vertx, Map<String, String> extra, boolean withWebhook) throws Exception {
    this.vertx = vertx;
    slack = await(FakeSlack.start(vertx));
    int port = HubHarness.freePort();
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "CONTIMG_HTTP_PORT",
                String.valueOf(port),
                "CONTIMG_BRIDGE_PORT",
                String.valueOf(HubHarness.freePort()),
                "CONTIMG_API_TOKEN",
                "ops",
                "CONTIMG_SLACK_RETRY_BASE_MS",
                "20",
                "CONTIMG_SLACK_MAX_ATTEMPTS",
                "3",
                "CONTIMG_ALERTS_DASHBOARD_BASE_URL",
                "https://dsa110.example/hub"));
    if (withWebhook) {
      env.put("CONTIMG_SLACK_WEBHOOK_URL", slack.url());
    }
    env.putAll(extra);
    config = HubTest.config(stateDir, env);
    deployments = await(Hub.deployAll(vertx, config));
    http = new HubHarness(vertx, port);
  }

  private Path products() {
    return stateDir.resolve("products.sqlite3");
  }

  private static JsonObject ese(String source, double significance, String change) {
    return new JsonObject()
        .put("id", 1)
        .put("source_id", source)
        .put("flag_type", "variability")
        .put("significance", significance)
        .put("status", "active")
        .put("ra", 188.7)
        .put("dec", 42.05)
        .put("mean_flux_mjy", 12.5)
        .put("nvss_flux_mjy", 11.0)
        .put("n_obs", 30)
        .put("change", change);
  }

  @Test
  void anEseCandidateBecomesOneSlackMessageAndOneHistoryRowAndTheCooldownHolds(Vertx vertx)
      throws Exception {
    start(vertx, Map.of(), true);
    vertx.eventBus().publish(Addresses.EVENTS_ESE, ese("NVSS J1", 7.5, "new"));
    await().atMost(Duration.ofSeconds(10)).until(() -> slack.accepted.size() == 1);
    JsonObject message = slack.accepted.get(0);
    assertThat(message.getString("text"))
        .isEqualTo("[WARNING] ESE candidate NVSS J1: newly flagged by variability");
    assertThat(message.encode())
        .contains(
            "Significance",
            "7.5 (variability)",
            "188.7, 42.05",
            "https://dsa110.example/hub/#/source/NVSS%20J1");

    vertx.eventBus().publish(Addresses.EVENTS_ESE, ese("NVSS J1", 30.0, "stronger"));
    vertx.eventBus().publish(Addresses.EVENTS_ESE, ese("NVSS J1", 8.0, "review"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count(products(), "SELECT COUNT(*) FROM alert_history") == 1);
    Thread.sleep(300);
    assertThat(slack.received).as("within the hour, one alert per source").hasSize(1);
    Response history = await(http.get("/api/v1/alerts?type=ese_candidate"));
    assertThat(history.body().getJsonArray("alerts").getJsonObject(0).getBoolean("success"))
        .isTrue();
    assertThat(history.body().getJsonArray("alerts").getJsonObject(0).getString("channel"))
        .isEqualTo("#ese-alerts");
  }

  @Test
  void anIncompleteCalibrationBecomesAnAlertNamingTheMissingTypes(Vertx vertx) throws Exception {
    start(vertx, Map.of(), true);
    vertx
        .eventBus()
        .publish(
            Addresses.EVENTS_CALIBRATION,
            new JsonObject()
                .put("type", "incomplete")
                .put("mjd", 60972.51)
                .put("missing", new io.vertx.core.json.JsonArray().add("K").add("G")));
    await().atMost(Duration.ofSeconds(10)).until(() -> slack.accepted.size() == 1);
    assertThat(slack.accepted.get(0).getString("text"))
        .isEqualTo(
            "[WARNING] Incomplete calibration: at MJD 60972.51 no table of type K, G is valid");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                count(
                        products(),
                        "SELECT COUNT(*) FROM alert_history WHERE alert_type = 'calibrator_missing' AND success = 1")
                    == 1);
  }

  @Test
  void anEseStormThroughAFlakySlackEndsWithEveryAlertRecordedOnceWithItsOutcome(Vertx vertx)
      throws Exception {
    start(
        vertx,
        Map.of(
            "CONTIMG_ALERTS_RATE_LIMIT_COUNT",
            "1000",
            "CONTIMG_SLACK_MAX_ATTEMPTS",
            "4",
            "CONTIMG_SLACK_TIMEOUT_MS",
            "300"),
        true);
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 300; i++) {
      int roll = random.nextInt(10);
      slack.answerNext(
          roll < 4
              ? Answer.of(200)
              : roll < 6
                  ? Answer.of(500)
                  : roll < 8 ? new Answer(429, 0) : roll < 9 ? Answer.slow(1000) : Answer.of(400));
    }
    int storm = 100;
    for (int i = 0; i < storm; i++) {
      vertx.eventBus().publish(Addresses.EVENTS_ESE, ese("STORM J" + i, 6.0 + i, "new"));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> count(products(), "SELECT COUNT(*) FROM alert_history") == storm);
    Thread.sleep(500);
    assertThat(count(products(), "SELECT COUNT(*) FROM alert_history")).isEqualTo(storm);
    assertThat(count(products(), "SELECT COUNT(DISTINCT source_id) FROM alert_history"))
        .isEqualTo(storm);
    assertThat(count(products(), "SELECT COUNT(*) FROM hub_alert_outbox")).isZero();
    long delivered = count(products(), "SELECT COUNT(*) FROM alert_history WHERE success = 1");
    assertThat(slack.accepted).hasSize((int) delivered);
    assertThat(slack.accepted.stream().map(m -> m.getString("text")).distinct().count())
        .as("no message delivered twice")
        .isEqualTo(delivered);
    assertThat(
            count(
                products(),
                "SELECT COUNT(*) FROM alert_history WHERE success = 0 AND (error_msg LIKE 'Slack answered 400%' "
                    + "OR error_msg LIKE 'gave up after 4 attempts%')"))
        .isEqualTo(storm - delivered);
  }

  @Test
  void overTheRateLimitAlertsAreHeldAndSummarisedInOneMessage(Vertx vertx) throws Exception {
    start(
        vertx,
        Map.of(
            "CONTIMG_ALERTS_RATE_LIMIT_COUNT",
            "2",
            "CONTIMG_ALERTS_RATE_LIMIT_WINDOW_SECONDS",
            "1"),
        true);
    for (int i = 0; i < 6; i++) {
      vertx.eventBus().publish(Addresses.EVENTS_ESE, ese("NVSS J" + i, 6.0, "new"));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> slack.accepted.size() == 3);
    JsonObject summary = slack.accepted.get(2);
    assertThat(summary.getString("text"))
        .startsWith(
            "[WARNING] +4 more alerts (4 ese_candidate): NVSS J2, NVSS J3, NVSS J4, NVSS J5");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> count(products(), "SELECT COUNT(*) FROM alert_history") == 7);
    assertThat(
            count(
                products(),
                "SELECT COUNT(*) FROM alert_history WHERE success = 0 AND error_msg LIKE 'held back%'"))
        .isEqualTo(4);
  }

  /**
   * The storm: thousands of candidates at once while the pipeline keeps writing photometry.
   * Alert bookkeeping is batched and takes at most two of the products owner's write slots, so no
   * pipeline write is refused; Slack gets the rate limit's ten messages and one summary; every
   * candidate is in alert_history.
   */
  @Test
  void aStormOfCandidatesNeverStarvesThePipelinesWritesAndBecomesOneSummary(Vertx vertx)
      throws Exception {
    start(
        vertx,
        Map.of(
            "CONTIMG_ALERTS_RATE_LIMIT_WINDOW_SECONDS",
            "2",
            "CONTIMG_SQLITE_MAX_PENDING_WRITES",
            "5"),
        true);
    int storm = 3000;
    HubTest.request(
        vertx,
        Addresses.PRODUCTS_MS_UPSERT,
        new JsonObject().put("path", "/ms/storm.ms").put("mid_mjd", 61000.0));
    for (int i = 0; i < storm; i++) {
      vertx.eventBus().publish(Addresses.EVENTS_ESE, ese("STORM J" + i, 6.0 + i % 50, "new"));
    }
    // the pipeline goes on writing, one request at a time, while the storm is recorded: with only
    // five writes
    // allowed to wait, a storm written one alert per transaction would have them refused
    for (int i = 0; i < 30; i++) {
      JsonObject image =
          HubTest.request(
              vertx,
              Addresses.PRODUCTS_IMAGE_ADD,
              new JsonObject()
                  .put("path", "/img/storm-" + i + ".fits")
                  .put("ms_path", "/ms/storm.ms")
                  .put("type", "residual"));
      assertThat(image.getString("path")).isEqualTo("/img/storm-" + i + ".fits");
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count(
                        products(),
                        "SELECT COUNT(*) FROM alert_history WHERE alert_type = 'ese_candidate' "
                            + "AND source_id LIKE 'STORM J%'")
                    == storm);
    await().atMost(Duration.ofSeconds(10)).until(() -> slack.accepted.size() == 11);
    Thread.sleep(300);
    assertThat(slack.accepted).hasSize(11);
    assertThat(slack.accepted.get(10).getString("text"))
        .as("the most severe of the held alerts")
        .startsWith(
            "[CRITICAL] +" + (storm - 10) + " more alerts (" + (storm - 10) + " ese_candidate)");
    assertThat(
            count(
                products(), "SELECT COUNT(*) FROM alert_history WHERE error_msg LIKE 'held back%'"))
        .isEqualTo(storm - 10);
    assertThat(count(products(), "SELECT COUNT(*) FROM hub_alert_outbox")).isZero();
  }

  @Test
  void aPermanentSlackRefusalIsRecordedAsFailedOnce(Vertx vertx) throws Exception {
    start(vertx, Map.of(), true);
    slack.answerNext(Answer.of(400));
    vertx
        .eventBus()
        .publish(
            Addresses.EVENTS_QUEUE,
            new JsonObject()
                .put("group_id", "2025-10-24T12:00:00")
                .put("from", "in_progress")
                .put("to", "failed")
                .put("retry_count", 3));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count(products(), "SELECT COUNT(*) FROM alert_history") == 1);
    assertThat(slack.received).hasSize(1);
    assertThat(
            count(
                products(),
                "SELECT COUNT(*) FROM alert_history WHERE alert_type = 'system_error' AND severity = 'critical' "
                    + "AND success = 0 AND error_msg LIKE 'Slack answered 400%'"))
        .isEqualTo(1);
    assertThat(count(products(), "SELECT COUNT(*) FROM hub_alert_outbox")).isZero();
  }

  @Test
  void alertsPendingAtARestartAreDeliveredOnceWhenItComesBack(Vertx vertx) throws Exception {
    start(
        vertx,
        Map.of(
            "CONTIMG_SLACK_MAX_ATTEMPTS",
            "100",
            "CONTIMG_SLACK_RETRY_BASE_MS",
            "200",
            "CONTIMG_ALERTS_WATCH_INTERVAL_MS",
            "200"),
        true);
    for (int i = 0; i < 100; i++) {
      slack.answerNext(Answer.of(503));
    }
    vertx
        .eventBus()
        .publish(
            Addresses.EVENTS_CALIBRATION,
            new JsonObject().put("type", "missing").put("mjd", 60972.51));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                count(products(), "SELECT COUNT(*) FROM hub_alert_outbox") == 1
                    && !slack.received.isEmpty());
    await(vertx.undeploy(deployments.get(4)));
    assertThat(slack.accepted).isEmpty();
    slack.clearScript();
    await(vertx.deployVerticle(new AlertsVerticle(), new DeploymentOptions().setConfig(config)));
    await().atMost(Duration.ofSeconds(20)).until(() -> slack.accepted.size() == 1);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> count(products(), "SELECT COUNT(*) FROM hub_alert_outbox") == 0);
    Thread.sleep(500);
    assertThat(slack.accepted).hasSize(1);
    assertThat(slack.accepted.get(0).getString("text"))
        .contains("No calibration available", "60972.51");
    assertThat(
            count(
                products(),
                "SELECT COUNT(*) FROM alert_history WHERE alert_type = 'calibrator_missing' AND success = 1"))
        .isEqualTo(1);
  }

  @Test
  void aMalformedOutboxEntryIsRecordedAsFailedAndEveryLaterAlertIsStillDelivered(Vertx vertx)
      throws Exception {
    start(vertx, Map.of(), true);
    await(vertx.undeploy(deployments.get(4)));
    JsonObject good =
        new JsonObject()
            .put("alert_type", "system_error")
            .put("severity", "critical")
            .put("source_id", "group g")
            .put("channel", "#pipeline-alerts")
            .put("title", "Observation group failed")
            .put("message", "after the poison")
            .put("fields", new JsonObject());
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + products());
        PreparedStatement insert =
            db.prepareStatement("INSERT INTO hub_alert_outbox (created_at, alert) VALUES (1, ?)")) {
      for (String alert :
          List.of(
              "not json at all",
              good.copy().put("fields", "a string").encode(),
              "{}",
              good.encode())) {
        insert.setString(1, alert);
        insert.executeUpdate();
      }
    }
    await(vertx.deployVerticle(new AlertsVerticle(), new DeploymentOptions().setConfig(config)));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count(products(), "SELECT COUNT(*) FROM hub_alert_outbox") == 0);
    await().atMost(Duration.ofSeconds(5)).until(() -> slack.accepted.size() == 1);
    assertThat(slack.accepted.get(0).getString("text"))
        .contains("Observation group failed", "after the poison");
    assertThat(
            count(
                products(),
                "SELECT COUNT(*) FROM alert_history WHERE success = 0 AND source_id LIKE 'outbox %' "
                    + "AND error_msg LIKE 'malformed outbox entry %'"))
        .isEqualTo(3);
    Response history = await(http.get("/api/v1/alerts?source_id=outbox%201"));
    assertThat(history.body().getJsonArray("alerts").getJsonObject(0).getString("error_msg"))
        .isEqualTo("malformed outbox entry 1: alert: not a JSON object");
  }

  @Test
  void theWatchRaisesABacklogAGroupWithoutCalibratorAndAnOwnerThatStopsAnswering(Vertx vertx)
      throws Exception {
    start(
        vertx,
        Map.of(
            "CONTIMG_ALERTS_WATCH_INTERVAL_MS",
            "100",
            "CONTIMG_ALERTS_BACKLOG_THRESHOLD",
            "1",
            "CONTIMG_ALERTS_BACKLOG_MINUTES",
            "0.001",
            "CONTIMG_ALERTS_CALIBRATOR_MISSING_MINUTES",
            "0.001",
            "CONTIMG_ALERTS_OWNER_FAILURES",
            "2",
            "CONTIMG_INGEST_EXPECTED_SUBBANDS",
            "1"),
        true);
    HubTest.request(
        vertx,
        Addresses.INGEST_SUBBAND_ADD,
        new JsonObject().put("file_path", "/d/2025-10-24T12:00:00_sb00.hdf5"));
    HubTest.request(
        vertx,
        Addresses.INGEST_SUBBAND_ADD,
        new JsonObject().put("file_path", "/d/2025-10-24T12:05:00_sb00.hdf5"));
    HubTest.request(
        vertx,
        Addresses.INGEST_GROUP_CALIBRATORS,
        new JsonObject()
            .put("group_id", "2025-10-24T12:00:00")
            .put("has_calibrator", false)
            .put("calibrators", new io.vertx.core.json.JsonArray()));
    await(vertx.undeploy(deployments.get(3)));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                slack.accepted.stream()
                    .map(m -> m.getString("text"))
                    .toList()
                    .containsAll(
                        List.of(
                            "[CRITICAL] Pending backlog: 2 groups pending for more than 0.001 minutes",
                            "[WARNING] No calibrator in the group: group 2025-10-24T12:00:00 has no calibrator in its field")));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                slack.accepted.stream()
                    .anyMatch(
                        m ->
                            m.getString("text")
                                .startsWith("[CRITICAL] Owner not answering: catalog")));
  }

  @Test
  void withoutAWebhookAlertsAreStillRecordedAndPublishedAsNotDelivered(Vertx vertx)
      throws Exception {
    start(vertx, Map.of(), false);
    List<JsonObject> published = new java.util.concurrent.CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.EVENTS_ALERTS, m -> published.add(m.body()));
    Response test = await(http.post("/api/v1/alerts/test", "ops", null));
    assertThat(test.status()).isEqualTo(200);
    assertThat(test.body().getBoolean("success")).isFalse();
    assertThat(test.body().getString("error_msg")).isEqualTo("no Slack webhook configured");
    await().atMost(Duration.ofSeconds(5)).until(() -> !published.isEmpty());
    assertThat(published.get(0).getString("alert_type")).isEqualTo("system_error");
    assertThat(await(http.post("/api/v1/alerts/test", null, null)).status()).isEqualTo(401);
  }
}
