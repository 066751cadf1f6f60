package org.dsa110.contimg.products.variability;

import java.util.Arrays;

/**
 * Order statistics that a few wild values cannot drag: the median and the normal-consistent MAD.
 */
final class Robust {
  /** 1 / Phi^-1(3/4): scales a median absolute deviation to a Gaussian's standard deviation. */
  static final double MAD_TO_SIGMA = 1.482602218505602;

  private Robust() {}

  static double median(double[] values, int count) {
    if (count == 0) {
      return Double.NaN;
    }
    double[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    return count % 2 == 1 ? sorted[count / 2] : 0.5 * (sorted[count / 2 - 1] + sorted[count / 2]);
  }

  /**
   * The standard deviation a Gaussian sample with these values' median absolute deviation would
   * have.
   */
  static double sigma(double[] values, int count) {
    double centre = median(values, count);
    double[] deviations = new double[count];
    for (int i = 0; i < count; i++) {
      deviations[i] = Math.abs(values[i] - centre);
    }
    return MAD_TO_SIGMA * median(deviations, count);
  }
}
