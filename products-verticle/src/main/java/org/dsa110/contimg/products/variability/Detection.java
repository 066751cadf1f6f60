package org.dsa110.contimg.products.variability;

/**
 * What one detector concluded about a source: its significance on the common scale
 * (sigma-equivalent after trials, see {@link Significance}), the local statistic before trials and
 * the number of trials, and what it saw: the time scale, the fractional depth (negative: a dip),
 * and for the two-epoch rule the epochs it compared.
 */
public record Detection(
    String flagType,
    String detector,
    double significance,
    double localSigma,
    double trials,
    Double scaleDays,
    Double depth,
    Double startMjd,
    Double endMjd,
    double atMjd) {
  public static final String VARIABILITY = "variability";
  public static final String RAPID_CHANGE = "rapid_change";

  public static final String SLOW_DEPARTURE = "slow_departure";
  public static final String ETA = "eta";
  public static final String MAX_DEVIATION = "max_deviation";
  public static final String TWO_EPOCH = "two_epoch";

  /** "dip", "rise", or null when the detector has no direction (eta). */
  public String direction() {
    return depth == null || depth == 0 ? null : depth < 0 ? "dip" : "rise";
  }

  /** The same detection, with its start and end located in the light curve. */
  public Detection located(EventLocator.Segment segment) {
    return new Detection(
        flagType,
        detector,
        significance,
        localSigma,
        trials,
        scaleDays,
        segment.depth(),
        segment.startMjd(),
        segment.endMjd(),
        atMjd);
  }
}
