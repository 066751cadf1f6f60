package org.dsa110.contimg.products.variability;

/**
 * One scale for every rule: the sigma-equivalent of a false-alarm probability that has paid for its
 * number of trials. A rule computes the probability p of its statistic under "this source is
 * constant"; having looked n (effectively independent) times, the chance that at least one look is
 * that extreme is 1 - (1 - p)^n (Sidak); that probability is expressed as the |z| of a two-sided
 * Gaussian with the same tail. So 5.0 means the same thing whichever rule says it: a false alarm
 * with probability 5.7e-7 after accounting for every look.
 */
public final class Significance {
  private static final double LN2 = Math.log(2);

  private Significance() {}

  /** A two-sided Gaussian statistic z from {@code trials} looks. */
  public static double ofZ(double z, double trials) {
    return ofLogP(Gaussian.logTwoSided(z), trials);
  }

  /** A chi-square statistic with dof degrees of freedom from {@code trials} looks. */
  public static double ofChiSquare(double chi2, double dof, double trials) {
    return ofLogP(ChiSquare.logSf(chi2, dof), trials);
  }

  /**
   * The sigma-equivalent of a local log-probability after {@code trials} looks (0 when nothing is
   * left).
   */
  public static double ofLogP(double logP, double trials) {
    double logGlobal = sidak(Math.min(0, logP), Math.max(1, trials));
    // two-sided convention: sigma s has P(|Z| > s) = p, so ln Q(s) = ln p - ln 2
    double logHalf = logGlobal - LN2;
    return logHalf >= Math.log(0.5) ? 0 : Gaussian.isf(logHalf);
  }

  /** ln(1 - (1 - p)^n), accurate when p is far below double precision. */
  static double sidak(double logP, double n) {
    if (logP < -700) {
      // p itself underflows a double here; (1 - p)^n ~ 1 - n p, and n p << 1 for any number of
      // trials we make
      return logP + Math.log(n);
    }
    double p = Math.exp(logP);
    return Math.log(-Math.expm1(n * Math.log1p(-p)));
  }
}
