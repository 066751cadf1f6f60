package org.dsa110.contimg.deploy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * When a client socket is closed, however early. A close handler set in the callback that receives
 * a new socket misses a close the hub makes at once (a refusal at the cap) whenever Vert.x runs
 * that callback after the close event: one full-suite run waited 5 s for such a refusal it had
 * missed. The channel's own close future remembers.
 */
final class SocketClosed {
  private SocketClosed() {}

  static Future<Void> of(NetSocket socket) {
    Promise<Void> closed = Promise.promise();
    ((NetSocketInternal) socket)
        .channelHandlerContext()
        .channel()
        .closeFuture()
        .addListener(done -> closed.tryComplete());
    return closed.future();
  }
}
