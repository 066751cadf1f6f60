package org.dsa110.contimg.products.variability;

import java.util.List;

/**
 * The fractional systematic error added in quadrature to every error: the configured value, or (by
 * default) the median of what the most recent normalised images measured on their references
 * ({@link EnsembleNormaliser}), so the floor follows the data. Until {@value #MIN_ESTIMATES} images
 * have measured it, {@value #INITIAL} stands in: on the high side of what DSA-110's normalised
 * images show, so early candidates are not made of an optimistic error model.
 */
public final class SystematicFloor {
  public static final int RECENT_IMAGES = 25;
  public static final int MIN_ESTIMATES = 5;
  public static final double INITIAL = 0.02;

  private SystematicFloor() {}

  /**
   * The floor for the next image, from the configured value or from recent images' estimates
   * (newest first).
   */
  public static double choose(NormalisationSettings settings, List<Double> recentEstimates) {
    if (settings.floor().isPresent()) {
      return settings.floor().getAsDouble();
    }
    int count = Math.min(RECENT_IMAGES, recentEstimates.size());
    if (count < MIN_ESTIMATES) {
      return INITIAL;
    }
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = recentEstimates.get(i);
    }
    return Robust.median(values, count);
  }
}
