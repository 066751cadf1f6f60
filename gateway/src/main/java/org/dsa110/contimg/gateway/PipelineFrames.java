package org.dsa110.contimg.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.dsa110.contimg.common.bus.BusReplies;
import org.dsa110.contimg.common.bus.HubException;

/**
 * The frames the TCP bridge sends, in the wire format of Vert.x's TCP event-bus bridge (which
 * clients such as {@code contimg_hub} speak): a 4-byte big-endian length, then {@code message},
 * {@code err} or {@code pong} JSON.
 */
final class PipelineFrames {
  /**
   * The message Vert.x's bridge gave a frame its event hook refused; clients read it as a token
   * refusal (401).
   */
  static final String TOKEN_REFUSED = "blocked by bridgeEvent handler";

  private PipelineFrames() {}

  static Buffer pong() {
    return framed(new JsonObject().put("type", "pong"));
  }

  /** The bridge's own refusal of a frame: no address, the reason as the message. */
  static Buffer refusal(String reason) {
    return framed(new JsonObject().put("type", "err").put("message", reason));
  }

  /** An owner's reply to a request, at the client's reply address. */
  static Buffer reply(String replyAddress, Message<Object> reply) {
    return framed(
        new JsonObject()
            .put("type", "message")
            .put("address", replyAddress)
            .put("headers", headers(reply))
            .put("body", reply.body())
            .put("send", true));
  }

  /**
   * A failed request, at the client's reply address: the owner's code and message (400, 404, 409,
   * 503...).
   */
  static Buffer failure(String replyAddress, String address, Throwable cause) {
    String type =
        cause instanceof ReplyException reply ? reply.failureType().name() : "RECIPIENT_FAILURE";
    HubException error = BusReplies.toHubException(cause);
    int code = cause instanceof ReplyException reply ? reply.failureCode() : error.code();
    return failure(
        replyAddress,
        address,
        code,
        type,
        cause instanceof ReplyException ? cause.getMessage() : error.getMessage());
  }

  static Buffer failure(
      String replyAddress, String address, int code, String type, String message) {
    return framed(
        new JsonObject()
            .put("type", "err")
            .put("address", replyAddress)
            .put("sourceAddress", address)
            .put("failureCode", code)
            .put("failureType", type)
            .put("message", message));
  }

  /** An event for a subscriber. */
  static Buffer event(Message<Object> event) {
    return framed(
        new JsonObject()
            .put("type", "message")
            .put("address", event.address())
            .put("headers", headers(event))
            .put("body", event.body())
            .put("send", event.isSend()));
  }

  private static JsonObject headers(Message<Object> message) {
    JsonObject headers = new JsonObject();
    for (Map.Entry<String, String> header : message.headers()) {
      headers.put(header.getKey(), header.getValue());
    }
    return headers;
  }

  private static Buffer framed(JsonObject frame) {
    Buffer json = frame.toBuffer();
    return Buffer.buffer(4 + json.length()).appendInt(json.length()).appendBuffer(json);
  }
}
