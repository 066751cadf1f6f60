package org.dsa110.contimg.gateway;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The router's own failures in the API's error contract ({@code {"error": code, "message": ...}}),
 * on every router: a sub-router does not inherit its parent's error handlers, and a failure without
 * one was an ERROR with a stack trace (a client that closed its connection mid-body, for one).
 */
final class ErrorReplies {
  private ErrorReplies() {}

  static void install(Router router, GatewaySettings settings) {
    router.errorHandler(
        400,
        ctx -> {
          String refusal = ContractErrors.describe(ctx);
          ApiReplies.error(ctx, 400, refusal != null ? refusal : "bad request: " + reason(ctx));
        });
    router.errorHandler(
        404, ctx -> ApiReplies.error(ctx, 404, "no such resource: " + ctx.request().path()));
    router.errorHandler(
        405,
        ctx ->
            ApiReplies.error(
                ctx, 405, ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(
        413,
        ctx ->
            ApiReplies.error(
                ctx, 413, "request body is larger than " + settings.bodyLimitBytes() + " bytes"));
    router.errorHandler(415, ctx -> ApiReplies.error(ctx, 415, "unsupported media type"));
    router.errorHandler(
        417, ctx -> ApiReplies.error(ctx, 417, "only Expect: 100-continue is understood"));
    router.errorHandler(
        500,
        ctx ->
            ApiReplies.error(
                ctx,
                ctx.failure() == null
                    ? new IllegalStateException("unknown failure")
                    : ctx.failure()));
  }

  private static String reason(RoutingContext ctx) {
    return ctx.failure() == null || ctx.failure().getMessage() == null
        ? "the request could not be read"
        : ctx.failure().getMessage();
  }
}
