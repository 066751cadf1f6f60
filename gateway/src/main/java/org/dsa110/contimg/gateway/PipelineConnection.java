package org.dsa110.contimg.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.BusReplies;
import org.dsa110.contimg.common.bus.Callers;
import org.dsa110.contimg.gateway.FrameReader.Decision;
import org.dsa110.contimg.gateway.GatewaySettings.BridgeLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the TCP bridge (a pipeline service). Frames are read under the limits of {@link
 * FrameReader} and {@link FrameBudget}, checked ({@link InboundFrame}), then: {@code ping} is
 * answered {@code pong}; everything else needs {@code headers.token} (when one is configured);
 * {@code send} and {@code publish} may name only the operations of {@code bridge.inbound}, {@code
 * register} only {@code events.*}, at most {@code bridge.max_registrations} of them. Every refusal
 * is answered with an {@code err} frame and counted ({@code
 * contimg_refusals_total{listener="bridge"}}); malformed frames and wrong tokens close the
 * connection after {@code bridge.max_refusals}. A subscriber whose unsent frames pass {@code
 * bridge.write_queue_bytes} is dropped (an audit grew the heap to 490 MiB with one that never
 * read); a client that does not read its replies, or has {@code bridge.max_in_flight} requests
 * waiting, is not read from until it catches up. Runs on the bridge's event loop only.
 */
final class PipelineConnection implements FrameReader.Frames {
  /** What a connection needs to know of the bridge's configuration. */
  record Rules(
      Optional<String> token,
      Set<String> inbound,
      int maxRefusals,
      BridgeLimits limits,
      long defaultTimeoutMs) {}

  private static final Logger LOG = LoggerFactory.getLogger(PipelineConnection.class);
  private static final Pattern EVENTS = Pattern.compile(Addresses.EVENTS_REGEX);
  private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final String SLOW_READER = "write_queue";
  private static final String IN_FLIGHT = "in_flight";

  private final Vertx vertx;
  private final NetSocket socket;
  private final Rules rules;
  private final FrameBudget budget;
  private final EdgeMetrics metrics;
  private final Consumer<PipelineConnection> onAuthenticated;
  private final FrameReader reader;
  private final Subscriptions subscriptions;
  private final String peer;
  private boolean authenticated;

  /**
   * Set once close() is called (the socket's close handler runs later): nothing more is written or
   * delivered.
   */
  private boolean closed;

  private int refusals;
  private int inFlight;
  private long reservedBytes;
  private Runnable budgetWaiter;
  private long frameTimer = -1;

  PipelineConnection(
      Vertx vertx,
      NetSocket socket,
      Rules rules,
      FrameBudget budget,
      EdgeMetrics metrics,
      Consumer<PipelineConnection> onAuthenticated,
      Consumer<PipelineConnection> onClosed) {
    this.vertx = vertx;
    this.socket = socket;
    this.rules = rules;
    this.budget = budget;
    this.metrics = metrics;
    this.onAuthenticated = onAuthenticated;
    this.subscriptions = new Subscriptions(rules.limits().maxRegistrations());
    this.peer = String.valueOf(socket.remoteAddress());
    this.authenticated = rules.token().isEmpty();
    this.reader = new FrameReader(socket, this);
    socket.setWriteQueueMaxSize(rules.limits().writeQueueBytes());
    socket.handler(reader);
    socket.exceptionHandler(
        failure -> LOG.debug("TCP bridge connection from {}: {}", peer, failure.toString()));
    socket.closeHandler(
        ended -> {
          closed = true;
          reader.stop();
          subscriptions.clear();
          cancelFrameTimer();
          releaseBudget();
          onClosed.accept(this);
        });
  }

  boolean authenticated() {
    return authenticated;
  }

  /**
   * Closes the connection; logged at INFO for a client that showed the token, at DEBUG for
   * anonymous ones (an attack is counted, not logged line by line).
   */
  void close(String reason) {
    if (!closed) {
      closed = true;
      reader.stop();
      if (authenticated) {
        LOG.info("closing TCP bridge connection from {}: {}", peer, reason);
      } else {
        LOG.debug("closing anonymous TCP bridge connection from {}: {}", peer, reason);
      }
      socket.close();
    }
  }

