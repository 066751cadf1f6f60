package org.dsa110.contimg.calibration;

import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;

import java.util.Optional;

/** Reads Modified Julian Dates: finite and within 0-100000 (years 1858-2132), so a unit mistake is caught. */
final class Mjd {
  static final double MIN = 0;
  static final double MAX = 100_000;

  private Mjd() {
  }

  static double required(Fields fields, String field) {
    return optional(fields, field).orElseThrow(() -> HubException.badRequest(fields.name(field), "is required"));
  }

  static Optional<Double> optional(Fields fields, String field) {
    Optional<Double> mjd = fields.optionalDouble(field);
    mjd.filter(value -> value < MIN || value > MAX).ifPresent(value -> {
      throw HubException.badRequest(fields.name(field), "must be an MJD between " + (int) MIN + " and " + (int) MAX + ", got " + value);
    });
    return mjd;
  }
}
