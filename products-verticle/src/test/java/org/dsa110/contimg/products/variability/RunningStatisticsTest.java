package org.dsa110.contimg.products.variability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunningStatisticsTest {
  private static final double[] SCALES = {5, 15, 45};

  private static List<Point> lightCurve(Random random, int n) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double err = 0.5 + random.nextDouble();
      points.add(
          new Point(60000 + i + random.nextDouble() * 0.5, 20 + 3 * random.nextGaussian(), err));
    }
    return points;
  }

  private static RunningStatistics of(List<Point> points) {
    RunningStatistics s = new RunningStatistics(SCALES, 4.3, 0.26);
    points.forEach(s::add);
    return s;
  }

  @Test
  void theStatisticsEqualTheirDefinitionsComputedFromAllPoints() {
    List<Point> points = lightCurve(new Random(11), 80);
    RunningStatistics s = of(points);
    int n = points.size();
    double mean = points.stream().mapToDouble(Point::fluxMjy).average().orElseThrow();
    double std =
        Math.sqrt(
            points.stream().mapToDouble(p -> (p.fluxMjy() - mean) * (p.fluxMjy() - mean)).sum()
                / (n - 1));
    double sumW = points.stream().mapToDouble(Point::weight).sum();
    double meanW = points.stream().mapToDouble(p -> p.weight() * p.fluxMjy()).sum() / sumW;
    double chi2 =
        points.stream()
            .mapToDouble(p -> p.weight() * (p.fluxMjy() - meanW) * (p.fluxMjy() - meanW))
            .sum();
    assertThat(s.mean()).isCloseTo(mean, within(1e-9));
    assertThat(s.std()).isCloseTo(std, within(1e-9));
    assertThat(s.v()).isCloseTo(std / mean, within(1e-9));
    assertThat(s.weightedMean()).isCloseTo(meanW, within(1e-9));
    assertThat(s.eta()).isCloseTo(chi2 / (n - 1), within(1e-9));
    double maxVs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        Point a = points.get(i);
        Point b = points.get(j);
        maxVs =
            Math.max(
                maxVs, Math.abs(a.fluxMjy() - b.fluxMjy()) / Math.hypot(a.errMjy(), b.errMjy()));
      }
    }
    // the extremes kept hold the largest |Vs| of all pairs but for errors that differ: within a few
    // percent
    assertThat(s.vsMax()).isLessThanOrEqualTo(maxVs + 1e-12).isGreaterThan(0.9 * maxVs);
  }

  @Test
  void theKernelSumsAreTheSameWhateverOrderTheMeasurementsArriveIn() {
    List<Point> points = lightCurve(new Random(5), 60);
    RunningStatistics inOrder = of(points);
    List<Point> shuffled = new ArrayList<>(points);
    Collections.shuffle(shuffled, new Random(9));
    RunningStatistics late = of(shuffled);
    for (int scale = 0; scale < SCALES.length; scale++) {
      RunningStatistics.Contrast a = inOrder.contrast(scale).orElseThrow();
      RunningStatistics.Contrast b = late.contrast(scale).orElseThrow();
      assertThat(b.z()).isCloseTo(a.z(), within(1e-9));
      assertThat(b.recentMjy()).isCloseTo(a.recentMjy(), within(1e-9));
    }
    assertThat(late.weightedMean()).isCloseTo(inOrder.weightedMean(), within(1e-9));
    assertThat(late.eta()).isCloseTo(inOrder.eta(), within(1e-9));
  }

  @Test
  void theContrastIsTheRecentLevelAgainstTheEarlierOneInUnitsOfItsError() {
    List<Point> points = new ArrayList<>();
    for (int day = 0; day < 100; day++) {
      points.add(new Point(60000 + day, day < 90 ? 100 : 80, 1));
    }
    RunningStatistics.Contrast c = of(points).contrast(0).orElseThrow();
    assertThat(c.depth()).isBetween(-0.2, -0.14);
    assertThat(c.z()).isLessThan(-20);
  }

  @Test
  void aMeasurementWithoutAnErrorCountsOnlyInTheUnweightedStatistics() {
    RunningStatistics s =
        of(List.of(new Point(1, 10, 1), new Point(2, 12, Double.NaN), new Point(3, 14, 1)));
    assertThat(s.n()).isEqualTo(3);
    assertThat(s.nWeighted()).isEqualTo(2);
    assertThat(s.mean()).isCloseTo(12, within(1e-12));
    assertThat(s.weightedMean()).isCloseTo(12, within(1e-12));
  }

  @Test
  void anEncodedStateDecodesToTheSameStateAndRefusesOtherParameters() {
    RunningStatistics s = of(lightCurve(new Random(2), 30));
    String encoded = s.encode();
    RunningStatistics back = RunningStatistics.decode(encoded, SCALES, 4.3, 0.26).orElseThrow();
    assertThat(back.encode()).isEqualTo(encoded);
    Point next = new Point(60100, 25, 1);
    s.add(next);
    back.add(next);
    assertThat(back.encode()).isEqualTo(s.encode());
    assertThat(RunningStatistics.decode(encoded, new double[] {5, 15, 40}, 4.3, 0.26)).isEmpty();
    assertThat(RunningStatistics.decode(encoded, SCALES, 4.3, 0.3)).isEmpty();
  }

  @Test
  void statisticsThatNeedTwoMeasurementsAreNullWithOne() {
    RunningStatistics s = of(List.of(new Point(1, 10, 1)));
    assertThat(s.std()).isNull();
    assertThat(s.eta()).isNull();
    assertThat(s.maxDeviation()).isNull();
    assertThat(s.vsMax()).isNull();
    assertThat(s.mMax()).isNull();
    assertThat(s.contrast(0)).isEmpty();
  }
}
