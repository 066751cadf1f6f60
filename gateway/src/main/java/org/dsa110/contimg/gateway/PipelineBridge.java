package org.dsa110.contimg.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.dsa110.contimg.common.config.ConfigException;
import org.dsa110.contimg.gateway.GatewaySettings.BridgeLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP event-bus bridge through which pipeline services (mostly Python) send commands and
 * queries and receive events, speaking the wire protocol of Vert.x's TCP bridge (a 4-byte length,
 * then JSON), which this replaces because that one buffers a frame of any declared length before
 * anything can look at it. Each connection is a {@link PipelineConnection}. The listener holds at
 * most {@code bridge.max_connections}; at the cap a new connection displaces the oldest one that
 * has not yet shown the token, and is refused when every connection has. Connections silent for
 * {@code bridge.idle_timeout_seconds} are closed (clients ping every few seconds): an audit held
 * 3,000 idle ones indefinitely.
 */
final class PipelineBridge {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineBridge.class);

  private final Vertx vertx;
  private final PipelineConnection.Rules rules;
  private final EdgeMetrics metrics;
  private final FrameBudget budget;
  private final Set<PipelineConnection> open = new LinkedHashSet<>();

  /**
   * Connections that have not yet shown the token, oldest first: the ones a newcomer may displace.
   */
  private final Set<PipelineConnection> anonymous = new LinkedHashSet<>();

  private NetServer server;

  private PipelineBridge(Vertx vertx, PipelineConnection.Rules rules, EdgeMetrics metrics) {
    this.vertx = vertx;
    this.rules = rules;
    this.metrics = metrics;
    this.budget = new FrameBudget(rules.limits().unauthenticatedBufferBytes());
    metrics.connections(EdgeMetrics.BRIDGE, open::size);
  }

  static Future<PipelineBridge> start(Vertx vertx, GatewaySettings settings, EdgeMetrics metrics) {
    if (settings.bridgeToken().isEmpty() && !isLoopback(settings.bridgeHost())) {
      throw new ConfigException(
          "config key bridge.token (CONTIMG_BRIDGE_TOKEN) is required when the TCP bridge listens on "
              + settings.bridgeHost()
              + ", which is not a loopback address");
    }
    if (settings.bridgeToken().isEmpty()) {
      LOG.warn(
          "the TCP bridge has no token (CONTIMG_BRIDGE_TOKEN): any process on this host may write through it");
    }
    BridgeLimits limits = settings.bridge();
    PipelineConnection.Rules rules =
        new PipelineConnection.Rules(
            settings.bridgeToken(),
            Set.copyOf(settings.bridgeInbound()),
            settings.bridgeMaxRefusals(),
            limits,
            DeliveryOptions.DEFAULT_TIMEOUT);
    PipelineBridge bridge = new PipelineBridge(vertx, rules, metrics);
    bridge.server =
        vertx
            .createNetServer(new NetServerOptions().setIdleTimeout(limits.idleTimeoutSeconds()))
            .connectHandler(bridge::connected);
    return bridge
        .server
        .listen(settings.bridgePort(), settings.bridgeHost())
        .onSuccess(
            server ->
                LOG.info(
                    "TCP bridge listening on {}:{}", settings.bridgeHost(), server.actualPort()))
        .map(server -> bridge);
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  int actualPort() {
    return server.actualPort();
  }

  private void connected(NetSocket socket) {
    if (open.size() >= rules.limits().maxConnections() && !displaceOldestAnonymous()) {
      metrics.refused(EdgeMetrics.BRIDGE, "too_many_connections");
      LOG.debug(
          "refused a TCP bridge connection from {}: {} are open",
          socket.remoteAddress(),
          open.size());
      socket.close();
      return;
    }
    PipelineConnection connection =
        new PipelineConnection(
            vertx,
            socket,
            rules,
            budget,
            metrics,
            anonymous::remove,
            closed -> {
              open.remove(closed);
              anonymous.remove(closed);
            });
    open.add(connection);
    if (!connection.authenticated()) {
      anonymous.add(connection);
    }
  }

  private boolean displaceOldestAnonymous() {
    Iterator<PipelineConnection> oldest = anonymous.iterator();
    if (!oldest.hasNext()) {
      return false;
    }
    PipelineConnection displaced = oldest.next();
    oldest.remove();
    open.remove(displaced);
    metrics.refused(EdgeMetrics.BRIDGE, "displaced_without_token");
    displaced.close(
        "displaced by a newer connection: "
            + rules.limits().maxConnections()
            + " are open and it never showed the token");
    return true;
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