  @Override
  public Decision announced(int length) {
    if (length < 1 || length > rules.limits().maxFrameBytes()) {
      String reason = length < 1 ? "invalid_frame_length" : "frame_too_large";
      metrics.refused(EdgeMetrics.BRIDGE, reason);
      socket.write(PipelineFrames.refusal(reason));
      close(
          "a frame of "
              + length
              + " bytes was announced (at most "
              + rules.limits().maxFrameBytes()
              + ")");
      return Decision.STOP;
    }
    if (authenticated) {
      startFrameTimer();
      return Decision.READ;
    }
    Runnable granted =
        () -> {
          budgetWaiter = null;
          reservedBytes = length;
          startFrameTimer();
          reader.resume(FrameReader.BUDGET);
        };
    if (budget.reserve(length, granted)) {
      reservedBytes = length;
      startFrameTimer();
      return Decision.READ;
    }
    budgetWaiter = granted;
    return Decision.WAIT;
  }

  @Override
  public void frame(Buffer bytes) {
    cancelFrameTimer();
    releaseBudget();
    try {
      handle(InboundFrame.parse(bytes));
    } catch (BridgeRefusal refusal) {
      refuse(refusal);
    }
  }

  private void handle(InboundFrame frame) throws BridgeRefusal {
    if (frame.type().equals("ping")) {
      write(PipelineFrames.pong());
      return;
    }
    if (rules.token().isPresent() && !Tokens.matches(frame.token(), rules.token().get())) {
      refuseToken(frame);
      return;
    }
    if (!authenticated) {
      authenticated = true;
      onAuthenticated.accept(this);
    }
    switch (frame.type()) {
      case "send" -> send(frame);
      case "publish" -> publish(frame);
      case "register" -> register(frame);
      default -> unregister(frame);
    }
  }

  private void send(InboundFrame frame) throws BridgeRefusal {
    permitInbound(frame.address());
    EventBus bus = vertx.eventBus();
    if (!(frame.body() == null || frame.body() instanceof JsonObject)) {
      if (frame.replyAddress() == null) {
        throw BridgeRefusal.violation("invalid_body");
      }
      write(
          PipelineFrames.failure(
              frame.replyAddress(),
              frame.address(),
              400,
              ReplyFailure.RECIPIENT_FAILURE.name(),
              "body: must be a JSON object"));
      return;
    }
    if (frame.replyAddress() == null) {
      bus.send(frame.address(), frame.body(), delivery(frame));
      return;
    }
    if (++inFlight >= rules.limits().maxInFlight()) {
      reader.pause(IN_FLIGHT);
    }
    bus.request(frame.address(), frame.body(), delivery(frame))
        .onComplete(
            reply -> {
              if (--inFlight < rules.limits().maxInFlight()) {
                reader.resume(IN_FLIGHT);
              }
              if (reply.succeeded()) {
                write(PipelineFrames.reply(frame.replyAddress(), reply.result()));
              } else {
                write(PipelineFrames.failure(frame.replyAddress(), frame.address(), reply.cause()));
              }
            });
  }

  private void publish(InboundFrame frame) throws BridgeRefusal {
    permitInbound(frame.address());
    if (!(frame.body() == null || frame.body() instanceof JsonObject)) {
      throw BridgeRefusal.violation("invalid_body");
    }
    vertx.eventBus().publish(frame.address(), frame.body(), delivery(frame));
  }

  private void register(InboundFrame frame) throws BridgeRefusal {
    if (!EVENTS.matcher(frame.address()).matches()) {
      throw BridgeRefusal.denied("access_denied");
    }
    Subscriptions.Outcome outcome =
        subscriptions.add(
            frame.address(), () -> vertx.eventBus().consumer(frame.address(), this::deliverEvent));
    if (outcome == Subscriptions.Outcome.FULL) {
      throw BridgeRefusal.denied("max_registrations_reached");
    }
  }

  private void unregister(InboundFrame frame) throws BridgeRefusal {
    if (!subscriptions.remove(frame.address())) {
      throw BridgeRefusal.denied("unknown_address");
    }
  }

