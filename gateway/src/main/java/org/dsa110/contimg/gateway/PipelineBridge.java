package org.dsa110.contimg.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.BridgeEvent;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The TCP event-bus bridge through which pipeline services (mostly Python) send commands and queries and
 * receive events. Frames that write or subscribe must carry {@code headers.token}; the token is removed
 * before the message enters the bus. A connection refused {@code maxRefusals} times is closed.
 */
final class PipelineBridge {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineBridge.class);
  private static final int UNAUTHENTICATED = 401;
  private static final Set<BridgeEventType> GUARDED = EnumSet.of(BridgeEventType.SEND, BridgeEventType.PUBLISH, BridgeEventType.REGISTER);

  private final Optional<String> token;
  private final int maxRefusals;
  private final Map<NetSocket, Integer> refusals = new HashMap<>();

  private PipelineBridge(Optional<String> token, int maxRefusals) {
    this.token = token;
    this.maxRefusals = maxRefusals;
  }

  static Future<TcpEventBusBridge> start(Vertx vertx, GatewaySettings settings) {
    if (settings.bridgeToken().isEmpty() && !isLoopback(settings.bridgeHost())) {
      throw new ConfigException("config key bridge.token (CONTIMG_BRIDGE_TOKEN) is required when the TCP bridge listens on "
          + settings.bridgeHost() + ", which is not a loopback address");
    }
    if (settings.bridgeToken().isEmpty()) {
      LOG.warn("the TCP bridge has no token (CONTIMG_BRIDGE_TOKEN): any process on this host may write through it");
    }
    BridgeOptions options = new BridgeOptions()
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(Addresses.EVENTS_REGEX));
    settings.bridgeInbound().forEach(regex -> options.addInboundPermitted(new PermittedOptions().setAddressRegex(regex)));
    PipelineBridge guard = new PipelineBridge(settings.bridgeToken(), settings.bridgeMaxRefusals());
    return TcpEventBusBridge.create(vertx, options, new NetServerOptions(), guard::handle)
        .listen(settings.bridgePort(), settings.bridgeHost())
        .onSuccess(bridge -> LOG.info("TCP bridge listening on {}:{}", settings.bridgeHost(), settings.bridgePort()));
  }

  private void handle(BridgeEvent event) {
    NetSocket socket = event.socket();
    if (event.type() == BridgeEventType.SOCKET_CLOSED) {
      refusals.remove(socket);
    }
    if (!GUARDED.contains(event.type())) {
      event.complete(true);
      return;
    }
    JsonObject frame = event.getRawMessage();
    JsonObject headers = frame.getJsonObject("headers");
    String presented = headers == null ? null : headers.getString("token");
    if (token.isPresent() && !Tokens.matches(presented, token.get())) {
      refuse(event, socket, frame);
      return;
    }
    if (headers != null) {
      headers.remove("token");
      event.setRawMessage(frame);
    }
    event.complete(true);
  }

  /** Answers a refused request at its reply address, so the client learns why instead of waiting. */
  private void refuse(BridgeEvent event, NetSocket socket, JsonObject frame) {
    int count = refusals.merge(socket, 1, Integer::sum);
    LOG.warn("TCP bridge refused {} to {} from {}: missing or wrong token ({} of {})",
        event.type(), frame.getString("address"), socket.remoteAddress(), count, maxRefusals);
    String replyAddress = frame.getString("replyAddress");
    if (replyAddress != null) {
      Buffer error = new JsonObject().put("type", "err").put("address", replyAddress).put("failureCode", UNAUTHENTICATED)
          .put("failureType", "RECIPIENT_FAILURE").put("message", "headers.token: missing or wrong bridge token").toBuffer();
      socket.write(Buffer.buffer().appendInt(error.length()).appendBuffer(error));
    }
    event.complete(false);
    if (count >= maxRefusals) {
      LOG.warn("closing TCP bridge connection from {} after {} refusals", socket.remoteAddress(), count);
      socket.close();
    }
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
