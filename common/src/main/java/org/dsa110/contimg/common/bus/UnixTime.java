package org.dsa110.contimg.common.bus;

/**
 * The seed stores times as Unix seconds in REAL columns; this is "now" in that form, and the range
 * a field may name.
 */
public final class UnixTime {
  /**
   * The last instant of the MJD range {@link Mjd} accepts (year 2132): later is a unit mistake or
   * garbage, like 1e308.
   */
  public static final double MAX = Mjd.toUnixSeconds(100_000);

  private UnixTime() {}

  public static double now() {
    return System.currentTimeMillis() / 1000.0;
  }

  /** A required time in Unix seconds, from 0 to {@link #MAX}; a 400 naming the field otherwise. */
  public static double required(Fields fields, String field) {
    double seconds =
        fields
            .optionalNonNegative(field)
            .orElseThrow(() -> HubException.badRequest(fields.name(field), "is required"));
    if (seconds > MAX) {
      throw HubException.badRequest(
          fields.name(field),
          "must be Unix seconds between 0 and " + (long) MAX + ", got " + seconds);
    }
    return seconds;
  }
}
