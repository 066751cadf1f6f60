package org.dsa110.contimg.products.variability;

/**
 * The chi-square distribution's upper tail in log space (the regularised upper incomplete gamma
 * function).
 */
public final class ChiSquare {
  private static final int MAX_ITERATIONS = 10_000;
  private static final double EPSILON = 1e-14;
  private static final double TINY = 1e-300;

  private ChiSquare() {}

  /** ln P(X > chi2) for X chi-square distributed with dof degrees of freedom. */
  public static double logSf(double chi2, double dof) {
    if (!(dof > 0)) {
      throw new IllegalArgumentException("degrees of freedom must be positive, got " + dof);
    }
    if (chi2 <= 0) {
      return 0;
    }
    double a = dof / 2;
    double x = chi2 / 2;
    return x < a + 1
        ? Math.log1p(-Math.exp(logLowerBySeries(a, x)))
        : logUpperByContinuedFraction(a, x);
  }

  /**
   * ln P(a, x), the regularised lower incomplete gamma function, by its series (converges fast for
   * x < a + 1).
   */
  private static double logLowerBySeries(double a, double x) {
    double term = 1 / a;
    double sum = term;
    for (int n = 1; n < MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) {
        break;
      }
    }
    return Math.log(sum) - x + a * Math.log(x) - logGamma(a);
  }

  /** ln Q(a, x) by Lentz's continued fraction (converges fast for x >= a + 1); never underflows. */
  private static double logUpperByContinuedFraction(double a, double x) {
    double b = x + 1 - a;
    double c = 1 / TINY;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < MAX_ITERATIONS; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < TINY) {
        d = TINY;
      }
      c = b + an / c;
      if (Math.abs(c) < TINY) {
        c = TINY;
      }
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPSILON) {
        break;
      }
    }
    return Math.log(h) - x + a * Math.log(x) - logGamma(a);
  }

  /** ln Gamma(a) for a > 0 (Lanczos, g = 7, n = 9: relative error near 1e-15). */
  static double logGamma(double a) {
    if (a < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * a))) - logGamma(1 - a);
    }
    double[] g = {
      0.99999999999980993,
      676.5203681218851,
      -1259.1392167224028,
      771.32342877765313,
      -176.61502916214059,
      12.507343278686905,
      -0.13857109526572012,
      9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    double z = a - 1;
    double sum = g[0];
    for (int i = 1; i < g.length; i++) {
      sum += g[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
