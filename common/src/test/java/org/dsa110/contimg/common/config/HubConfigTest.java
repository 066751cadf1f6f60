package org.dsa110.contimg.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class HubConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsThenFileThenEnvironment(Vertx vertx) throws Exception {
    Path file = dir.resolve("hub.json");
    Files.writeString(
        file,
        "{\"http\": {\"port\": 9090, \"host\": \"127.0.0.1\"}, \"ingest\": {\"max_retries\": 5}}");
    JsonObject config =
        await(
            HubConfig.load(
                vertx, Map.of("CONTIMG_CONFIG", file.toString(), "CONTIMG_HTTP_PORT", "9191")));
    assertThat(config.getJsonObject("http").getInteger("port")).isEqualTo(9191);
    assertThat(config.getJsonObject("http").getString("host")).isEqualTo("127.0.0.1");
    assertThat(config.getJsonObject("ingest").getInteger("max_retries")).isEqualTo(5);
    assertThat(config.getString("state_dir")).isEqualTo("./state");
  }

  @Test
  void yamlFilesAreReadToo(Vertx vertx) throws Exception {
    Path file = dir.resolve("hub.yaml");
    Files.writeString(
        file,
        "state_dir: /data/dsa110-contimg/state\ningest:\n  watch_dir: /data/incoming\n  lease_seconds: 1800\n");
    JsonObject config = await(HubConfig.load(vertx, Map.of("CONTIMG_CONFIG", file.toString())));
    Settings settings = new Settings(config);
    assertThat(settings.stateDir()).isEqualTo(Path.of("/data/dsa110-contimg/state"));
    assertThat(settings.stringOrNull("ingest.watch_dir")).isEqualTo("/data/incoming");
    assertThat(settings.positive("ingest.lease_seconds")).isEqualTo(1800.0);
  }

  @Test
  void everyKeyHasAnEnvironmentVariableAndListsAreCommaSeparated() {
    JsonObject config =
        HubConfig.resolve(
            new JsonObject(),
            Map.of(
                "CONTIMG_STATE_DIR", "/srv/state",
                "CONTIMG_INGEST_WATCH_DIR", "/srv/incoming",
                "CONTIMG_INGEST_JOIN_WINDOW_SECONDS", "45.5",
                "CONTIMG_BRIDGE_INBOUND", "ingest\\..+, products\\..+"));
    assertThat(config.getString("state_dir")).isEqualTo("/srv/state");
    assertThat(config.getJsonObject("ingest").getString("watch_dir")).isEqualTo("/srv/incoming");
    assertThat(config.getJsonObject("ingest").getDouble("join_window_seconds")).isEqualTo(45.5);
    assertThat(config.getJsonObject("bridge").getJsonArray("inbound").getList())
        .containsExactly("ingest\\..+", "products\\..+");
  }

  @Test
  void aBadValueNamesTheKeyAndItsVariable() {
    assertThatThrownBy(
            () -> HubConfig.resolve(new JsonObject(), Map.of("CONTIMG_HTTP_PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config key http.port (CONTIMG_HTTP_PORT) must be an integer, got 'eighty'");
    assertThatThrownBy(
            () ->
                HubConfig.resolve(
                    new JsonObject().put("ingest", new JsonObject().put("max_retries", "three")),
                    Map.of()))
        .hasMessageContaining("ingest.max_retries");
    assertThatThrownBy(
            () ->
                HubConfig.resolve(
                    new JsonObject().put("http", new JsonObject().put("prot", 1)), Map.of()))
        .hasMessage("unknown config key http.prot");
    JsonObject negative =
        HubConfig.resolve(new JsonObject(), Map.of("CONTIMG_INGEST_LEASE_SECONDS", "-1"));
    assertThatThrownBy(() -> new Settings(negative).positive("ingest.lease_seconds"))
        .hasMessageContaining("CONTIMG_INGEST_LEASE_SECONDS");
  }

  @Test
  void aQuotedNumberOrBooleanInTheFileIsReadAsTheEnvironmentWouldReadIt() {
    JsonObject config =
        HubConfig.resolve(
            new JsonObject()
                .put("http", new JsonObject().put("port", "8081"))
                .put("demo", new JsonObject().put("enabled", "true")),
            Map.of());
    assertThat(config.getJsonObject("http").getValue("port")).isEqualTo(8081);
    assertThat(config.getJsonObject("demo").getValue("enabled")).isEqualTo(true);
    assertThatThrownBy(
            () ->
                HubConfig.resolve(
                    new JsonObject().put("http", new JsonObject().put("port", "eighty")), Map.of()))
        .hasMessage("config key http.port (CONTIMG_HTTP_PORT) must be an integer, got 'eighty'");
  }

  @Test
  void aMistypedVariableIsRefusedWithTheNameItProbablyMeant() {
    assertThatThrownBy(
            () ->
                HubConfig.resolve(
                    new JsonObject(), Map.of("CONTIMG_INGEST_WACH_DIR", "/data/incoming")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "unknown environment variable CONTIMG_INGEST_WACH_DIR (did you mean CONTIMG_INGEST_WATCH_DIR?); "
                + "every CONTIMG_ variable names a config key (see README, Configuration)");
    assertThatThrownBy(
            () ->
                HubConfig.resolve(new JsonObject(), Map.of("CONTIMG_SOMETHING_ELSE_ENTIRELY", "1")))
        .hasMessageStartingWith("unknown environment variable CONTIMG_SOMETHING_ELSE_ENTIRELY; ");
    JsonObject launched =
        HubConfig.resolve(
            new JsonObject(),
            Map.of(
                "CONTIMG_ARGS",
                "--cluster",
                "CONTIMG_LOG_LEVEL",
                "WARN",
                "HOME",
                "/root",
                "CONTIMG_INGEST_WATCH_DIR",
                "/data/incoming"));
    assertThat(launched.getJsonObject("ingest").getString("watch_dir"))
        .as("the launcher's own variables and others pass")
        .isEqualTo("/data/incoming");
  }

  @Test
  void aMissingConfigFileIsAClearError(Vertx vertx) {
    assertThatThrownBy(
            () ->
                await(
                    HubConfig.load(
                        vertx, Map.of("CONTIMG_CONFIG", dir.resolve("nope.json").toString()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.json");
  }
}
