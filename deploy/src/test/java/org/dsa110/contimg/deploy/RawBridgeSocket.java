package org.dsa110.contimg.deploy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A TCP-bridge client that writes whatever bytes it is told to (frames with any length prefix, half
 * frames, garbage) and collects the frames the hub sends back: what a broken or hostile client
 * does.
 */
final class RawBridgeSocket {
  // Vert.x 5 closes a client that is no longer referenced, and its connections with it
  private final NetClient client;
  private final NetSocket socket;
  final Queue<JsonObject> received = new ConcurrentLinkedQueue<>();
  private Buffer pending = Buffer.buffer();
  private volatile boolean closed;

  private RawBridgeSocket(NetClient client, NetSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.handler(this::read);
    SocketClosed.of(socket).onComplete(v -> closed = true);
  }

  static Future<RawBridgeSocket> connect(Vertx vertx, int port) {
    NetClient client = vertx.createNetClient();
    return client.connect(port, "127.0.0.1").map(socket -> new RawBridgeSocket(client, socket));
  }

  /** A well-framed frame of any text. */
  Future<Void> frame(String json) {
    Buffer body = Buffer.buffer(json);
    return socket.write(Buffer.buffer().appendInt(body.length()).appendBuffer(body));
  }

  Future<Void> raw(Buffer bytes) {
    return socket.write(bytes);
  }

  /**
   * Stops reading, as a client stuck in its own work does; the hub's frames pile up in the network
   * and then in the hub.
   */
  void pause() {
    socket.pause();
  }

  void resume() {
    socket.resume();
  }

  boolean isClosed() {
    return closed;
  }

  Future<Void> close() {
    return socket.close().eventually(client::close);
  }

  private void read(Buffer chunk) {
    pending.appendBuffer(chunk);
    while (pending.length() >= 4 && pending.length() >= 4 + pending.getInt(0)) {
      int length = pending.getInt(0);
      received.add(new JsonObject(pending.getBuffer(4, 4 + length)));
      pending = pending.getBuffer(4 + length, pending.length());
    }
  }
}
