package org.dsa110.contimg.products.variability;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Everything the detectors need about one source's light curve, kept current one measurement at a
 * time in O(1) memory and time, whatever the order in which measurements arrive:
 *
 * <ul>
 *   <li>unweighted Welford mean and sum of squared deviations, minimum and maximum (mean, std, V);
 *   <li>the same weighted by w = 1/sigma^2 over the measurements that have an error (weighted mean,
 *       eta);
 *   <li>the largest deviation of a measurement from the weighted mean of the measurements recorded
 *       before it;
 *   <li>the two-epoch statistics Vs and m (Mooley et al. 2016, as VAST defines them) of each new
 *       measurement against the {@value #EXTREMES} highest and lowest earlier ones, which is where
 *       the largest |Vs| and |m| of all pairs lie (exactly so when errors are alike);
 *   <li>for each time scale tau, exponentially weighted sums anchored at the newest MJD T: A = sum
 *       w k, S = sum w k F, Q = sum w k^2 with k = exp(-(T - t) / tau). A late measurement adds its
 *       own decayed term, so the sums are exact in any arrival order.
 * </ul>
 */
public final class RunningStatistics {
  public static final int EXTREMES = 4;
  private static final int VERSION = 1;

  private final double[] scalesDays;
  private final double rapidMinVs;
  private final double rapidMinM;

  long n;
  double mean;
  double m2;
  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;
  long nW;
  double sumW;
  double meanW;
  double sW;
  double firstMjd = Double.POSITIVE_INFINITY;
  double lastMjd = Double.NEGATIVE_INFINITY;
  double lastFlux = Double.NaN;
  double maxDeviation;
  double vsMax;
  double mMax;
  double rapidVs;
  double rapidM;
  double rapidFromMjd = Double.NaN;
  double rapidToMjd = Double.NaN;
  double anchor = Double.NEGATIVE_INFINITY;
  final double[] kernelA;
  final double[] kernelS;
  final double[] kernelQ;
  private final Extremes highest = new Extremes(-1);
  private final Extremes lowest = new Extremes(1);

  public RunningStatistics(double[] scalesDays, double rapidMinVs, double rapidMinM) {
    this.scalesDays = scalesDays.clone();
    this.rapidMinVs = rapidMinVs;
    this.rapidMinM = rapidMinM;
    this.kernelA = new double[scalesDays.length];
    this.kernelS = new double[scalesDays.length];
    this.kernelQ = new double[scalesDays.length];
  }

  public void add(Point p) {
    double f = p.fluxMjy();
    n++;
    double delta = f - mean;
    mean += delta / n;
    m2 += delta * (f - mean);
    min = Math.min(min, f);
    max = Math.max(max, f);
    firstMjd = Math.min(firstMjd, p.mjd());
    if (p.mjd() >= lastMjd) {
      lastMjd = p.mjd();
      lastFlux = f;
    }
    if (!p.weighted()) {
      return;
    }
    double w = p.weight();
    if (nW > 0) {
      double deviation = (f - meanW) / Math.sqrt(p.errMjy() * p.errMjy() + 1 / sumW);
      if (Math.abs(deviation) > Math.abs(maxDeviation)) {
        maxDeviation = deviation;
      }
    }
    highest.compare(p);
    lowest.compare(p);
    highest.offer(p);
    lowest.offer(p);
    nW++;
    sumW += w;
    double deltaW = f - meanW;
    meanW += w / sumW * deltaW;
    sW += w * deltaW * (f - meanW);
    addToKernels(p.mjd(), w, f);
  }

  private void addToKernels(double mjd, double w, double f) {
    if (mjd > anchor) {
      for (int s = 0; s < scalesDays.length; s++) {
        if (anchor != Double.NEGATIVE_INFINITY) {
          double decay = Math.exp(-(mjd - anchor) / scalesDays[s]);
          kernelA[s] *= decay;
          kernelS[s] *= decay;
          kernelQ[s] *= decay * decay;
        }
      }
      anchor = mjd;
    }
    for (int s = 0; s < scalesDays.length; s++) {
      double k = Math.exp(-(anchor - mjd) / scalesDays[s]);
      kernelA[s] += w * k;
      kernelS[s] += w * k * f;
      kernelQ[s] += w * k * k;
    }
  }

  /**
   * The K highest (sign -1) or lowest (sign 1) weighted measurements so far, and the pair
   * statistics against them.
   */
  private final class Extremes {
    private final int sign;
    private final double[] flux = new double[EXTREMES];
    private final double[] err = new double[EXTREMES];
    private final double[] mjd = new double[EXTREMES];
    private int size;

    Extremes(int sign) {
      this.sign = sign;
    }

    void compare(Point p) {
      for (int i = 0; i < size; i++) {
        double vs = (p.fluxMjy() - flux[i]) / Math.sqrt(p.errMjy() * p.errMjy() + err[i] * err[i]);
        double sum = p.fluxMjy() + flux[i];
        // m is signed in time: the later epoch against the earlier one (negative: a fall)
        double m =
            sum > 0 ? (p.mjd() >= mjd[i] ? 2 : -2) * (p.fluxMjy() - flux[i]) / sum : Double.NaN;
        vsMax = Math.max(vsMax, Math.abs(vs));
        if (!Double.isNaN(m) && Math.abs(vs) >= rapidMinVs) {
          mMax = Math.max(mMax, Math.abs(m));
        }
        if (!Double.isNaN(m) && Math.abs(m) >= rapidMinM && Math.abs(vs) > rapidVs) {
          rapidVs = Math.abs(vs);
          rapidM = m;
          rapidFromMjd = Math.min(mjd[i], p.mjd());
          rapidToMjd = Math.max(mjd[i], p.mjd());
        }
      }
    }

    /** Keeps p if it is among the K most extreme; sorted from the most extreme. */
    void offer(Point p) {
      int at = size;
      while (at > 0 && sign * (p.fluxMjy() - flux[at - 1]) < 0) {
        at--;
      }
      if (at >= EXTREMES) {
        return;
      }
      int last = Math.min(size, EXTREMES - 1);
      System.arraycopy(flux, at, flux, at + 1, last - at);
      System.arraycopy(err, at, err, at + 1, last - at);
      System.arraycopy(mjd, at, mjd, at + 1, last - at);
      flux[at] = p.fluxMjy();
      err[at] = p.errMjy();
      mjd[at] = p.mjd();
      size = Math.min(EXTREMES, size + 1);
    }
  }

  // --- the statistics, by their names

  public long n() {
    return n;
  }

  public long nWeighted() {
    return nW;
  }

  public double firstMjd() {
    return firstMjd;
  }

  public double lastMjd() {
    return lastMjd;
  }

  public double[] scalesDays() {
    return scalesDays.clone();
  }

  /** Unweighted mean (mJy); null with no measurement. */
  public Double mean() {
    return n == 0 ? null : mean;
  }

  /** Sample standard deviation (N - 1); null below two measurements. */
  public Double std() {
    return n < 2 ? null : Math.sqrt(Math.max(0, m2 / (n - 1)));
  }

  public Double min() {
    return n == 0 ? null : min;
  }

  public Double max() {
    return n == 0 ? null : max;
  }

  /** V = std / mean; null when either is undefined or the mean is zero. */
  public Double v() {
    Double std = std();
    return std == null || mean == 0 ? null : std / mean;
  }

  /** Weighted mean over the measurements with an error; null without any. */
  public Double weightedMean() {
    return nW == 0 ? null : meanW;
  }

  /** The weighted chi-square about the weighted mean. */
  public double chi2() {
    return sW;
  }

  /**
   * eta: the weighted reduced chi-square about the weighted mean; null below two weighted
   * measurements.
   */
  public Double eta() {
    return nW < 2 ? null : sW / (nW - 1);
  }

  /**
   * The largest deviation of a measurement from the weighted mean of the measurements recorded
   * before it, in units of the two combined errors (signed); null until a second weighted
   * measurement.
   */
  public Double maxDeviation() {
    return nW < 2 ? null : maxDeviation;
  }

  /** The largest |Vs| over the pairs compared; null below two weighted measurements. */
  public Double vsMax() {
    return nW < 2 ? null : vsMax;
  }

  /** The largest |m| over the pairs whose |Vs| reached rapid_min_vs; null when none did. */
  public Double mMax() {
    return mMax > 0 ? mMax : null;
  }

  /**
   * The largest |Vs| over the pairs whose |m| reached rapid_min_m, with that pair; empty when none
   * did.
   */
  public Optional<Pair> rapidPair() {
    return rapidVs > 0
        ? Optional.of(new Pair(rapidVs, rapidM, rapidFromMjd, rapidToMjd))
        : Optional.empty();
  }

  /**
   * A two-epoch comparison: |Vs|, m (the later epoch against the earlier: negative for a fall) and
   * the two epochs.
   */
  public record Pair(double vs, double m, double fromMjd, double toMjd) {}

  /**
   * The contrast at one time scale between the recent level (weights k) and the earlier baseline
   * (weights 1 - k): D = S/A - (Sw - S)/(W - A), with the exact variance of that difference for
   * independent errors, Var D = Q/A^2 + (W - 2A + Q)/(W - A)^2 - 2(A - Q)/(A (W - A)), and the
   * effective number of points on each side.
   */
  public Optional<Contrast> contrast(int scale) {
    double a = kernelA[scale];
    double s = kernelS[scale];
    double q = kernelQ[scale];
    double rest = sumW - a;
    if (nW < 3 || !(a > 0) || !(rest > 0)) {
      return Optional.empty();
    }
    double recent = s / a;
    double baseline = (meanW * sumW - s) / rest;
    double variance = q / (a * a) + (sumW - 2 * a + q) / (rest * rest) - 2 * (a - q) / (a * rest);
    double nRecent = a * a / q;
    double restSquares = sumW - 2 * a + q;
    double nBaseline = restSquares > 0 ? rest * rest / restSquares : 0;
    if (!(variance > 0)) {
      return Optional.empty();
    }
    return Optional.of(
        new Contrast(
            scalesDays[scale],
            recent,
            baseline,
            (recent - baseline) / Math.sqrt(variance),
            nRecent,
            nBaseline));
  }

  /**
   * Recent level against baseline at one time scale: z is (recent - baseline) / its standard error.
   */
  public record Contrast(
      double scaleDays,
      double recentMjy,
      double baselineMjy,
      double z,
      double nRecent,
      double nBaseline) {
    /** The fractional departure from the baseline (negative: a dip). */
    public double depth() {
      return baselineMjy == 0 ? Double.NaN : (recentMjy - baselineMjy) / Math.abs(baselineMjy);
    }
  }

  // --- storage: a compact, exact encoding (the doubles' bits), versioned with the parameters it
  // was built with

  public String encode() {
    int scales = scalesDays.length;
    ByteBuffer buffer = ByteBuffer.allocate(8 * (27 + 4 * scales + 6 * EXTREMES + 2));
    buffer.putDouble(VERSION).putDouble(scales);
    for (double scale : scalesDays) {
      buffer.putDouble(scale);
    }
    buffer.putDouble(rapidMinVs).putDouble(rapidMinM);
    buffer
        .putDouble(n)
        .putDouble(mean)
        .putDouble(m2)
        .putDouble(min)
        .putDouble(max)
        .putDouble(nW)
        .putDouble(sumW)
        .putDouble(meanW)
        .putDouble(sW)
        .putDouble(firstMjd)
        .putDouble(lastMjd)
        .putDouble(lastFlux)
        .putDouble(maxDeviation)
        .putDouble(vsMax)
        .putDouble(mMax)
        .putDouble(rapidVs)
        .putDouble(rapidM)
        .putDouble(rapidFromMjd)
        .putDouble(rapidToMjd)
        .putDouble(anchor);
    for (int s = 0; s < scales; s++) {
      buffer.putDouble(kernelA[s]).putDouble(kernelS[s]).putDouble(kernelQ[s]);
    }
    for (Extremes extremes : new Extremes[] {highest, lowest}) {
      buffer.putDouble(extremes.size);
      for (int i = 0; i < EXTREMES; i++) {
        buffer.putDouble(extremes.flux[i]).putDouble(extremes.err[i]).putDouble(extremes.mjd[i]);
      }
    }
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), buffer.position()));
  }

  /**
   * The state encoded, or empty when it was built with other parameters (it must then be rebuilt
   * from history).
   */
  public static Optional<RunningStatistics> decode(
      String encoded, double[] scalesDays, double rapidMinVs, double rapidMinM) {
    ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(encoded));
    if (buffer.getDouble() != VERSION || buffer.getDouble() != scalesDays.length) {
      return Optional.empty();
    }
    for (double scale : scalesDays) {
      if (buffer.getDouble() != scale) {
        return Optional.empty();
      }
    }
    if (buffer.getDouble() != rapidMinVs || buffer.getDouble() != rapidMinM) {
      return Optional.empty();
    }
    RunningStatistics s = new RunningStatistics(scalesDays, rapidMinVs, rapidMinM);
    s.n = (long) buffer.getDouble();
    s.mean = buffer.getDouble();
    s.m2 = buffer.getDouble();
    s.min = buffer.getDouble();
    s.max = buffer.getDouble();
    s.nW = (long) buffer.getDouble();
    s.sumW = buffer.getDouble();
    s.meanW = buffer.getDouble();
    s.sW = buffer.getDouble();
    s.firstMjd = buffer.getDouble();
    s.lastMjd = buffer.getDouble();
    s.lastFlux = buffer.getDouble();
    s.maxDeviation = buffer.getDouble();
    s.vsMax = buffer.getDouble();
    s.mMax = buffer.getDouble();
    s.rapidVs = buffer.getDouble();
    s.rapidM = buffer.getDouble();
    s.rapidFromMjd = buffer.getDouble();
    s.rapidToMjd = buffer.getDouble();
    s.anchor = buffer.getDouble();
    for (int i = 0; i < scalesDays.length; i++) {
      s.kernelA[i] = buffer.getDouble();
      s.kernelS[i] = buffer.getDouble();
      s.kernelQ[i] = buffer.getDouble();
    }
    for (Extremes extremes : new Extremes[] {s.highest, s.lowest}) {
      extremes.size = (int) buffer.getDouble();
      for (int i = 0; i < EXTREMES; i++) {
        extremes.flux[i] = buffer.getDouble();
        extremes.err[i] = buffer.getDouble();
        extremes.mjd[i] = buffer.getDouble();
      }
    }
    return Optional.of(s);
  }
}
