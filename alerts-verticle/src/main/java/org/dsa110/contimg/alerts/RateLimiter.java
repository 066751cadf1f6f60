package org.dsa110.contimg.alerts;

import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * At most {@code limit} alerts per window for each channel, whatever their type; the ones over it
 * are held back, and when the window that held the first of them ends they are handed over together
 * for one summary, so a storm of any size is at most limit + 1 messages per channel and window.
 */
final class RateLimiter {
  private final Vertx vertx;
  private final int limit;
  private final long windowMs;
  private final BiConsumer<Alert, List<Alert>> summarise;
  private final Map<String, Deque<Long>> sent = new HashMap<>();
  private final Map<String, List<Alert>> held = new HashMap<>();

  RateLimiter(
      Vertx vertx, int limit, double windowSeconds, BiConsumer<Alert, List<Alert>> summarise) {
    this.vertx = vertx;
    this.limit = limit;
    this.windowMs = (long) (windowSeconds * 1000);
    this.summarise = summarise;
  }

  /** True when the alert may go now; false when it is held for the summary. */
  boolean admit(Alert alert) {
    String key = alert.channel();
    long now = System.currentTimeMillis();
    Deque<Long> times = sent.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (!times.isEmpty() && times.peekFirst() <= now - windowMs) {
      times.pollFirst();
    }
    if (times.size() < limit) {
      times.addLast(now);
      return true;
    }
    List<Alert> waiting = held.computeIfAbsent(key, k -> new ArrayList<>());
    if (waiting.isEmpty()) {
      long windowEnds = times.peekFirst() + windowMs - now;
      vertx.setTimer(
          Math.max(1, windowEnds),
          id -> {
            List<Alert> summarised = held.remove(key);
            summarise.accept(summarised.get(0), summarised);
          });
    }
    waiting.add(alert);
    return false;
  }
}
