package org.dsa110.contimg.products.variability;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures one image's gain from the reference sources measured in it (ensemble, or differential,
 * photometry): each reference's flux over its own baseline is one estimate of the gain; the image's
 * gain is their weighted mean after iterative clipping about the median, so a reference that is
 * varying, confused or badly measured in this image is rejected rather than followed.
 *
 * <p>A reference's baseline is its own mean normalised flux once it has been accepted in {@code
 * baselineMinEpochs} images; before that its NVSS flux stands in, with a 10% uncertainty (the
 * scatter between NVSS and a new epoch for compact sources), which ties the common scale to NVSS's.
 */
public final class EnsembleNormaliser {
  /**
   * Fractional uncertainty of an NVSS flux as the baseline of a reference without history of its
   * own.
   */
  public static final double NVSS_BASELINE_ERROR = 0.10;

  private static final int MAX_ITERATIONS = 8;

  private final int minReferences;
  private final double clipSigma;

  public EnsembleNormaliser(int minReferences, double clipSigma) {
    this.minReferences = minReferences;
    this.clipSigma = clipSigma;
  }

  /** A reference measured in the image, with the baseline it is compared with. */
  public record Reference(
      String sourceId,
      double fluxMjy,
      double errMjy,
      double baselineMjy,
      double baselineErrMjy,
      boolean baselineFromHistory) {
    double ratio() {
      return fluxMjy / baselineMjy;
    }

    /** The ratio's error from the measurement and the baseline alone. */
    double ratioErr() {
      double measured = errMjy / fluxMjy;
      double baseline = baselineErrMjy / baselineMjy;
      return Math.abs(ratio()) * Math.sqrt(measured * measured + baseline * baseline);
    }
  }

  /** What became of one reference: its ratio, and whether it took part in the gain. */
  public record Outcome(String sourceId, double ratio, boolean used) {}

  /**
   * The result for an image. {@code normalised} is false when fewer than minReferences references
   * survived; gain is then 1 and the image's points must wait. {@code floorEstimate} is this
   * image's own measurement of the fractional systematic error (null when too few references have
   * baselines of their own to measure it).
   */
  public record Solution(
      boolean normalised,
      double gain,
      double gainErr,
      double scatter,
      Double floorEstimate,
      int considered,
      int used,
      List<Outcome> outcomes) {}

  /**
   * Solves an image's gain, with {@code floor} as the systematic error expected of each reference.
   */
  public Solution solve(List<Reference> candidates, double floor) {
    List<Reference> refs =
        candidates.stream()
            .filter(
                r ->
                    r.fluxMjy() > 0
                        && r.errMjy() > 0
                        && r.baselineMjy() > 0
                        && r.baselineErrMjy() >= 0)
            .toList();
    int n = refs.size();
    double[] ratio = new double[n];
    double[] err = new double[n];
    for (int i = 0; i < n; i++) {
      ratio[i] = refs.get(i).ratio();
      err[i] = refs.get(i).ratioErr();
    }
    boolean[] kept = new boolean[n];
    double gain = n == 0 ? 1 : Robust.median(ratio, n);
    int used = 0;
    for (int iteration = 0; iteration < MAX_ITERATIONS && n > 0; iteration++) {
      double[] expected = expectedScatter(err, floor * gain);
      double[] residual = new double[n];
      for (int i = 0; i < n; i++) {
        residual[i] = (ratio[i] - gain) / expected[i];
      }
      // the clip is in units of each reference's expected scatter, widened when the image scatters
      // more than expected
      double spread = Math.max(1, Robust.sigma(residual, n));
      boolean changed = false;
      double sumW = 0;
      double sumWr = 0;
      used = 0;
      for (int i = 0; i < n; i++) {
        boolean keep = Math.abs(residual[i]) <= clipSigma * spread;
        changed |= keep != kept[i];
        kept[i] = keep;
        if (keep) {
          double w = 1 / (expected[i] * expected[i]);
          sumW += w;
          sumWr += w * ratio[i];
          used++;
        }
      }
      if (used == 0) {
        break;
      }
      double next = sumWr / sumW;
      boolean converged = !changed && Math.abs(next - gain) < 1e-12 * Math.abs(gain);
      gain = next;
      if (converged) {
        break;
      }
    }
    List<Outcome> outcomes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      outcomes.add(new Outcome(refs.get(i).sourceId(), ratio[i], kept[i] && used >= minReferences));
    }
    if (used < minReferences) {
      return new Solution(false, 1, 0, Double.NaN, null, n, 0, outcomes);
    }
    double[] expected = expectedScatter(err, floor * gain);
    double sumW = 0;
    double chi2 = 0;
    double[] relative = new double[used];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (kept[i]) {
        double w = 1 / (expected[i] * expected[i]);
        sumW += w;
        chi2 += w * (ratio[i] - gain) * (ratio[i] - gain);
        relative[k++] = ratio[i] / gain;
      }
    }
    // the formal error of a weighted mean, inflated when the references scatter more than their
    // errors say
    double inflation = used > 1 ? Math.max(1, Math.sqrt(chi2 / (used - 1))) : 1;
    double gainErr = inflation / Math.sqrt(sumW);
    return new Solution(
        true,
        gain,
        gainErr,
        Robust.sigma(relative, used),
        floorEstimate(refs, kept, ratio, err, gain),
        n,
        used,
        outcomes);
  }

  private static double[] expectedScatter(double[] err, double systematic) {
    double[] expected = new double[err.length];
    for (int i = 0; i < err.length; i++) {
      expected[i] = Math.sqrt(err[i] * err[i] + systematic * systematic);
    }
    return expected;
  }

  /**
   * The fractional error f that, added in quadrature to each kept reference's own error, makes
   * their scatter about the gain what it should be: sum u_i^2 / (t_i^2 + f^2) = n - 1, with u_i =
   * r_i / g - 1 and t_i the reference's relative error. Only references with a baseline of their
   * own take part (an NVSS baseline's own error would swamp the estimate).
   */
  private Double floorEstimate(
      List<Reference> refs, boolean[] kept, double[] ratio, double[] err, double gain) {
    List<double[]> terms = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      if (kept[i] && refs.get(i).baselineFromHistory()) {
        double u = ratio[i] / gain - 1;
        double t = err[i] / gain;
        terms.add(new double[] {u * u, t * t});
      }
    }
    int n = terms.size();
    if (n < minReferences) {
      return null;
    }
    if (excess(terms, 0) <= n - 1) {
      return 0.0;
    }
    double low = 0;
    double high = 1;
    for (int i = 0; i < 60; i++) {
      double mid = 0.5 * (low + high);
      if (excess(terms, mid) > n - 1) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return 0.5 * (low + high);
  }

  private static double excess(List<double[]> terms, double floor) {
    double sum = 0;
    for (double[] term : terms) {
      sum += term[0] / (term[1] + floor * floor);
    }
    return sum;
  }
}
