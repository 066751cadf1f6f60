package org.dsa110.contimg.products.variability;

/**
 * Tail probabilities of the standard normal distribution in log space, so that a 40-sigma departure
 * still has a finite, comparable probability instead of underflowing to zero.
 */
public final class Gaussian {
  private static final double LN_HALF = Math.log(0.5);
  private static final double SQRT2 = Math.sqrt(2);
  private static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private Gaussian() {}

  /** ln P(Z > z). */
  public static double logSf(double z) {
    if (z < 0) {
      return Math.log1p(-0.5 * Math.exp(logErfc(-z / SQRT2)));
    }
    return LN_HALF + logErfc(z / SQRT2);
  }

  /** ln P(|Z| > |z|): the two-sided tail. */
  public static double logTwoSided(double z) {
    return Math.log(2) + logSf(Math.abs(z));
  }

  /** The z with ln P(Z > z) = logP, for any logP < 0. */
  public static double isf(double logP) {
    if (!(logP < 0)) {
      throw new IllegalArgumentException("log probability must be negative, got " + logP);
    }
    // start from the tail's asymptote ln Q(z) ~ -z^2/2 - ln z - ln sqrt(2 pi) (or the centre), then
    // Newton:
    // d/dz ln Q(z) = -phi(z) / Q(z)
    double z;
    if (logP < -3) {
      z = Math.sqrt(-2 * logP);
      for (int i = 0; i < 3; i++) {
        z = Math.sqrt(Math.max(1e-12, -2 * (logP + Math.log(z) + LN_SQRT_2PI)));
      }
    } else {
      z = -1.5 * (Math.exp(logP) - 0.5) * 2.5;
    }
    for (int i = 0; i < 50; i++) {
      double logQ = logSf(z);
      double logPhi = -0.5 * z * z - LN_SQRT_2PI;
      double slope = -Math.exp(logPhi - logQ);
      double step = (logQ - logP) / slope;
      z -= step;
      if (Math.abs(step) < 1e-12 * Math.max(1, Math.abs(z))) {
        break;
      }
    }
    return z;
  }

  /**
   * ln erfc(x) for x >= 0, with relative error below 1.2e-7 everywhere (the Chebyshev fit of
   * Numerical Recipes, erfcc), written as ln t - x^2 + P(t) so that it never underflows however
   * large x is.
   */
  static double logErfc(double x) {
    double t = 1 / (1 + 0.5 * x);
    double poly =
        -1.26551223
            + t
                * (1.00002368
                    + t
                        * (0.37409196
                            + t
                                * (0.09678418
                                    + t
                                        * (-0.18628806
                                            + t
                                                * (0.27886807
                                                    + t
                                                        * (-1.13520398
                                                            + t
                                                                * (1.48851587
                                                                    + t
                                                                        * (-0.82215223
                                                                            + t
                                                                                * 0.17087277))))))));
    return Math.log(t) - x * x + poly;
  }
}
