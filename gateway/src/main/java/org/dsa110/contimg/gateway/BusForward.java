package org.dsa110.contimg.gateway;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.dsa110.contimg.common.bus.BusReplies;
import org.dsa110.contimg.common.bus.HubException;

/**
 * One operation of the contract, answered by its owner: the validated path and query parameters
 * (under the names the owner knows them by, {@code x-bus-fields}) and the body become the request
 * to {@code x-bus-address}, and the owner's reply is the answer, as CSV when a list ({@code
 * x-rows}) is asked for {@code ?format=csv}.
 */
final class BusForward implements Handler<RoutingContext> {
  static final String FORMAT = "format";

  private final String address;
  private final Map<String, String> busFields;
  private final Optional<String> rows;
  private final OwnerClient owners;
  private final Function<RoutingContext, JsonObject> gatewayFields;
  private final boolean takesBody;

  private BusForward(
      Operation operation, OwnerClient owners, Function<RoutingContext, JsonObject> gatewayFields) {
    this.address =
        ApiContract.busAddress(operation)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        operation.getOperationId() + " has no " + ApiContract.BUS_ADDRESS));
    this.busFields = ApiContract.busFields(operation);
    this.rows = ApiContract.rows(operation);
    this.owners = owners;
    this.gatewayFields = gatewayFields;
    this.takesBody = operation.getRequestBody() != null;
  }

  static BusForward of(Operation operation, OwnerClient owners) {
    return new BusForward(operation, owners, ctx -> new JsonObject());
  }

  /** An operation some of whose fields the gateway supplies itself (who asked, for one). */
  static BusForward withGatewayFields(
      Operation operation, OwnerClient owners, Function<RoutingContext, JsonObject> fields) {
    return new BusForward(operation, owners, fields);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!takesBody && carriesFields(ctx)) {
      ApiReplies.error(ctx, HubException.badRequest("body", "this operation takes no body"));
      return;
    }
    ValidatedRequest validated = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    boolean csv = "csv".equals(value(validated.getQuery().get(FORMAT)));
    owners
        .request(ctx, address, request(ctx, validated))
        .onSuccess(reply -> answer(ctx, reply, csv))
        .onFailure(failure -> ApiReplies.error(ctx, inHttpTerms(failure)));
  }

  /**
   * A body other than nothing or {@code {}} (which clients send on a bodiless POST, and which says
   * nothing).
   */
  private static boolean carriesFields(RoutingContext ctx) {
    Buffer raw = ctx.body() == null ? null : ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      return false;
    }
    try {
      return !(Json.decodeValue(raw) instanceof JsonObject object && object.isEmpty());
    } catch (DecodeException notJson) {
      return true;
    }
  }

  private JsonObject request(RoutingContext ctx, ValidatedRequest validated) {
    JsonObject request =
        validated.getBody() != null && validated.getBody().get() instanceof JsonObject body
            ? body.copy()
            : new JsonObject();
    validated
        .getQuery()
        .forEach(
            (name, value) -> {
              if (!name.equals(FORMAT) && value(value) != null) {
                request.put(busFields.getOrDefault(name, name), value(value));
              }
            });
    validated
        .getPathParameters()
        .forEach((name, value) -> request.put(busFields.getOrDefault(name, name), value(value)));
    return request.mergeIn(gatewayFields.apply(ctx));
  }

  private static Object value(RequestParameter parameter) {
    return parameter == null ? null : parameter.get();
  }

  private void answer(RoutingContext ctx, JsonObject reply, boolean csv) {
    if (csv && rows.isPresent()) {
      ctx.response()
          .putHeader("Content-Type", "text/csv; charset=utf-8")
          .end(CsvTable.render(reply.getJsonArray(rows.get())));
    } else {
      ApiReplies.ok(ctx, reply);
    }
  }

  /**
   * An owner names the fields it knows; a caller who sent {@code ?dec=} should read "dec:", not
   * "dec_deg:".
   */
  private Throwable inHttpTerms(Throwable failure) {
    HubException error = BusReplies.toHubException(failure);
    if (error.code() != HubException.BAD_REQUEST) {
      return failure;
    }
    for (Map.Entry<String, String> name : busFields.entrySet()) {
      if (error.getMessage().startsWith(name.getValue() + ":")) {
        return new HubException(
            error.code(), name.getKey() + error.getMessage().substring(name.getValue().length()));
      }
    }
    return failure;
  }
}
