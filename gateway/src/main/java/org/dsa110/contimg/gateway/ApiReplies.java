package org.dsa110.contimg.gateway;

import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.dsa110.contimg.common.bus.BusReplies;
import org.dsa110.contimg.common.bus.HubException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes API answers: the owner's JSON on success, {@code {"error": code, "message": ...}} on
 * failure.
 */
final class ApiReplies {
  private static final Logger LOG = LoggerFactory.getLogger(ApiReplies.class);

  private ApiReplies() {}

  static void ok(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }

  static void error(RoutingContext ctx, Throwable failure) {
    if (failure instanceof HttpClosedException || ctx.response().closed()) {
      LOG.info(
          "[{}] {} {}: the client went away ({})",
          RequestLog.id(ctx),
          ctx.request().method(),
          LogSafe.field(ctx.request().path()),
          LogSafe.field(failure.getMessage()));
      return;
    }
    HubException error = BusReplies.toHubException(failure);
    if (error.code() >= HubException.INTERNAL && error.code() != HubException.UNAVAILABLE) {
      LOG.error(
          "[{}] {} {} failed: {}",
          RequestLog.id(ctx),
          ctx.request().method(),
          LogSafe.field(ctx.request().path()),
          failure.toString(),
          failure);
    }
    error(ctx, error.code(), error.getMessage());
  }

  /**
   * Answers an error. When the request's body has not been read (a write refused before its body, a
   * body on a read), the connection is closed after the answer rather than kept alive with unread
   * bytes in it: what still arrives is dropped unread for at most {@value #LINGER_MS} ms first, so
   * the close does not reset the connection before the client has read the answer.
   */
  static void error(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    LOG.info(
        "[{}] {} {} -> {}: {}",
        RequestLog.id(ctx),
        ctx.request().method(),
        LogSafe.field(ctx.request().path()),
        status,
        LogSafe.field(message));
    boolean bodyUnread = !ctx.request().isEnded();
    if (bodyUnread) {
      ctx.response().putHeader("Connection", "close");
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", status).put("message", message).encode())
        .onComplete(
            done -> {
              if (bodyUnread) {
                closeAfterDroppingTheBody(ctx);
              }
            });
  }

  static final long LINGER_MS = 1000;

  private static void closeAfterDroppingTheBody(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.isEnded()) {
      request.connection().close();
      return;
    }
    long linger = ctx.vertx().setTimer(LINGER_MS, id -> request.connection().close());
    try {
      request
          .handler(dropped -> {})
          .endHandler(
              ended -> {
                ctx.vertx().cancelTimer(linger);
                request.connection().close();
              })
          .resume();
    } catch (IllegalStateException alreadyRead) {
      ctx.vertx().cancelTimer(linger);
      request.connection().close();
    }
  }
}
