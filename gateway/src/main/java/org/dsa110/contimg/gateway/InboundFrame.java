package org.dsa110.contimg.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A frame from a bridge client (TCP or SockJS: the same JSON), checked field by field before
 * anything acts on it, so that every malformed frame gets an answer naming what is wrong instead of
 * an exception in the bridge (which killed the connection, or left the frame unanswered, with an
 * ERROR and a stack trace per frame).
 *
 * @param type send, publish, register, unregister or ping
 * @param address the bus address (null only for a ping)
 * @param replyAddress where the client wants the reply of a send (null: no reply)
 * @param headers the client's string headers, without {@code token} and {@code timeout}
 * @param token {@code headers.token}, or null
 * @param timeoutMs {@code headers.timeout}, or null
 * @param body any JSON value, or null
 */
record InboundFrame(
    String type,
    String address,
    String replyAddress,
    Map<String, String> headers,
    String token,
    Long timeoutMs,
    Object body) {
  static final Set<String> TYPES = Set.of("send", "publish", "register", "unregister", "ping");
  static final int MAX_ADDRESS_CHARS = 256;
  static final long MAX_TIMEOUT_MS = 600_000;

  static InboundFrame parse(Buffer bytes) throws BridgeRefusal {
    Object parsed;
    try {
      parsed = Json.decodeValue(bytes);
    } catch (DecodeException | IllegalStateException e) {
      throw BridgeRefusal.violation("invalid_json");
    }
    if (!(parsed instanceof JsonObject frame)) {
      throw BridgeRefusal.violation("invalid_json");
    }
    return of(frame);
  }

  static InboundFrame of(JsonObject frame) throws BridgeRefusal {
    Object type = frame.getValue("type");
    if (!(type instanceof String kind)) {
      throw BridgeRefusal.violation("missing_type");
    }
    if (!TYPES.contains(kind)) {
      throw BridgeRefusal.violation("unknown_type");
    }
    if (kind.equals("ping")) {
      return new InboundFrame(kind, null, null, Map.of(), null, null, null);
    }
    Object address = frame.getValue("address");
    if (!(address instanceof String name) || name.isEmpty() || name.length() > MAX_ADDRESS_CHARS) {
      throw BridgeRefusal.violation("missing_address");
    }
    Object reply = frame.getValue("replyAddress");
    if (reply != null
        && (!(reply instanceof String replyTo)
            || replyTo.isEmpty()
            || replyTo.length() > MAX_ADDRESS_CHARS)) {
      throw BridgeRefusal.violation("invalid_reply_address");
    }
    Object headers = frame.getValue("headers");
    if (headers != null && !(headers instanceof JsonObject)) {
      throw BridgeRefusal.violation("invalid_headers");
    }
    Map<String, String> strings = new LinkedHashMap<>();
    String token = null;
    Long timeout = null;
    if (headers instanceof JsonObject given) {
      for (Map.Entry<String, Object> header : given) {
        Object value = header.getValue();
        switch (header.getKey()) {
          case "token" -> token = text(value);
          case "timeout" -> timeout = timeout(value);
          default -> strings.put(header.getKey(), text(value));
        }
      }
    }
    return new InboundFrame(
        kind, name, (String) reply, strings, token, timeout, frame.getValue("body"));
  }

  private static String text(Object value) throws BridgeRefusal {
    if (!(value instanceof String text)) {
      throw BridgeRefusal.violation("invalid_headers");
    }
    return text;
  }

  private static long timeout(Object value) throws BridgeRefusal {
    if (!(value instanceof Integer || value instanceof Long)
        || ((Number) value).longValue() < 1
        || ((Number) value).longValue() > MAX_TIMEOUT_MS) {
      throw BridgeRefusal.violation("invalid_headers");
    }
    return ((Number) value).longValue();
  }
}
