package org.dsa110.contimg.common.bus;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sky coordinates in degrees: RA in [0, 360), Dec in [-90, 90]; anything else is a 400 naming the field. */
public final class Sky {
  private Sky() {
  }

  /**
   * Right ascension in degrees from a number of degrees, or sexagesimal hours "HH:MM:SS.s" (also with spaces or
   * h/m/s); empty for anything else.
   */
  public static Optional<Double> parseRa(String text) {
    Optional<double[]> parts = sexagesimal(text);
    if (parts.isPresent()) {
      double[] p = parts.get();
      return Optional.of(p[0] * 15 * (p[1] + p[2] / 60 + p[3] / 3600)).filter(ra -> ra >= 0 && ra < 360);
    }
    return number(text);
  }

  /** Declination in degrees from a number, or sexagesimal degrees "+DD:MM:SS.s"; empty for anything else. */
  public static Optional<Double> parseDec(String text) {
    Optional<double[]> parts = sexagesimal(text);
    if (parts.isPresent()) {
      double[] p = parts.get();
      return Optional.of(p[0] * (p[1] + p[2] / 60 + p[3] / 3600));
    }
    return number(text);
  }

  private static Optional<Double> number(String text) {
    try {
      double value = Double.parseDouble(text.strip());
      return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** {sign, units, minutes, seconds} of "[+-]U:M:S", "[+-]U M S" or "[+-]UhMmSs" / "UdMmSs"; minutes and seconds below 60. */
  private static Optional<double[]> sexagesimal(String text) {
    Matcher m = SEXAGESIMAL.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    double minutes = Double.parseDouble(m.group(3));
    double seconds = m.group(4) == null ? 0 : Double.parseDouble(m.group(4));
    if (minutes >= 60 || seconds >= 60) {
      return Optional.empty();
    }
    return Optional.of(new double[] {"-".equals(m.group(1)) ? -1 : 1, Double.parseDouble(m.group(2)), minutes, seconds});
  }

  private static final Pattern SEXAGESIMAL = Pattern.compile(
      "([+-]?)(\\d{1,3})[:\\s hd°]\\s*(\\d{1,2})(?:[:\\s m']\\s*(\\d{1,2}(?:\\.\\d*)?)[s\"]?)?");

  public static double ra(Fields fields, String field) {
    return optionalRa(fields, field).orElseThrow(() -> HubException.badRequest(fields.name(field), "is required"));
  }

  public static Optional<Double> optionalRa(Fields fields, String field) {
    Optional<Double> ra = fields.optionalAngle(field, Sky::parseRa);
    ra.filter(value -> value < 0 || value >= 360).ifPresent(value -> {
      throw HubException.badRequest(fields.name(field), "must be a right ascension in [0, 360) degrees, got " + value);
    });
    return ra;
  }

  public static double dec(Fields fields, String field) {
    return optionalDec(fields, field).orElseThrow(() -> HubException.badRequest(fields.name(field), "is required"));
  }

  public static Optional<Double> optionalDec(Fields fields, String field) {
    Optional<Double> dec = fields.optionalAngle(field, Sky::parseDec);
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
