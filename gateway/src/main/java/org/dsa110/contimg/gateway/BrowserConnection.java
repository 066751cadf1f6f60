package org.dsa110.contimg.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.BusOperation;
import org.dsa110.contimg.common.bus.BusReplies;
import org.dsa110.contimg.common.bus.HubException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser on the SockJS bridge, speaking the event-bus bridge protocol of
 * {@code @vertx/eventbus-bridge-client.js} (frames {@code rec} and {@code err} back). Every frame
 * is checked ({@link InboundFrame}); a browser may send only the reads {@link BusOperation}'s table
 * opens to browsers and subscribe only to {@code events.*}, both under the token rules of HTTP
 * reads ({@link ReadToken}); it may publish nothing. Its requests carry none of its headers (so it
 * cannot pass for the pipeline). Malformed frames close it after {@code bridge.max_refusals}; a
 * browser that stops reading its events is dropped once {@code gateway.sockjs_write_queue_bytes}
 * are unsent; one silent (no ping) for {@code gateway.sockjs_ping_timeout_ms} is closed. Runs on
 * the gateway's event loop only.
 */
final class BrowserConnection {
  /** What a connection needs to know of the gateway's configuration. */
  record Rules(
      ReadToken token,
      int maxRefusals,
      int maxHandlers,
      int writeQueueBytes,
      long pingTimeoutMs,
      long requestTimeoutMs) {}

  private static final Logger LOG = LoggerFactory.getLogger(BrowserConnection.class);
  private static final Pattern EVENTS = Pattern.compile(Addresses.EVENTS_REGEX);
  private static final Set<String> QUERIES = Set.copyOf(BusOperation.browserQueries());

  private final Vertx vertx;
  private final SockJSSocket socket;
  private final Rules rules;
  private final EdgeMetrics metrics;
  private final Subscriptions subscriptions;
  private final String peer;
  private long pingCheck;
  private long lastPing = System.currentTimeMillis();
  private int refusals;
  private int inFlight;
  private boolean closed;

  BrowserConnection(
      Vertx vertx,
      SockJSSocket socket,
      Rules rules,
      EdgeMetrics metrics,
      Consumer<BrowserConnection> onClosed) {
    this.vertx = vertx;
    this.socket = socket;
    this.rules = rules;
    this.metrics = metrics;
    this.subscriptions = new Subscriptions(rules.maxHandlers());
    this.peer = String.valueOf(socket.remoteAddress());
    socket.setWriteQueueMaxSize(rules.writeQueueBytes());
    socket.handler(this::received);
    socket.exceptionHandler(failure -> LOG.debug("dashboard at {}: {}", peer, failure.toString()));
    socket.endHandler(
        ended -> {
          closed = true;
          subscriptions.clear();
          vertx.cancelTimer(pingCheck);
          LOG.debug("dashboard at {} disconnected", peer);
          onClosed.accept(this);
        });
    pingCheck =
        vertx.setPeriodic(
            rules.pingTimeoutMs(),
            id -> {
              if (System.currentTimeMillis() - lastPing >= rules.pingTimeoutMs()) {
                close("no ping for " + rules.pingTimeoutMs() + " ms");
              }
            });
    LOG.debug("dashboard connected from {}", peer);
  }

  void close(String reason) {
    if (!closed) {
      closed = true;
      LOG.debug("closing the dashboard connection from {}: {}", peer, reason);
      socket.close();
    }
  }

  private void received(Buffer data) {
    try {
      handle(InboundFrame.parse(data));
    } catch (BridgeRefusal refusal) {
      refuse(refusal);
    }
  }

  private void handle(InboundFrame frame) throws BridgeRefusal {
    switch (frame.type()) {
      case "ping" -> lastPing = System.currentTimeMillis();
      case "send" -> query(frame);
      case "register" -> subscribe(frame);
      case "unregister" -> subscriptions.remove(frame.address());
      default -> throw BridgeRefusal.denied("access_denied");
    }
  }

  private void query(InboundFrame frame) throws BridgeRefusal {
    if (!QUERIES.contains(frame.address())) {
      throw BridgeRefusal.denied("access_denied");
    }
    requireToken(frame);
    String replyAddress = frame.replyAddress();
    if (replyAddress == null) {
      throw BridgeRefusal.violation("invalid_reply_address");
    }
    if (!(frame.body() == null || frame.body() instanceof JsonObject)) {
      write(failure(replyAddress, 400, "RECIPIENT_FAILURE", "body: must be a JSON object"));
      return;
    }
    if (inFlight + subscriptions.size() >= rules.maxHandlers()) {
      throw BridgeRefusal.denied("max_handlers_reached");
    }
    inFlight++;
    vertx
        .eventBus()
        .request(
            frame.address(),
            frame.body(),
            new DeliveryOptions().setSendTimeout(rules.requestTimeoutMs()))
        .onComplete(
            reply -> {
              inFlight--;
              if (reply.succeeded()) {
                write(
                    new JsonObject()
                        .put("type", "rec")
                        .put("address", replyAddress)
                        .put("body", reply.result().body()));
              } else {
                Throwable cause = reply.cause();
                HubException error = BusReplies.toHubException(cause);
                String type =
                    cause instanceof ReplyException replyFailure
                        ? replyFailure.failureType().name()
                        : "RECIPIENT_FAILURE";
                write(failure(replyAddress, error.code(), type, error.getMessage()));
              }
            });
  }

  private void subscribe(InboundFrame frame) throws BridgeRefusal {
    if (!EVENTS.matcher(frame.address()).matches()) {
      throw BridgeRefusal.denied("access_denied");
    }
    requireToken(frame);
    if (subscriptions.add(
            frame.address(), () -> vertx.eventBus().consumer(frame.address(), this::deliverEvent))
        == Subscriptions.Outcome.FULL) {
      throw BridgeRefusal.denied("max_handlers_reached");
    }
  }

  private void requireToken(InboundFrame frame) throws BridgeRefusal {
    if (!rules.token().accepts(frame.token())) {
      throw BridgeRefusal.denied("rejected");
    }
  }

  private void deliverEvent(Message<Object> event) {
    if (closed) {
      return;
    }
    if (socket.writeQueueFull()) {
      metrics.refused(EdgeMetrics.SOCKJS, "slow_subscriber");
      LOG.warn("dashboard at {} is not reading its events; disconnecting it", peer);
      close("a dashboard that does not read");
      return;
    }
    write(
        new JsonObject()
            .put("type", "rec")
            .put("address", event.address())
            .put("body", event.body()));
  }

  private void refuse(BridgeRefusal refusal) {
    metrics.refused(EdgeMetrics.SOCKJS, refusal.reason());
    write(new JsonObject().put("type", "err").put("body", refusal.reason()));
    if (refusal.violation() && ++refusals >= rules.maxRefusals()) {
      close(refusals + " malformed frames");
    }
  }

  private static JsonObject failure(String replyAddress, int code, String type, String message) {
    return new JsonObject()
        .put("type", "err")
        .put("address", replyAddress)
        .put("failureCode", code)
        .put("failureType", type)
        .put("message", message);
  }

  private void write(JsonObject frame) {
    if (!closed) {
      socket.write(frame.toBuffer());
    }
  }
}
