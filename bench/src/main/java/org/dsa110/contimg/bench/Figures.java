package org.dsa110.contimg.bench;

import java.util.Arrays;

/** What one measured operation did: how many, how fast, and its latency percentiles. */
record Figures(
    String operation, long count, double perSecond, double p50Ms, double p99Ms, String unit) {

  static Figures of(String operation, long[] latencyNanos, double elapsedSeconds, String unit) {
    long[] sorted = latencyNanos.clone();
    Arrays.sort(sorted);
    return new Figures(
        operation,
        sorted.length,
        sorted.length / elapsedSeconds,
        percentile(sorted, 0.50) / 1e6,
        percentile(sorted, 0.99) / 1e6,
        unit);
  }

  /** A throughput figure without per-request latencies (bulk operations). */
  static Figures rate(String operation, long count, double elapsedSeconds, String unit) {
    return new Figures(operation, count, count / elapsedSeconds, Double.NaN, Double.NaN, unit);
  }

  private static double percentile(long[] sorted, double q) {
    return sorted.length == 0
        ? Double.NaN
        : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }
}
