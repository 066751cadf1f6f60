package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config print} as an operator runs it: the file and the environment applied, secrets
 * masked, mistakes named.
 */
class ConfigPrintTest {
  @TempDir Path dir;

  private record Run(int exit, String output) {}

  private static Run configPrint(Map<String, String> env) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HubCommand.class.getName(),
                "config",
                "print"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("CONTIMG_"));
    builder.environment().put("CONTIMG_LOG_LEVEL", "WARN");
    builder.environment().putAll(env);
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS))
        .as("config print finished within 60 s")
        .isTrue();
    return new Run(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void theEffectiveConfigurationWithSecretsMasked() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("hub.yaml"), "http:\n  port: 9091\ningest:\n  max_retries: 5\n");
    Run run =
        configPrint(
            Map.of(
                "CONTIMG_CONFIG",
                file.toString(),
                "CONTIMG_INGEST_MAX_RETRIES",
                "7",
                "CONTIMG_API_TOKEN",
                "s3cret-api",
                "CONTIMG_SLACK_CHANNEL_WEBHOOKS",
                "#ese=https://hooks.slack.com/services/T/B/secret"));
    assertThat(run.exit()).as(run.output()).isZero();
    JsonObject config = new JsonObject(run.output());
    assertThat(config.getJsonObject("http").getInteger("port")).as("from the file").isEqualTo(9091);
    assertThat(config.getJsonObject("ingest").getInteger("max_retries"))
        .as("the environment over the file")
        .isEqualTo(7);
    assertThat(config.getJsonObject("api").getString("token")).isEqualTo("***");
    assertThat(config.getJsonObject("bridge").getValue("token"))
        .as("unset stays visibly unset")
        .isNull();
    assertThat(config.getJsonObject("slack").getJsonArray("channel_webhooks").getList())
        .containsExactly("#ese=***");
    assertThat(run.output()).doesNotContain("s3cret", "hooks.slack.com");
  }

  @Test
  void aMistakeIsOneLineAndExitTwo() throws Exception {
    Run run = configPrint(Map.of("CONTIMG_HTTP_PROT", "9091"));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.output().strip())
        .isEqualTo(
            "cannot read the configuration: unknown environment variable CONTIMG_HTTP_PROT "
                + "(did you mean CONTIMG_HTTP_PORT?); every CONTIMG_ variable names a config key (see README, Configuration)");
  }
}
