package org.dsa110.contimg.common.bridge;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A client of the TCP event-bus bridge speaking its wire format (4-byte big-endian length, then a
 * JSON frame), as a pipeline service in another language would. Replies are matched by reply
 * address.
 */
public final class BridgeClient {
  // Vert.x 5 closes a client that is no longer referenced, and its connections with it
  private final NetClient client;
  private final NetSocket socket;
  private final String token;
  private final Map<String, Promise<JsonObject>> pending = new ConcurrentHashMap<>();

  /** Every frame that was neither a reply nor a pong: events and error frames. */
  public final Queue<JsonObject> received = new ConcurrentLinkedQueue<>();

  private volatile boolean closed;

  private BridgeClient(NetClient client, NetSocket socket, String token) {
    this.client = client;
    this.socket = socket;
    this.token = token;
    RecordParser parser = RecordParser.newFixed(4);
    parser.handler(new FrameReader(parser));
    socket.handler(parser);
    socket.closeHandler(
        v -> {
          closed = true;
          pending.values().forEach(p -> p.tryFail("connection closed"));
        });
  }

  public static Future<BridgeClient> connect(Vertx vertx, int port, String token) {
    NetClient client = vertx.createNetClient();
    return client.connect(port, "127.0.0.1").map(socket -> new BridgeClient(client, socket, token));
  }

  public boolean isClosed() {
    return closed;
  }

  /** Sends and waits for the reply: the body on success, the error frame (type err) on failure. */
  public Future<JsonObject> request(String address, JsonObject body) {
    String replyAddress = UUID.randomUUID().toString();
    Promise<JsonObject> reply = Promise.promise();
    pending.put(replyAddress, reply);
    write(frame("send", address, body).put("replyAddress", replyAddress));
    return reply.future();
  }

  public void publish(String address, JsonObject body) {
    write(frame("publish", address, body));
  }

  public void register(String address) {
    write(frame("register", address, null));
  }

  public Future<Void> close() {
    return socket.close().eventually(client::close);
  }

  private JsonObject frame(String type, String address, JsonObject body) {
    JsonObject frame = new JsonObject().put("type", type).put("address", address);
    if (body != null) {
      frame.put("body", body);
    }
    if (token != null) {
      frame.put("headers", new JsonObject().put("token", token));
    }
    return frame;
  }

  private void write(JsonObject frame) {
    Buffer json = frame.toBuffer();
    socket.write(Buffer.buffer().appendInt(json.length()).appendBuffer(json));
  }

  private final class FrameReader implements io.vertx.core.Handler<Buffer> {
    private final RecordParser parser;
    private int expected = -1;

    FrameReader(RecordParser parser) {
      this.parser = parser;
    }

    @Override
    public void handle(Buffer chunk) {
      if (expected < 0) {
        expected = chunk.getInt(0);
        parser.fixedSizeMode(expected);
        return;
      }
      expected = -1;
      parser.fixedSizeMode(4);
      dispatch(new JsonObject(chunk));
    }
  }

  private void dispatch(JsonObject frame) {
    Promise<JsonObject> reply =
        frame.getString("address") == null ? null : pending.remove(frame.getString("address"));
    if (reply == null) {
      received.add(frame);
      return;
    }
    if ("err".equals(frame.getString("type"))) {
      reply.complete(frame);
    } else {
      reply.complete(frame.getJsonObject("body", new JsonObject()));
    }
  }
}
