package org.dsa110.contimg.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands the contract's validator a request as the client meant it. The stock extractor URL-decodes
 * query values a second time (a source id {@code J1234+5678} became {@code J1234 5678}) and reads a
 * string parameter that looks like a number as a number ({@code ra=187.5} failed {@code type:
 * string}); here every value is decoded once, a string stays a string, and a boolean also takes the
 * {@code 1} and {@code 0} a Python service writing SQLite values sends.
 */
final class ContractRequests implements RequestExtractor {

  private record Request(
      Map<String, RequestParameter> getPathParameters,
      Map<String, RequestParameter> getQuery,
      RequestParameter getBody,
      String getContentType)
      implements ValidatableRequest {
    @Override
    public Map<String, RequestParameter> getCookies() {
      return Map.of();
    }

    @Override
    public Map<String, RequestParameter> getHeaders() {
      return Map.of();
    }
  }

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(
      RoutingContext ctx, Operation operation) {
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    for (Parameter parameter : operation.getParameters()) {
      switch (parameter.getIn()) {
        case PATH ->
            path.put(parameter.getName(), value(parameter, ctx.pathParam(parameter.getName())));
        case QUERY ->
            query.put(
                parameter.getName(), value(parameter, ctx.queryParams().get(parameter.getName())));
        default -> {
          // the contract declares no header or cookie parameters: the token is checked by
          // ContractGuard
        }
      }
    }
    Buffer body =
        operation.getRequestBody() == null || ctx.body() == null ? null : ctx.body().buffer();
    return Future.succeededFuture(new Request(path, query, () -> body, contentType(ctx, body)));
  }

  /**
   * JSON is the only body the API takes: a client that sends one without saying so is not refused
   * for that.
   */
  private static String contentType(RoutingContext ctx, Buffer body) {
    String declared = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    return declared == null && body != null && body.length() > 0 ? "application/json" : declared;
  }

  private static RequestParameter value(Parameter parameter, String raw) {
    String literal = raw == null ? null : literal(parameter, raw);
    return () -> literal;
  }

  /** The raw text in the form the validator's transformer reads as the parameter's type. */
  static String literal(Parameter parameter, String raw) {
    return switch (parameter.getSchemaType()) {
      case STRING -> Json.encode(raw);
      case BOOLEAN -> raw.equals("1") ? "true" : raw.equals("0") ? "false" : raw;
      default -> raw;
    };
  }
}
