package org.dsa110.contimg.products.variability;

import java.util.List;
import java.util.Optional;

/**
 * Where a departure is in a light curve, for the evidence an astronomer reads: the run of
 * consecutive measurements whose weighted mean departs most significantly (in the given direction)
 * from the weighted mean of all the others. A run that reaches the newest measurement is still in
 * progress (no end).
 */
public final class EventLocator {
  private static final int MIN_RUN = 2;
  private static final int MIN_REST = 3;

  private EventLocator() {}

  /**
   * A located departure: first and last epoch (last null while in progress), fractional depth, z,
   * measurements.
   */
  public record Segment(double startMjd, Double endMjd, double depth, double z, int points) {}

  /**
   * @param points weighted measurements, oldest first
   * @param direction -1 for a dip, +1 for a rise
   * @param maxDays longest run considered
   */
  public static Optional<Segment> locate(List<Point> points, int direction, double maxDays) {
    int n = points.size();
    if (n < MIN_RUN + MIN_REST) {
      return Optional.empty();
    }
    double[] w = new double[n + 1];
    double[] wf = new double[n + 1];
    for (int i = 0; i < n; i++) {
      Point p = points.get(i);
      w[i + 1] = w[i] + p.weight();
      wf[i + 1] = wf[i] + p.weight() * p.fluxMjy();
    }
    Segment best = null;
    double bestScore = 0;
    for (int i = 0; i < n; i++) {
      double start = points.get(i).mjd();
      for (int j = i + MIN_RUN - 1; j < n && points.get(j).mjd() - start <= maxDays; j++) {
        int rest = n - (j - i + 1);
        if (rest < MIN_REST) {
          break;
        }
        double wSeg = w[j + 1] - w[i];
        double wRest = w[n] - wSeg;
        double meanSeg = (wf[j + 1] - wf[i]) / wSeg;
        double meanRest = (wf[n] - (wf[j + 1] - wf[i])) / wRest;
        double z = (meanSeg - meanRest) / Math.sqrt(1 / wSeg + 1 / wRest);
        if (direction * z > bestScore) {
          bestScore = direction * z;
          best =
              new Segment(
                  start,
                  j == n - 1 ? null : points.get(j).mjd(),
                  (meanSeg - meanRest) / Math.abs(meanRest),
                  z,
                  j - i + 1);
        }
      }
    }
    return Optional.ofNullable(best);
  }
}
