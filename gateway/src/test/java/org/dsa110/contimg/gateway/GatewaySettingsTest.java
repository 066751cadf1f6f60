package org.dsa110.contimg.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.dsa110.contimg.common.config.ConfigException;
import org.dsa110.contimg.common.config.HubConfig;
import org.dsa110.contimg.common.config.Settings;
import org.junit.jupiter.api.Test;

/** The gateway's keys as a config file gives them: empty tokens, operations, origins, limits. */
class GatewaySettingsTest {
  private static GatewaySettings fromFile(JsonObject file) {
    return GatewaySettings.from(new Settings(HubConfig.resolve(file, Map.of())));
  }

  @Test
  void anEmptyTokenInAConfigFileIsNoToken() {
    GatewaySettings settings =
        fromFile(
            new JsonObject()
                .put("api", new JsonObject().put("token", "").put("reads_require_token", true))
                .put("bridge", new JsonObject().put("token", "  "))
                .put("gateway", new JsonObject().put("sockjs_token", "")));
    assertThat(settings.apiToken()).isEmpty();
    assertThat(settings.bridgeToken()).isEmpty();
    assertThat(settings.browserReadToken().accepts(""))
        .as("reads need a token that is not set: nothing matches")
        .isFalse();
    assertThat(settings.browserReadToken().accepts(null)).isFalse();
    assertThat(Tokens.matches("", "")).isFalse();
  }

  @Test
  void theBridgeAllowListNamesOperationsAndNeverOwnerInternalOnes() {
    assertThat(fromFile(new JsonObject()).bridgeInbound())
        .contains("ingest.subband.add", "products.photometry.add")
        .doesNotContain("products.alerts.enqueue", "catalog.import", "ingest.health.check");
    assertThatThrownBy(
            () ->
                fromFile(
                    new JsonObject()
                        .put(
                            "bridge",
                            new JsonObject().put("inbound", new JsonArray().add("products\\..+")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not an operation");
    assertThatThrownBy(
            () ->
                fromFile(
                    new JsonObject()
                        .put(
                            "bridge",
                            new JsonObject()
                                .put("inbound", new JsonArray().add("products.alerts.enqueue")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("owner-internal");
    assertThatThrownBy(
            () ->
                fromFile(
                    new JsonObject()
                        .put(
                            "bridge",
                            new JsonObject()
                                .put("inbound", new JsonArray().add("ingest.health.check")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("owner-internal");
  }

  @Test
  void originsAreNormalisedAndLimitsChecked() {
    GatewaySettings settings =
        fromFile(
            new JsonObject()
                .put(
                    "gateway",
                    new JsonObject()
                        .put(
                            "allowed_origins",
                            new JsonArray()
                                .add("HTTPS://Hub.Example.org")
                                .add("http://localhost:8080"))));
    assertThat(settings.browser().allowedOrigins())
        .containsExactly("https://hub.example.org", "http://localhost:8080");
    assertThatThrownBy(
            () ->
                fromFile(
                    new JsonObject()
                        .put(
                            "gateway",
                            new JsonObject()
                                .put(
                                    "allowed_origins", new JsonArray().add("https://x.org/path")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gateway.allowed_origins");
    assertThatThrownBy(
            () ->
                fromFile(
                    new JsonObject()
                        .put(
                            "bridge",
                            new JsonObject()
                                .put("max_frame_bytes", 1 << 20)
                                .put("unauthenticated_buffer_bytes", 4096))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unauthenticated_buffer_bytes");
    GatewaySettings defaults = fromFile(new JsonObject());
    assertThat(defaults.http().maxConnections()).isEqualTo(512);
    assertThat(defaults.bridge().maxFrameBytes()).isEqualTo(8 << 20);
    assertThat(defaults.browser().allowedOrigins()).isEmpty();
  }
}
