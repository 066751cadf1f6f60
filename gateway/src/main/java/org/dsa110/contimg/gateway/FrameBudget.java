package org.dsa110.contimg.gateway;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bytes the TCP bridge may hold at once for frames from connections that have not yet shown the
 * token, across all of them ({@code bridge.unauthenticated_buffer_bytes}). A frame must be read
 * whole before its token can be looked at, so without this bound every anonymous socket could make
 * the hub hold one maximal frame: an audit took the process from 119 MiB to 3.7 GiB with one socket
 * that declared a 2 GiB frame. A connection whose frame does not fit waits, unread (TCP pushes back
 * on its sender), until earlier frames are done; waiters are served in order. Runs on the bridge's
 * event loop only.
 */
final class FrameBudget {
  private record Waiter(long bytes, Runnable granted) {}

  private final long capacity;
  private final Deque<Waiter> waiting = new ArrayDeque<>();
  private long used;

  FrameBudget(long capacity) {
    this.capacity = capacity;
  }

  /**
   * Reserves the bytes now, or queues {@code granted} to run once they are reserved; true when
   * reserved now.
   */
  boolean reserve(long bytes, Runnable granted) {
    if (waiting.isEmpty() && used + bytes <= capacity) {
      used += bytes;
      return true;
    }
    waiting.add(new Waiter(bytes, granted));
    return false;
  }

  /** Gives back reserved bytes. */
  void release(long bytes) {
    used -= bytes;
    serveWaiters();
  }

  /** Withdraws a waiter whose connection closed before its turn. */
  void withdraw(Runnable granted) {
    waiting.removeIf(waiter -> waiter.granted() == granted);
    serveWaiters();
  }

  long used() {
    return used;
  }

  private void serveWaiters() {
    while (!waiting.isEmpty() && used + waiting.peek().bytes() <= capacity) {
      Waiter next = waiting.poll();
      used += next.bytes();
      next.granted().run();
    }
  }
}
