package org.dsa110.contimg.gateway;

import io.vertx.core.json.JsonArray;
import org.dsa110.contimg.common.bus.Owner;
import org.dsa110.contimg.common.config.ConfigException;
import org.dsa110.contimg.common.config.Settings;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The gateway's configuration keys, checked at start-up. */
record GatewaySettings(
    String httpHost,
    int httpPort,
    long bodyLimitBytes,
    Optional<String> corsOrigin,
    Optional<String> apiToken,
    boolean readsRequireToken,
    String bridgeHost,
    int bridgePort,
    Optional<String> bridgeToken,
    int bridgeMaxRefusals,
    List<String> bridgeInbound,
    long requestTimeoutMs,
    List<Owner> readyOwners,
    int sockJsWriteQueueBytes,
    Optional<String> dataRoot,
    Optional<String> sockJsToken) {

  static GatewaySettings from(Settings settings) {
    return new GatewaySettings(
        settings.string("http.host"),
        settings.integer("http.port", 0, 65535),
        settings.integer("http.body_limit_bytes", 1024, Integer.MAX_VALUE),
        Optional.ofNullable(settings.stringOrNull("http.cors_origin")),
        Optional.ofNullable(settings.stringOrNull("api.token")),
        settings.bool("api.reads_require_token"),
        settings.string("bridge.host"),
        settings.integer("bridge.port", 0, 65535),
        Optional.ofNullable(settings.stringOrNull("bridge.token")),
        settings.integer("bridge.max_refusals", 1, 1000),
        regexes(settings.root().getJsonObject("bridge").getJsonArray("inbound")),
        settings.integer("bus.request_timeout_ms", 100, 600_000),
        owners(settings.root().getJsonObject("gateway").getJsonArray("ready_owners")),
        settings.integer("gateway.sockjs_write_queue_bytes", 1024, Integer.MAX_VALUE),
        Optional.ofNullable(settings.stringOrNull("gateway.data_root")),
        Optional.ofNullable(settings.stringOrNull("gateway.sockjs_token")));
  }

  private static List<String> regexes(JsonArray patterns) {
    return patterns.stream().map(String::valueOf).peek(pattern -> {
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        throw new ConfigException("config key bridge.inbound (CONTIMG_BRIDGE_INBOUND): '" + pattern + "' is not a regular expression");
      }
    }).toList();
  }

  private static List<Owner> owners(JsonArray names) {
    return names.stream().map(String::valueOf).map(name -> Owner.byName(name).orElseThrow(() -> new ConfigException(
        "config key gateway.ready_owners (CONTIMG_GATEWAY_READY_OWNERS): unknown owner '" + name + "'"))).toList();
  }
}
