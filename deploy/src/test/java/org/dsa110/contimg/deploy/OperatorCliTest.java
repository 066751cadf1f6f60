package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands against a real hub over its HTTP API, run as the shell runs them (the
 * same command line, its output and exit status): a failed group found and retried, a candidate
 * read and reviewed, a test alert sent and listed, in a table, as JSON and as CSV; refusals and an
 * unreachable hub in one line each.
 */
@ExtendWith(VertxExtension.class)
class OperatorCliTest {
  private static final String TOKEN = "operator-token";
  private static final String GROUP = "2025-10-24T12:00:00";

  @TempDir Path stateDir;
  private String url;

  private record Run(int exit, String out, String err) {}

  private Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (all.size() >= 2
        && !all.contains("--url")
        && !List.of("version", "completion").contains(all.get(0))) {
      all.addAll(List.of("--url", url));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        HubCommand.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    int port = HubHarness.freePort();
    url = "http://127.0.0.1:" + port;
    await(
        Hub.deployAll(
            vertx,
            HubTest.config(
                stateDir,
                Map.of(
                    "CONTIMG_HTTP_PORT",
                    String.valueOf(port),
                    "CONTIMG_BRIDGE_PORT",
                    String.valueOf(HubHarness.freePort()),
                    "CONTIMG_API_TOKEN",
                    TOKEN))));
    for (int sb = 0; sb < 16; sb++) {
      request(
          vertx,
          Addresses.INGEST_SUBBAND_ADD,
          new JsonObject()
              .put("file_path", String.format("/data/incoming/%s_sb%02d.hdf5", GROUP, sb)));
    }
    request(vertx, Addresses.INGEST_GROUP_CLAIM, new JsonObject().put("worker", "converter-1"));
    request(
        vertx,
        Addresses.INGEST_GROUP_FAIL,
        new JsonObject()
            .put("group_id", GROUP)
            .put("worker", "converter-1")
            .put("error", "disk, on fire")
            .put("retryable", false));
  }

  @Test
  void aFailedGroupIsFoundShownAndRetried() {
    Run failed = cli("queue", "list", "--state", "failed");
    assertThat(failed.exit()).as(failed.err()).isZero();
    assertThat(failed.out().lines().findFirst().orElseThrow())
        .startsWith("group_id")
        .contains("state", "error_message");
    assertThat(failed.out()).contains(GROUP, "failed", "disk, on fire", "1 of 1");

    Run csv = cli("queue", "list", "--state", "failed", "-o", "csv");
    assertThat(csv.out().lines().toList())
        .element(1)
        .asString()
        .startsWith(GROUP + ",failed,")
        .endsWith(",\"disk, on fire\"");
    JsonObject json = new JsonObject(cli("queue", "list", "--output", "JSON").out());
    assertThat(json.getJsonArray("groups").getJsonObject(0).getString("group_id")).isEqualTo(GROUP);
    assertThat(cli("queue", "show", GROUP).out())
        .contains("files", "/data/incoming/" + GROUP + "_sb15.hdf5");

    Run anonymous = cli("queue", "retry", GROUP, "--token", "");
    assertThat(anonymous.exit()).isEqualTo(1);
    assertThat(anonymous.err().strip()).startsWith("error 401: ");
    Run retried = cli("queue", "retry", GROUP, "--token", TOKEN);
    assertThat(retried.exit()).as(retried.err()).isZero();
    assertThat(retried.out()).containsPattern("state\\s+pending");

    Run missing = cli("queue", "show", "1999-01-01T00:00:00");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err().strip()).isEqualTo("error 404: no group 1999-01-01T00:00:00");
    assertThat(missing.out()).isEmpty();
  }

  @Test
  void aCandidateIsListedShownAndReviewed(Vertx vertx) throws Exception {
    request(
        vertx,
        Addresses.PRODUCTS_MS_UPSERT,
        new JsonObject().put("path", "/ms/a.ms").put("mid_mjd", 60972.5));
    request(
        vertx,
        Addresses.PRODUCTS_IMAGE_ADD,
        new JsonObject()
            .put("path", "/img/a.fits")
            .put("ms_path", "/ms/a.ms")
            .put("type", "image"));
    request(
        vertx,
        Addresses.PRODUCTS_PHOTOMETRY_ADD,
        new JsonObject()
            .put("image_path", "/img/a.fits")
            .put("mjd", 60972.5)
            .put(
                "measurements",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("source_id", "NVSS J123456+420312")
                            .put("ra_deg", 188.7)
                            .put("dec_deg", 42.05)
                            .put("peak_jyb", 0.02))));
    JsonObject flagged =
        request(
            vertx,
            Addresses.PRODUCTS_ESE_FLAG,
            new JsonObject().put("source_id", "NVSS J123456+420312").put("by", "duty"));

    Run list = cli("candidates", "list");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("NVSS J123456+420312", "user", "active");
    assertThat(cli("candidates", "show", "NVSS J123456+420312").out())
        .contains("candidates", "\"flag_type\":\"user\"");
    Run review =
        cli(
            "candidates",
            "review",
            String.valueOf(flagged.getLong("id")),
            "--status",
            "investigated",
            "--by",
            "duty",
            "--notes",
            "followed up",
            "--token",
            TOKEN,
            "-o",
            "json");
    assertThat(review.exit()).as(review.err()).isZero();
    assertThat(new JsonObject(review.out()).getString("status")).isEqualTo("investigated");
    assertThat(cli("candidates", "list").out())
        .as("active ones only, by default")
        .doesNotContain("NVSS J123456+420312");
    assertThat(cli("candidates", "list", "--status", "all").out()).contains("investigated");
  }

  @Test
  void aTestAlertIsSentAndListedAndAnUnreachableHubIsOneLine() {
    Run sent = cli("alerts", "test", "--token", TOKEN, "-o", "json");
    assertThat(sent.exit()).as(sent.err()).isZero();
    assertThat(new JsonObject(sent.out()).getString("alert_type")).isEqualTo("system_error");
    assertThat(cli("alerts", "list").out()).contains("system_error");

    Run away = cli("queue", "list", "--url", "http://127.0.0.1:1");
    assertThat(away.exit()).isEqualTo(3);
    assertThat(away.err().strip())
        .startsWith("cannot reach the hub at http://127.0.0.1:1")
        .doesNotContain("\n");
  }

  @Test
  void versionAndCompletionNeedNoHub() {
    assertThat(cli("version").out().strip()).startsWith("contimg-hub ").doesNotContain("${");
    String completion = cli("completion").out();
    assertThat(completion)
        .startsWith("#!/usr/bin/env bash")
        .contains("queue", "candidates", "alerts", "backup", "--output");
  }
}
