package org.dsa110.contimg.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.dsa110.contimg.common.bus.BusReplies;
import org.dsa110.contimg.common.bus.HubException;

import java.util.Map;
import java.util.function.Function;

/**
 * Asks owners on the bus on behalf of HTTP requests, never waiting longer than the request timeout: an
 * owner that is down or slow becomes a 503, not a hung dashboard.
 */
final class OwnerClient {
  private static final String RENAMED = "renamed_parameters";
  private final Vertx vertx;
  private final DeliveryOptions delivery;

  OwnerClient(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.delivery = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  Future<JsonObject> request(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body, delivery).map(Message::body);
  }

  /** A request on behalf of an HTTP request: the owner's log lines carry the same request id. */
  Future<JsonObject> request(RoutingContext ctx, String address, JsonObject body) {
    DeliveryOptions traced = new DeliveryOptions(delivery).addHeader(RequestLog.KEY, RequestLog.id(ctx));
    return vertx.eventBus().<JsonObject>request(address, body, traced).map(Message::body);
  }

  /** A route handler that builds the request from the HTTP request and answers with the owner's reply. */
  Handler<RoutingContext> forward(String address, Function<RoutingContext, JsonObject> toBody) {
    return ctx -> ask(ctx, address, toBody, reply -> ApiReplies.ok(ctx, reply));
  }

  /**
   * Like {@link #forward}, for a list: {@code ?format=csv} answers with the reply's {@code rowsField} as CSV
   * instead of JSON.
   */
  Handler<RoutingContext> forwardTable(String address, Function<RoutingContext, JsonObject> toBody, String rowsField) {
    return ctx -> {
      String format = ctx.queryParams().get("format");
      if (format != null && !format.equals("json") && !format.equals("csv")) {
        ApiReplies.error(ctx, HubException.badRequest("format", "must be json or csv, got '" + format + "'"));
        return;
      }
      Function<RoutingContext, JsonObject> withoutFormat = toBody.andThen(body -> {
        body.remove("format");
        return body;
      });
      ask(ctx, address, withoutFormat, reply -> {
        if ("csv".equals(format)) {
          ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8").end(CsvTable.render(reply.getJsonArray(rowsField)));
        } else {
          ApiReplies.ok(ctx, reply);
        }
      });
    };
  }

  /** Builds the request (a bad one is answered at once), asks the owner, and hands over its reply. */
  private void ask(RoutingContext ctx, String address, Function<RoutingContext, JsonObject> toBody, Handler<JsonObject> answer) {
    JsonObject body;
    try {
      body = toBody.apply(ctx);
    } catch (RuntimeException e) {
      ApiReplies.error(ctx, e);
      return;
    }
    request(ctx, address, body).onSuccess(answer).onFailure(failure -> ApiReplies.error(ctx, inHttpTerms(ctx, failure)));
  }

  /** An owner names the fields it knows; a caller who sent ?dec= should read "dec:", not "dec_deg:". */
  private static Throwable inHttpTerms(RoutingContext ctx, Throwable failure) {
    Map<String, String> renamed = ctx.get(RENAMED);
    HubException error = BusReplies.toHubException(failure);
    if (renamed == null || error.code() != HubException.BAD_REQUEST) {
      return failure;
    }
    for (Map.Entry<String, String> name : renamed.entrySet()) {
      if (error.getMessage().startsWith(name.getValue() + ":")) {
        return new HubException(error.code(), name.getKey() + error.getMessage().substring(name.getValue().length()));
      }
    }
    return failure;
  }

  /** The query string as a request body; the owner validates each parameter and refuses unknown ones. */
  static JsonObject queryParameters(RoutingContext ctx) {
    return queryParameters(ctx, Map.of());
  }

  /** The query string as a request body, with some parameters given the names the owner knows them by. */
  static JsonObject queryParameters(RoutingContext ctx, Map<String, String> renamed) {
    ctx.put(RENAMED, renamed);
    JsonObject body = new JsonObject();
    ctx.queryParams().forEach(entry -> body.put(renamed.getOrDefault(entry.getKey(), entry.getKey()), entry.getValue()));
    return body;
  }

  /** The request body as a JSON object; anything else is a 400 that says where the JSON went wrong. */
  static JsonObject jsonBody(RoutingContext ctx) {
    Buffer raw = ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      throw HubException.badRequest("body", "a JSON object is required");
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(raw);
    } catch (DecodeException e) {
      throw HubException.badRequest("body", "not valid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof JsonObject object)) {
      throw HubException.badRequest("body", "must be a JSON object");
    }
    return object;
  }
}
