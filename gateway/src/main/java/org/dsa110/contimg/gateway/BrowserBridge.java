package org.dsa110.contimg.gateway;

import io.vertx.core.Vertx;
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

/**
 * The SockJS bridge at {@code /eventbus}: browsers receive {@code events.*} and may send only the read-only
 * queries of {@link Addresses#BROWSER_QUERIES}. A browser that cannot keep up is disconnected rather than
 * let its backlog grow in the server's memory.
 */
final class BrowserBridge {
  private static final Logger LOG = LoggerFactory.getLogger(BrowserBridge.class);

  private BrowserBridge() {
  }

  static Router router(Vertx vertx, int writeQueueBytes) {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(Addresses.EVENTS_REGEX));
    Addresses.BROWSER_QUERIES.forEach(address -> options.addInboundPermitted(new PermittedOptions().setAddress(address)));
    return SockJSHandler.create(vertx).bridge(options, event -> handle(event, writeQueueBytes));
  }

  private static void handle(BridgeEvent event, int writeQueueBytes) {
    SockJSSocket socket = event.socket();
    if (event.type() == BridgeEventType.SOCKET_CREATED) {
      socket.setWriteQueueMaxSize(writeQueueBytes);
      LOG.info("dashboard connected from {}", socket.remoteAddress());
    } else if (event.type() == BridgeEventType.RECEIVE && socket.writeQueueFull()) {
      LOG.warn("dashboard at {} is not reading its events; disconnecting it", socket.remoteAddress());
      event.complete(false);
      socket.close();
      return;
    } else if (event.type() == BridgeEventType.SOCKET_CLOSED) {
      LOG.info("dashboard at {} disconnected", socket.remoteAddress());
    }
    event.complete(true);
  }
}
