package org.dsa110.contimg.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Lets a request through only with {@code Authorization: Bearer <api.token>}, compared in constant
 * time: every write (see {@link ContractGuard}), and every read when reads require the token.
 */
final class BearerTokenHandler implements Handler<RoutingContext> {
  private static final String PREFIX = "Bearer ";
  private final Optional<String> expected;

  BearerTokenHandler(Optional<String> token) {
    this.expected = token;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (allows(ctx)) {
      ctx.next();
    }
  }

  /** True when the request carries the token; otherwise it has been answered 401 or 403. */
  boolean allows(RoutingContext ctx) {
    if (expected.isEmpty()) {
      ApiReplies.error(
          ctx, 401, "writes are disabled: the server has no API token (set CONTIMG_API_TOKEN)");
      return false;
    }
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.startsWith(PREFIX)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ApiReplies.error(
          ctx,
          401,
          "Authorization: Bearer <token> is required for "
              + ctx.request().method()
              + " "
              + ctx.request().path());
      return false;
    }
    if (!Tokens.matches(header.substring(PREFIX.length()), expected.get())) {
      ApiReplies.error(ctx, 403, "the bearer token is not valid");
      return false;
    }
    return true;
  }
}
