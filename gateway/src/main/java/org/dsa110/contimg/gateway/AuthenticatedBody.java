package org.dsa110.contimg.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The guard of every write: the bearer token first, and only then the body, which must fit
 * {@code http.body_limit_bytes} (a larger Content-Length is a 413 before a byte of it is read) and arrive within
 * {@code http.body_timeout_ms} ({@link BodyDeadline}). Before, bodies were buffered before the token was checked:
 * 1,700 wrong-token connections holding 1 MiB each exhausted the heap of the systemd unit.
 */
final class AuthenticatedBody implements Handler<RoutingContext> {
  private final BearerTokenHandler token;
  private final BodyDeadline deadline;
  private final BodyHandler body;

  AuthenticatedBody(BearerTokenHandler token, BodyDeadline deadline, long bodyLimitBytes) {
    this.token = token;
    this.deadline = deadline;
    this.body = BodyHandler.create().setBodyLimit(bodyLimitBytes).setHandleFileUploads(false);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (token.allows(ctx)) {
      deadline.arm(ctx);
      body.handle(ctx);
    }
  }
}
