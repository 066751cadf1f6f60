package org.dsa110.contimg.common.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A dashboard's view of {@code /eventbus}: a real WebSocket on SockJS's raw websocket transport,
 * speaking the event-bus bridge protocol (register, send, and the rec/err frames coming back).
 */
public final class SockJsClient {
  // Vert.x 5 closes a client that is no longer referenced, and its connections with it
  private static final long PING_MS = 5_000;
  private final WebSocketClient client;
  private final ClientWebSocket socket;
  public final Queue<JsonObject> received = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  private SockJsClient(WebSocketClient client, ClientWebSocket socket) {
    this.client = client;
    this.socket = socket;
    // SockJS's raw websocket transport sends each bridge frame as a binary message
    socket.binaryMessageHandler(bytes -> received.add(new JsonObject(bytes)));
    socket.textMessageHandler(text -> received.add(new JsonObject(text)));
    socket.closeHandler(v -> closed = true);
  }

  /**
   * Connects and, as the official eventbus-bridge client does, pings every 5 s (the bridge drops
   * silent sockets). The handlers are set before the socket connects: set once it had connected,
   * they missed a close the hub made at once (a socket over the cap), and setting one on the closed
   * socket threw.
   */
  public static Future<SockJsClient> connect(Vertx vertx, int port) {
    WebSocketClient client = vertx.createWebSocketClient();
    ClientWebSocket socket = client.webSocket();
    SockJsClient connected = new SockJsClient(client, socket);
    return socket
        .connect(port, "localhost", "/eventbus/websocket")
        .map(
            open -> {
              vertx.setPeriodic(
                  PING_MS,
                  id -> {
                    if (connected.closed) {
                      vertx.cancelTimer(id);
                    } else {
                      socket.writeTextMessage(new JsonObject().put("type", "ping").encode());
                    }
                  });
              return connected;
            });
  }

  public Future<Void> register(String address) {
    return socket.writeTextMessage(
        new JsonObject().put("type", "register").put("address", address).encode());
  }

  public Future<Void> send(String address, JsonObject body, String replyAddress) {
    return send(address, body, replyAddress, new JsonObject());
  }

  public Future<Void> send(
      String address, JsonObject body, String replyAddress, JsonObject headers) {
    return socket.writeTextMessage(
        new JsonObject()
            .put("type", "send")
            .put("address", address)
            .put("body", body)
            .put("replyAddress", replyAddress)
            .put("headers", headers)
            .encode());
  }

  /** Stops reading, as a dashboard in a frozen browser tab would. */
  public void pause() {
    socket.pause();
  }

  public void resume() {
    socket.resume();
  }

  public boolean isClosed() {
    return closed;
  }

  public Future<Void> close() {
    return socket.close().eventually(client::close);
  }
}