  private void deliverEvent(Message<Object> event) {
    if (closed) {
      return;
    }
    if (socket.writeQueueFull()) {
      metrics.refused(EdgeMetrics.BRIDGE, "slow_subscriber");
      LOG.warn(
          "TCP bridge client at {} is not reading its events (more than {} bytes unsent); disconnecting it",
          peer,
          rules.limits().writeQueueBytes());
      close("a subscriber that does not read");
      return;
    }
    write(PipelineFrames.event(event));
  }

  private void permitInbound(String address) throws BridgeRefusal {
    if (!rules.inbound().contains(address)) {
      throw BridgeRefusal.denied("access_denied");
    }
  }

  /**
   * The bus options of a forwarded frame: its timeout, its request id if sane, and the pipeline's
   * mark; nothing else it sent.
   */
  private DeliveryOptions delivery(InboundFrame frame) {
    DeliveryOptions options =
        new DeliveryOptions()
            .setSendTimeout(
                frame.timeoutMs() != null ? frame.timeoutMs() : rules.defaultTimeoutMs())
            .addHeader(Callers.HEADER, Callers.PIPELINE);
    String requestId = frame.headers().get(BusReplies.REQUEST_ID);
    if (requestId != null && SANE_REQUEST_ID.matcher(requestId).matches()) {
      options.addHeader(BusReplies.REQUEST_ID, requestId);
    }
    return options;
  }

  private void refuse(BridgeRefusal refusal) {
    metrics.refused(EdgeMetrics.BRIDGE, refusal.reason());
    write(PipelineFrames.refusal(refusal.reason()));
    if (refusal.violation()) {
      countTowardsClosing(refusal.reason());
    } else {
      LOG.debug("TCP bridge refused a frame from {}: {}", peer, refusal.reason());
    }
  }

  /**
   * As Vert.x's bridge did, so clients keep working: the refusal at the reply address (401), then
   * the hook's err.
   */
  private void refuseToken(InboundFrame frame) {
    metrics.refused(EdgeMetrics.BRIDGE, "token");
    if (frame.replyAddress() != null) {
      write(
          PipelineFrames.failure(
              frame.replyAddress(),
              frame.address(),
              401,
              ReplyFailure.RECIPIENT_FAILURE.name(),
              "headers.token: missing or wrong bridge token"));
    }
    write(PipelineFrames.refusal(PipelineFrames.TOKEN_REFUSED));
    countTowardsClosing(
        frame.type() + " to " + LogSafe.field(frame.address()) + " with a missing or wrong token");
  }

  private void countTowardsClosing(String why) {
    refusals++;
    if (authenticated) {
      LOG.info(
          "TCP bridge refused a frame from {}: {} ({} of {})",
          peer,
          why,
          refusals,
          rules.maxRefusals());
    } else {
      LOG.debug(
          "TCP bridge refused a frame from anonymous {}: {} ({} of {})",
          peer,
          why,
          refusals,
          rules.maxRefusals());
    }
    if (refusals >= rules.maxRefusals()) {
      close(refusals + " refused frames");
    }
  }

  /**
   * Writes a frame; a client whose unsent frames pass the bound is not read from until they drain.
   */
  private void write(Buffer frame) {
    if (closed) {
      return;
    }
    socket.write(frame);
    if (socket.writeQueueFull() && !reader.pausedFor(SLOW_READER)) {
      reader.pause(SLOW_READER);
      socket.drainHandler(drained -> reader.resume(SLOW_READER));
    }
  }

  private void startFrameTimer() {
    frameTimer =
        vertx.setTimer(
            rules.limits().frameTimeoutMs(),
            id -> {
              frameTimer = -1;
              metrics.refused(EdgeMetrics.BRIDGE, "frame_timeout");
              close(
                  "a frame did not arrive whole within "
                      + rules.limits().frameTimeoutMs()
                      + " ms ("
                      + reader.partialFrameBytes()
                      + " bytes came)");
            });
  }

  private void cancelFrameTimer() {
    if (frameTimer >= 0) {
      vertx.cancelTimer(frameTimer);
      frameTimer = -1;
    }
  }

  private void releaseBudget() {
    if (budgetWaiter != null) {
      budget.withdraw(budgetWaiter);
      budgetWaiter = null;
    }
    if (reservedBytes > 0) {
      budget.release(reservedBytes);
      reservedBytes = 0;
    }
  }
}
