package org.dsa110.contimg.common.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A dashboard's view of {@code /eventbus}: a real WebSocket on SockJS's raw websocket transport, speaking the
 * event-bus bridge protocol (register, send, and the rec/err frames coming back).
 */
public final class SockJsClient {
  // Vert.x 5 closes a client that is no longer referenced, and its connections with it
  private final WebSocketClient client;
  private final WebSocket socket;
  public final Queue<JsonObject> received = new ConcurrentLinkedQueue<>();

  private SockJsClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    // SockJS's raw websocket transport sends each bridge frame as a binary message
    socket.binaryMessageHandler(bytes -> received.add(new JsonObject(bytes)));
    socket.textMessageHandler(text -> received.add(new JsonObject(text)));
  }

  public static Future<SockJsClient> connect(Vertx vertx, int port) {
    WebSocketClient client = vertx.createWebSocketClient();
    return client.connect(port, "localhost", "/eventbus/websocket").map(socket -> new SockJsClient(client, socket));
  }

  public Future<Void> register(String address) {
    return socket.writeTextMessage(new JsonObject().put("type", "register").put("address", address).encode());
  }

  public Future<Void> send(String address, JsonObject body, String replyAddress) {
    return socket.writeTextMessage(new JsonObject().put("type", "send").put("address", address).put("body", body)
        .put("replyAddress", replyAddress).encode());
  }

  public Future<Void> close() {
    return socket.close().eventually(client::close);
  }
}
