package org.dsa110.contimg.calibration;

/**
 * The longest validity window registered, in days. Lookups use it to bound their index range: a
 * window containing MJD x starts no earlier than x minus this. The owner is the only writer, so it
 * knows it exactly; it only ever grows here, which keeps the bound safe (a wider range, never a
 * missed table).
 */
final class LongestWindow {
  private volatile double days;

  LongestWindow(double days) {
    this.days = days;
  }

  double days() {
    return days;
  }

  void widenTo(double windowDays) {
    days = Math.max(days, windowDays);
  }
}
