package org.dsa110.contimg.products.variability;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules, each giving a significance on the common scale ({@link Significance}) from a source's
 * {@link RunningStatistics} on normalised fluxes:
 *
 * <ul>
 *   <li>{@code slow_departure} ({@code variability}): the recent level against the earlier baseline
 *       at each time scale tau; the best |z| pays for every scale and for every independent look in
 *       the light curve's span, trials = sum over tau of (1 + span / tau). It fires while a dip or
 *       rise is under way.
 *   <li>{@code eta} ({@code variability}): the weighted chi-square about the weighted mean with N_w
 *       - 1 degrees of freedom; trials = ceil(log2 N_w), the number of doublings of the sample at
 *       which it was effectively looked at anew.
 *   <li>{@code max_deviation} ({@code variability}): the largest deviation of one measurement from
 *       the weighted mean of those before it; trials = N_w - 1 (every measurement was tested once).
 *   <li>{@code two_epoch} ({@code rapid_change}): the largest |Vs| among pairs whose |m| reaches
 *       rapid_min_m; trials = N_w (N_w - 1) / 2 pairs. It needs only two measurements.
 * </ul>
 *
 * The others need min_obs weighted measurements.
 */
public final class Detectors {
  private final DetectorSettings settings;

  public Detectors(DetectorSettings settings) {
    this.settings = settings;
  }

  public List<Detection> evaluate(RunningStatistics s) {
    List<Detection> detections = new ArrayList<>(4);
    long nW = s.nWeighted();
    if (nW >= settings.minObs()) {
      slowDeparture(s).ifPresent(detections::add);
      detections.add(eta(s));
      Double deviation = s.maxDeviation();
      if (deviation != null) {
        double trials = nW - 1;
        detections.add(
            new Detection(
                Detection.VARIABILITY,
                Detection.MAX_DEVIATION,
                Significance.ofZ(deviation, trials),
                Math.abs(deviation),
                trials,
                null,
                null,
                null,
                null,
                s.lastMjd()));
      }
    }
    if (nW >= 2) {
      s.rapidPair()
          .ifPresent(
              pair -> {
                double trials = nW * (nW - 1) / 2.0;
                detections.add(
                    new Detection(
                        Detection.RAPID_CHANGE,
                        Detection.TWO_EPOCH,
                        Significance.ofZ(pair.vs(), trials),
                        pair.vs(),
                        trials,
                        pair.toMjd() - pair.fromMjd(),
                        pair.m(),
                        pair.fromMjd(),
                        pair.toMjd(),
                        s.lastMjd()));
              });
    }
    return detections;
  }

  private Optional<Detection> slowDeparture(RunningStatistics s) {
    double[] scales = settings.scalesDays();
    double span = s.lastMjd() - s.firstMjd();
    double trials = 0;
    RunningStatistics.Contrast best = null;
    for (int i = 0; i < scales.length; i++) {
      trials += 1 + span / scales[i];
      Optional<RunningStatistics.Contrast> contrast = s.contrast(i);
      if (contrast.isPresent()
          && (best == null || Math.abs(contrast.get().z()) > Math.abs(best.z()))) {
        best = contrast.get();
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Detection(
            Detection.VARIABILITY,
            Detection.SLOW_DEPARTURE,
            Significance.ofZ(best.z(), trials),
            Math.abs(best.z()),
            trials,
            best.scaleDays(),
            best.depth(),
            null,
            null,
            s.lastMjd()));
  }

  private static Detection eta(RunningStatistics s) {
    long nW = s.nWeighted();
    double dof = nW - 1;
    double logP = ChiSquare.logSf(s.chi2(), dof);
    double trials = Math.ceil(Math.log(nW) / Math.log(2));
    return new Detection(
        Detection.VARIABILITY,
        Detection.ETA,
        Significance.ofLogP(logP, trials),
        Significance.ofLogP(logP, 1),
        trials,
        null,
        null,
        null,
        null,
        s.lastMjd());
  }
}
