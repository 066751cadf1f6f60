package org.dsa110.contimg.gateway;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * A request body must arrive whole within {@code http.body_timeout_ms} of its headers, or the
 * request is answered 408 and its connection closed: a body dripped a byte at a time would
 * otherwise hold a connection (and what it buffered) for as long as the idle timeout keeps being
 * reset.
 */
final class BodyDeadline implements Handler<RoutingContext> {
  private final Vertx vertx;
  private final long timeoutMs;

  BodyDeadline(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    arm(ctx);
    ctx.next();
  }

  /** Starts the clock on the request's body, if it has one still to come. */
  void arm(RoutingContext ctx) {
    if (!ctx.request().isEnded()) {
      long deadline =
          vertx.setTimer(
              timeoutMs,
              id -> {
                if (!ctx.request().isEnded()) {
                  ApiReplies.error(
                      ctx, 408, "the request body did not arrive within " + timeoutMs + " ms");
                }
              });
      ctx.addEndHandler(ended -> vertx.cancelTimer(deadline));
    }
  }
}
