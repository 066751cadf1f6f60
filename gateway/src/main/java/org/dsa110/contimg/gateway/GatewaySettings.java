package org.dsa110.contimg.gateway;

import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dsa110.contimg.common.bus.BusOperation;
import org.dsa110.contimg.common.bus.Owner;
import org.dsa110.contimg.common.config.ConfigException;
import org.dsa110.contimg.common.config.Settings;

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
    Optional<String> sockJsToken,
    HttpLimits http,
    BridgeLimits bridge,
    BrowserLimits browser) {

  /** Limits of the HTTP listener, all applied before a request's token is looked at. */
  record HttpLimits(
      int maxConnections,
      long headerTimeoutMs,
      long bodyTimeoutMs,
      int idleTimeoutSeconds,
      int maxHeaderBytes) {}

  /** Limits of the TCP bridge: per listener, per connection, per frame. */
  record BridgeLimits(
      int maxConnections,
      int idleTimeoutSeconds,
      int maxFrameBytes,
      long frameTimeoutMs,
      long unauthenticatedBufferBytes,
      int writeQueueBytes,
      int maxInFlight,
      int maxRegistrations) {}

  /**
   * Limits and rules of the SockJS bridge: which Origins may use it (empty: the gateway's own), and
   * how much each socket may hold.
   */
  record BrowserLimits(
      List<String> allowedOrigins,
      int maxSockets,
      int maxMessageBytes,
      int maxRegistrations,
      long pingTimeoutMs) {}

  static GatewaySettings from(Settings settings) {
    BridgeLimits bridge =
        new BridgeLimits(
            settings.integer("bridge.max_connections", 1, 100_000),
            settings.integer("bridge.idle_timeout_seconds", 1, 86_400),
            settings.integer("bridge.max_frame_bytes", 1024, 512 << 20),
            settings.integer("bridge.frame_timeout_ms", 100, 3_600_000),
            settings.integer("bridge.unauthenticated_buffer_bytes", 1024, Integer.MAX_VALUE),
            settings.integer("bridge.write_queue_bytes", 1024, Integer.MAX_VALUE),
            settings.integer("bridge.max_in_flight", 1, 100_000),
            settings.integer("bridge.max_registrations", 1, 10_000));
    if (bridge.unauthenticatedBufferBytes() < bridge.maxFrameBytes()) {
      throw new ConfigException(
          "config key bridge.unauthenticated_buffer_bytes (CONTIMG_BRIDGE_UNAUTHENTICATED_BUFFER_BYTES) must be at least "
              + "bridge.max_frame_bytes ("
              + bridge.maxFrameBytes()
              + "), got "
              + bridge.unauthenticatedBufferBytes());
    }
    return new GatewaySettings(
        settings.string("http.host"),
        settings.integer("http.port", 0, 65535),
        settings.integer("http.body_limit_bytes", 1024, Integer.MAX_VALUE),
        nonBlank(settings, "http.cors_origin"),
        nonBlank(settings, "api.token"),
        settings.bool("api.reads_require_token"),
        settings.string("bridge.host"),
        settings.integer("bridge.port", 0, 65535),
        nonBlank(settings, "bridge.token"),
        settings.integer("bridge.max_refusals", 1, 1000),
        operations(settings.root().getJsonObject("bridge").getJsonArray("inbound")),
        settings.integer("bus.request_timeout_ms", 100, 600_000),
        owners(settings.root().getJsonObject("gateway").getJsonArray("ready_owners")),
        settings.integer("gateway.sockjs_write_queue_bytes", 1024, Integer.MAX_VALUE),
        Optional.ofNullable(settings.stringOrNull("gateway.data_root")),
        nonBlank(settings, "gateway.sockjs_token"),
        new HttpLimits(
            settings.integer("http.max_connections", 1, 1_000_000),
            settings.integer("http.header_timeout_ms", 100, 600_000),
            settings.integer("http.body_timeout_ms", 100, 3_600_000),
            settings.integer("http.idle_timeout_seconds", 1, 86_400),
            settings.integer("http.max_header_bytes", 1024, 1 << 20)),
        bridge,
        new BrowserLimits(
            origins(settings.root().getJsonObject("gateway").getJsonArray("allowed_origins")),
            settings.integer("gateway.sockjs_max_sockets", 1, 100_000),
            settings.integer("gateway.sockjs_max_message_bytes", 1024, 16 << 20),
            settings.integer("gateway.sockjs_max_registrations", 1, 1000),
            settings.integer("gateway.sockjs_ping_timeout_ms", 1000, 600_000)));
  }

  /**
   * The token SockJS queries and subscriptions must carry: the SockJS token, else the API token
   * when HTTP reads need it.
   */
  ReadToken browserReadToken() {
    if (sockJsToken.isPresent()) {
      return ReadToken.required(sockJsToken);
    }
    return readsRequireToken ? ReadToken.required(apiToken) : ReadToken.NONE;
  }

  /**
   * An empty or blank value is no value: an empty token in a config file must not count as a token.
   */
  private static Optional<String> nonBlank(Settings settings, String key) {
    return Optional.ofNullable(settings.stringOrNull(key)).filter(value -> !value.isBlank());
  }

  /**
   * The bridge's allow-list: empty (the default) is every operation {@link BusOperation}'s table
   * opens to the pipeline; a configured list may name fewer, exactly, never an internal one. A
   * pattern such as {@code products\\..+} once let a pipeline reach the alerts owner's outbox.
   */
  private static List<String> operations(JsonArray names) {
    if (names.isEmpty()) {
      return BusOperation.pipelineOperations();
    }
    List<String> operations = names.stream().map(String::valueOf).toList();
    for (String name : operations) {
      BusOperation.Reach reach =
          BusOperation.reachOf(name)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "config key bridge.inbound (CONTIMG_BRIDGE_INBOUND): '"
                              + name
                              + "' is not an operation of the hub; name operations exactly, e.g."
                              + " ingest.subband.add"));
      if (reach == BusOperation.Reach.INTERNAL) {
        throw new ConfigException(
            "config key bridge.inbound (CONTIMG_BRIDGE_INBOUND): '"
                + name
                + "' is owner-internal and never reachable over the bridge");
      }
    }
    return operations;
  }

  /** Origins as browsers send them: scheme://host[:port], lower case, no path. */
  private static List<String> origins(JsonArray values) {
    return values.stream()
        .map(String::valueOf)
        .map(
            value -> {
              try {
                URI uri = new URI(value.strip());
                boolean bare =
                    uri.getScheme() != null
                        && uri.getHost() != null
                        && (uri.getPath() == null || uri.getPath().isEmpty())
                        && uri.getQuery() == null
                        && uri.getFragment() == null
                        && uri.getUserInfo() == null;
                if (!bare
                    || !Set.of("http", "https")
                        .contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                  throw new URISyntaxException(value, "not scheme://host[:port]");
                }
                return uri.getScheme().toLowerCase(Locale.ROOT)
                    + "://"
                    + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
              } catch (URISyntaxException e) {
                throw new ConfigException(
                    "config key gateway.allowed_origins (CONTIMG_GATEWAY_ALLOWED_ORIGINS): '"
                        + value
                        + "' is not an origin such as https://dsa110-hub.example.org");
              }
            })
        .toList();
  }

  private static List<Owner> owners(JsonArray names) {
    return names.stream()
        .map(String::valueOf)
        .map(
            name ->
                Owner.byName(name)
                    .orElseThrow(
                        () ->
                            new ConfigException(
                                "config key gateway.ready_owners (CONTIMG_GATEWAY_READY_OWNERS): unknown owner '"
                                    + name
                                    + "'")))
        .toList();
  }
}
