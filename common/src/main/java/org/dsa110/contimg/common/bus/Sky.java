package org.dsa110.contimg.common.bus;

import java.util.Optional;

/** Sky coordinates in degrees: RA in [0, 360), Dec in [-90, 90]; anything else is a 400 naming the field. */
public final class Sky {
  private Sky() {
  }

  public static double ra(Fields fields, String field) {
    return optionalRa(fields, field).orElseThrow(() -> HubException.badRequest(fields.name(field), "is required"));
  }

  public static Optional<Double> optionalRa(Fields fields, String field) {
    Optional<Double> ra = fields.optionalDouble(field);
    ra.filter(value -> value < 0 || value >= 360).ifPresent(value -> {
      throw HubException.badRequest(fields.name(field), "must be a right ascension in [0, 360) degrees, got " + value);
    });
    return ra;
  }

  public static double dec(Fields fields, String field) {
    return optionalDec(fields, field).orElseThrow(() -> HubException.badRequest(fields.name(field), "is required"));
  }

  public static Optional<Double> optionalDec(Fields fields, String field) {
    Optional<Double> dec = fields.optionalDouble(field);
    dec.filter(value -> value < -90 || value > 90).ifPresent(value -> {
      throw HubException.badRequest(fields.name(field), "must be a declination in [-90, 90] degrees, got " + value);
    });
    return dec;
  }

  /** Great-circle separation in degrees (haversine, accurate at small and large angles). */
  public static double separationDeg(double ra1, double dec1, double ra2, double dec2) {
    double phi1 = Math.toRadians(dec1);
    double phi2 = Math.toRadians(dec2);
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(ra2 - ra1);
    double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2) + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
    return Math.toDegrees(2 * Math.asin(Math.min(1, Math.sqrt(h))));
  }
}
