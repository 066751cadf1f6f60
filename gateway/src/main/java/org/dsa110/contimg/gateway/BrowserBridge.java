package org.dsa110.contimg.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import org.dsa110.contimg.common.bus.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The SockJS bridge at {@code /eventbus}: browsers receive {@code events.*} and may send only the read-only
 * queries of {@link Addresses#BROWSER_QUERIES} (with {@code headers.token} when a SockJS token is configured).
 * A browser that cannot keep up is disconnected rather than let its backlog grow in the server's memory.
 */
final class BrowserBridge {
  private static final Logger LOG = LoggerFactory.getLogger(BrowserBridge.class);

  private BrowserBridge() {
  }

  static Router router(Vertx vertx, int writeQueueBytes, Optional<String> queryToken) {
    Set<SockJSSocket> dropping = new HashSet<>();
    SockJSBridgeOptions options = new SockJSBridgeOptions()
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(Addresses.EVENTS_REGEX));
    Addresses.BROWSER_QUERIES.forEach(address -> options.addInboundPermitted(new PermittedOptions().setAddress(address)));
    return SockJSHandler.create(vertx).bridge(options, event -> handle(event, writeQueueBytes, queryToken, dropping));
  }

  private static void handle(BridgeEvent event, int writeQueueBytes, Optional<String> queryToken, Set<SockJSSocket> dropping) {
    SockJSSocket socket = event.socket();
    if (event.type() == BridgeEventType.SEND && queryToken.isPresent()) {
      JsonObject headers = event.getRawMessage().getJsonObject("headers");
      if (!Tokens.matches(headers == null ? null : headers.getString("token"), queryToken.get())) {
        LOG.warn("dashboard at {} sent a query without the SockJS token", socket.remoteAddress());
        event.complete(false);
        return;
      }
      headers.remove("token");
      event.setRawMessage(event.getRawMessage());
    }
    if (event.type() == BridgeEventType.SOCKET_CREATED) {
      socket.setWriteQueueMaxSize(writeQueueBytes);
      LOG.info("dashboard connected from {}", socket.remoteAddress());
    } else if (event.type() == BridgeEventType.RECEIVE && (dropping.contains(socket) || socket.writeQueueFull())) {
      if (dropping.add(socket)) {
        LOG.warn("dashboard at {} is not reading its events; disconnecting it", socket.remoteAddress());
        socket.close();
      }
      event.complete(false);
      return;
    } else if (event.type() == BridgeEventType.SOCKET_CLOSED) {
      dropping.remove(socket);
      LOG.info("dashboard at {} disconnected", socket.remoteAddress());
    }
    event.complete(true);
  }
}
