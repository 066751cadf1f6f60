package org.dsa110.contimg.products.variability;

/**
 * The detectors' parameters: measurements needed before any rule speaks, the slow detector's time
 * scales, and the two-epoch criteria (|Vs| that makes a pair significant, |m| a pair must reach to
 * count as a rapid change).
 */
public record DetectorSettings(
    int minObs, double[] scalesDays, double rapidMinVs, double rapidMinM) {
  public RunningStatistics newStatistics() {
    return new RunningStatistics(scalesDays, rapidMinVs, rapidMinM);
  }
}
