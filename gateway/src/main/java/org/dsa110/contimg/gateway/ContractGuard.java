package org.dsa110.contimg.gateway;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.SecurityRequirement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dsa110.contimg.common.bus.HubException;

/**
 * The contract's {@code security}, query parameters and request bodies, enforced before anything
 * else of a request is read: the bearer token first, then the query's parameters (one the operation
 * does not declare is refused by name), and only then the body, which must fit {@code
 * http.body_limit_bytes} (a larger Content-Length is a 413 before a byte of it is read) and arrive
 * within {@code http.body_timeout_ms} ({@link BodyDeadline}). Bodies once were buffered before the
 * token was checked: 1,700 wrong-token connections holding 1 MiB each exhausted the heap of the
 * systemd unit.
 *
 * <p>An operation whose security is {@code [{bearerAuth: []}]} always needs the token; one that
 * also lists the empty requirement ({@code {}}) needs it when {@code api.reads_require_token} is
 * set; one without security never does. A request under {@code /api/v1/} the contract does not
 * describe is held to the strictest rule, so that a path the router reaches by another spelling (a
 * trailing slash) cannot slip past the token.
 */
final class ContractGuard implements Handler<RoutingContext> {
  private static final Set<HttpMethod> READS =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final String API = "/api/v1/";

  private final OpenAPIContract contract;
  private final BearerTokenHandler token;
  private final BodyDeadline deadline;
  private final BodyHandler body;
  private final boolean readsRequireToken;

  ContractGuard(Vertx vertx, OpenAPIContract contract, GatewaySettings settings) {
    this.contract = contract;
    this.token = new BearerTokenHandler(settings.apiToken());
    this.deadline = new BodyDeadline(vertx, settings.http().bodyTimeoutMs());
    this.body =
        BodyHandler.create().setBodyLimit(settings.bodyLimitBytes()).setHandleFileUploads(false);
    this.readsRequireToken = settings.readsRequireToken();
  }

  @Override
  public void handle(RoutingContext ctx) {
    Operation operation = contract.findOperation(ctx.request().path(), ctx.request().method());
    if (needsToken(ctx, operation) && !token.allows(ctx)) {
      return;
    }
    Optional<String> undeclared = operation == null ? Optional.empty() : undeclared(ctx, operation);
    if (undeclared.isPresent()) {
      List<String> declared = queryParameters(operation);
      ApiReplies.error(
          ctx,
          HubException.badRequest(
              undeclared.get(),
              declared.isEmpty()
                  ? "this operation takes no query parameters"
                  : "not a parameter of this operation, which takes "
                      + String.join(", ", declared)));
      return;
    }
    // a write's body is read (bounded, timed) even where the operation takes none, so that it can
    // be refused whole
    if (operation != null
        && (operation.getRequestBody() != null || !READS.contains(ctx.request().method()))) {
      deadline.arm(ctx);
      body.handle(ctx);
    } else {
      ctx.next();
    }
  }

  /**
   * A query parameter the operation does not declare: refused by name, since the validator ignores
   * it and an owner would refuse it under a name the caller never wrote.
   */
  private static Optional<String> undeclared(RoutingContext ctx, Operation operation) {
    List<String> declared = queryParameters(operation);
    return ctx.queryParams().names().stream()
        .filter(name -> !declared.contains(name))
        .sorted()
        .findFirst();
  }

  private static List<String> queryParameters(Operation operation) {
    return operation.getParameters().stream()
        .filter(parameter -> parameter.getIn() == Location.QUERY)
        .map(Parameter::getName)
        .toList();
  }

  private boolean needsToken(RoutingContext ctx, Operation operation) {
    if (operation == null) {
      return ctx.request().path().startsWith(API)
          && (readsRequireToken || !READS.contains(ctx.request().method()));
    }
    List<SecurityRequirement> requirements = operation.getSecurityRequirements();
    if (requirements == null || requirements.isEmpty()) {
      return false;
    }
    return requirements.stream().noneMatch(SecurityRequirement::isEmpty) || readsRequireToken;
  }
}
