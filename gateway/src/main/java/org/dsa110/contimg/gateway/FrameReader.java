package org.dsa110.contimg.gateway;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * The TCP bridge's framing read under limits: a 4-byte big-endian length, then that many bytes of
 * JSON. The length is judged before a byte of the frame is buffered (Vert.x's own bridge buffered
 * whatever length was declared), and reading can be paused for any number of reasons (a frame
 * waiting for room in the {@link FrameBudget}, a client that does not read its replies, too many
 * requests in flight); while paused, nothing more is read from the socket, so TCP pushes back on
 * the sender. Runs on the socket's event loop only.
 */
final class FrameReader implements Handler<Buffer> {
  /** What the connection makes of a declared length. */
  enum Decision {
    READ,
    WAIT,
    STOP
  }

  interface Frames {
    /**
     * A frame of {@code length} bytes is announced: read it, wait (pause "budget" and resume it
     * later), or stop reading.
     */
    Decision announced(int length);

    /** A whole frame has arrived. */
    void frame(Buffer bytes);
  }

  static final String BUDGET = "budget";

  private final NetSocket socket;
  private final Frames frames;
  private final Set<String> pausedFor = new HashSet<>();
  private Buffer header = Buffer.buffer(4);
  private Buffer body;
  private int expected = -1;
  private Buffer input;
  private int position;
  private boolean stopped;

  FrameReader(NetSocket socket, Frames frames) {
    this.socket = socket;
    this.frames = frames;
  }

  @Override
  public void handle(Buffer chunk) {
    if (stopped) {
      return;
    }
    input = input == null ? chunk : input.getBuffer(position, input.length()).appendBuffer(chunk);
    position = 0;
    process();
  }

  /**
   * Stops reading from the socket until every reason given here has been lifted with {@link
   * #resume}.
   */
  void pause(String reason) {
    if (pausedFor.add(reason) && pausedFor.size() == 1) {
      socket.pause();
    }
  }

  void resume(String reason) {
    if (pausedFor.remove(reason) && pausedFor.isEmpty() && !stopped) {
      socket.resume();
      process();
    }
  }

  boolean pausedFor(String reason) {
    return pausedFor.contains(reason);
  }

  /** Bytes of the frame being read so far (0 between frames). */
  int partialFrameBytes() {
    return body == null ? 0 : body.length();
  }

  void stop() {
    stopped = true;
    input = null;
    body = null;
  }

  private void process() {
    while (!stopped && pausedFor.isEmpty() && input != null && position < input.length()) {
      int available = input.length() - position;
      if (expected < 0) {
        int take = Math.min(4 - header.length(), available);
        header.appendBuffer(input, position, take);
        position += take;
        if (header.length() == 4) {
          int length = header.getInt(0);
          header = Buffer.buffer(4);
          Decision decision = frames.announced(length);
          if (decision == Decision.STOP) {
            stop();
            return;
          }
          expected = length;
          body = Buffer.buffer(Math.min(length, 64 * 1024));
          if (decision == Decision.WAIT) {
            pause(BUDGET);
          }
        }
      } else {
        int take = Math.min(expected - body.length(), available);
        body.appendBuffer(input, position, take);
        position += take;
      }
      if (expected >= 0 && body.length() == expected) {
        Buffer frame = body;
        body = null;
        expected = -1;
        frames.frame(frame);
      }
    }
    if (input != null && position >= input.length()) {
      input = null;
      position = 0;
    }
  }
}
