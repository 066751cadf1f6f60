package org.dsa110.contimg.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.dsa110.contimg.common.bus.BusReplies;
import org.dsa110.contimg.common.bus.HubException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes API answers: the owner's JSON on success, {@code {"error": code, "message": ...}} on failure. */
final class ApiReplies {
  private static final Logger LOG = LoggerFactory.getLogger(ApiReplies.class);

  private ApiReplies() {
  }

  static void ok(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }

  static void error(RoutingContext ctx, Throwable failure) {
    HubException error = BusReplies.toHubException(failure);
    if (error.code() >= HubException.INTERNAL && error.code() != HubException.UNAVAILABLE) {
      LOG.error("[{}] {} {} failed: {}", RequestLog.id(ctx), ctx.request().method(), ctx.request().path(), failure.toString(), failure);
    }
    error(ctx, error.code(), error.getMessage());
  }

  static void error(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended()) {
      return;
    }
    LOG.info("[{}] {} {} -> {}: {}", RequestLog.id(ctx), ctx.request().method(), ctx.request().path(), status, message);
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", status).put("message", message).encode());
  }
}
