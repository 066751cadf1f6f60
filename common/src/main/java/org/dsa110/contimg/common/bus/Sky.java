package org.dsa110.contimg.common.bus;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sky coordinates in degrees: RA in [0, 360), Dec in [-90, 90]; anything else is a 400 naming the
 * field.
 */
public final class Sky {
  private Sky() {}

  /**
   * Right ascension in degrees from a number of degrees, or sexagesimal: hours when written with
   * ':' or spaces ("12:30:00", "12 30 00") or with h ("12h30m00s"), degrees when written with d or
   * ° ("187d30m00s"); decimal minutes ("12h30.5m") and a Unicode minus are read too. Empty for
   * anything else.
   */
  public static Optional<Double> parseRa(String text) {
    Optional<Sexagesimal> parts = Sexagesimal.parse(text);
    if (parts.isPresent()) {
      Sexagesimal p = parts.get();
      double ra = p.unit() == Unit.DEGREES ? p.value() : 15 * p.value();
      return Optional.of(ra).filter(value -> value >= 0 && value < 360);
    }
    return number(text);
  }

  /**
   * Declination in degrees from a number, or sexagesimal degrees ("+42:03:12", "42d03m12s",
   * "42°03'12\"", "−12:30.5"); one written in hours ("12h30m") is refused.
   */
  public static Optional<Double> parseDec(String text) {
    Optional<Sexagesimal> parts = Sexagesimal.parse(text);
    if (parts.isPresent()) {
      return parts.filter(p -> p.unit() != Unit.HOURS).map(Sexagesimal::value);
    }
    return number(text);
  }

  private static Optional<Double> number(String text) {
    try {
      double value = Double.parseDouble(text.strip().replace('\u2212', '-'));
      return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private enum Unit {
    HOURS,
    DEGREES,
    IMPLIED
  }

  /**
   * A signed value in its written unit; minutes and seconds below 60, decimals only on the last
   * part.
   */
  private record Sexagesimal(double value, Unit unit) {
    private static final Pattern FORM =
        Pattern.compile(
            "([+\\-\u2212]?)(\\d{1,3})\\s*([:hd\u00b0]|\\s)\\s*(\\d{1,2}(?:\\.\\d*)?)\\s*"
                + "(?:(?:[:m'\u2032]|\\s)\\s*(?:(\\d{1,2}(?:\\.\\d*)?)\\s*[s\"\u2033]?)?)?");

    static Optional<Sexagesimal> parse(String text) {
      Matcher m = FORM.matcher(text.strip());
      if (!m.matches()) {
        return Optional.empty();
      }
      double minutes = Double.parseDouble(m.group(4));
      boolean decimalMinutes = m.group(4).contains(".");
      double seconds = m.group(5) == null ? 0 : Double.parseDouble(m.group(5));
      if (minutes >= 60 || seconds >= 60 || decimalMinutes && m.group(5) != null) {
        return Optional.empty();
      }
      Unit unit =
          switch (m.group(3)) {
            case "h" -> Unit.HOURS;
            case "d", "\u00b0" -> Unit.DEGREES;
            default -> Unit.IMPLIED;
          };
      double sign = m.group(1).isEmpty() || "+".equals(m.group(1)) ? 1 : -1;
      return Optional.of(
          new Sexagesimal(
              sign * (Double.parseDouble(m.group(2)) + minutes / 60 + seconds / 3600), unit));
    }
  }

  public static double ra(Fields fields, String field) {
    return optionalRa(fields, field)
        .orElseThrow(() -> HubException.badRequest(fields.name(field), "is required"));
  }

  public static Optional<Double> optionalRa(Fields fields, String field) {
    Optional<Double> ra = fields.optionalAngle(field, Sky::parseRa);
    ra.filter(value -> value < 0 || value >= 360)
        .ifPresent(
            value -> {
              throw HubException.badRequest(
                  fields.name(field),
                  "must be a right ascension in [0, 360) degrees, got " + value);
            });
    return ra;
  }

  public static double dec(Fields fields, String field) {
    return optionalDec(fields, field)
        .orElseThrow(() -> HubException.badRequest(fields.name(field), "is required"));
  }

  public static Optional<Double> optionalDec(Fields fields, String field) {
    Optional<Double> dec = fields.optionalAngle(field, Sky::parseDec);
    dec.filter(value -> value < -90 || value > 90)
        .ifPresent(
            value -> {
              throw HubException.badRequest(
                  fields.name(field), "must be a declination in [-90, 90] degrees, got " + value);
            });
    return dec;
  }

  /** Great-circle separation in degrees (haversine, accurate at small and large angles). */
  public static double separationDeg(double ra1, double dec1, double ra2, double dec2) {
    double phi1 = Math.toRadians(dec1);
    double phi2 = Math.toRadians(dec2);
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(ra2 - ra1);
    double h =
        Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
            + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
    return Math.toDegrees(2 * Math.asin(Math.min(1, Math.sqrt(h))));
  }
}
