package org.dsa110.contimg.common.bus;

/** The seed stores times as Unix seconds in REAL columns; this is "now" in that form. */
public final class UnixTime {
  private UnixTime() {
  }

  public static double now() {
    return System.currentTimeMillis() / 1000.0;
  }
}
