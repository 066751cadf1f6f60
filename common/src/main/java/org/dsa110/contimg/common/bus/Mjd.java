package org.dsa110.contimg.common.bus;

import java.util.Optional;

/**
 * Modified Julian Dates: finite and within 0-100000 (years 1858-2132), so a unit mistake is caught.
 */
public final class Mjd {
  /** MJD of the Unix epoch. */
  public static final double UNIX_EPOCH = 40587.0;

  private static final double SECONDS_PER_DAY = 86400.0;

  private Mjd() {}

  public static double required(Fields fields, String field) {
    return optional(fields, field)
        .orElseThrow(() -> HubException.badRequest(fields.name(field), "is required"));
  }

  public static Optional<Double> optional(Fields fields, String field) {
    Optional<Double> mjd = fields.optionalDouble(field);
    mjd.filter(value -> value < 0 || value > 100_000)
        .ifPresent(
            value -> {
              throw HubException.badRequest(
                  fields.name(field), "must be an MJD between 0 and 100000, got " + value);
            });
    return mjd;
  }

  public static double toUnixSeconds(double mjd) {
    return (mjd - UNIX_EPOCH) * SECONDS_PER_DAY;
  }
}
