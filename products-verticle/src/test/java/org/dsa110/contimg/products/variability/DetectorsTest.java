package org.dsa110.contimg.products.variability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DetectorsTest {
  private static final DetectorSettings SETTINGS =
      new DetectorSettings(5, new double[] {5, 15, 45, 135}, 4.3, 0.26);
  private final Detectors detectors = new Detectors(SETTINGS);

  private static double best(List<Detection> detections, String detector) {
    return detections.stream()
        .filter(d -> d.detector().equals(detector))
        .mapToDouble(Detection::significance)
        .max()
        .orElse(0);
  }

  @Test
  void constantSourcesWithHonestErrorsStayBelowFiveSigmaOnEveryRuleAtEveryEpoch() {
    Random random = new Random(21);
    int flagged = 0;
    for (int source = 0; source < 2000; source++) {
      RunningStatistics s = SETTINGS.newStatistics();
      double flux = 5 + 200 * random.nextDouble();
      double err = 0.02 * flux + 1;
      boolean any = false;
      for (int day = 0; day < 150; day++) {
        s.add(new Point(60000 + day, flux + err * random.nextGaussian(), err));
        any |= detectors.evaluate(s).stream().anyMatch(d -> d.significance() >= 5);
      }
      flagged += any ? 1 : 0;
    }
    assertThat(flagged).isLessThanOrEqualTo(2);
  }

  @Test
  void aDipOfTwentyPercentAtSignalToNoiseTwentyIsFlaggedWithinItsFirstWeekWithItsScaleAndDepth() {
    Random random = new Random(4);
    RunningStatistics s = SETTINGS.newStatistics();
    double err = 5;
    Double flaggedOn = null;
    Detection first = null;
    for (int day = 0; day < 120; day++) {
      double flux = day >= 80 ? 80 : 100;
      s.add(new Point(60000 + day, flux + err * random.nextGaussian(), err));
      for (Detection d : detectors.evaluate(s)) {
        if (d.detector().equals(Detection.SLOW_DEPARTURE)
            && d.significance() >= 5
            && first == null) {
          first = d;
          flaggedOn = 60000.0 + day;
        }
      }
    }
    assertThat(first).isNotNull();
    assertThat(flaggedOn - 60080).isLessThanOrEqualTo(7);
    assertThat(first.direction()).isEqualTo("dip");
    assertThat(first.depth()).isBetween(-0.3, -0.08);
    assertThat(first.scaleDays()).isIn(5.0, 15.0);
    assertThat(first.flagType()).isEqualTo(Detection.VARIABILITY);
  }

  @Test
  void aTwoEpochJumpIsARapidChangeWithItsEpochsAndAFewPointsAreNotJudgedByTheOtherRules() {
    RunningStatistics s = SETTINGS.newStatistics();
    s.add(new Point(60000, 100, 2));
    s.add(new Point(60001, 50, 2));
    List<Detection> detections = detectors.evaluate(s);
    assertThat(detections).hasSize(1);
    Detection rapid = detections.get(0);
    assertThat(rapid.flagType()).isEqualTo(Detection.RAPID_CHANGE);
    assertThat(rapid.localSigma()).isCloseTo(50 / Math.sqrt(8), within(1e-9));
    assertThat(rapid.depth()).isCloseTo(-2.0 / 3, within(1e-9));
    assertThat(rapid.startMjd()).isEqualTo(60000);
    assertThat(rapid.endMjd()).isEqualTo(60001);
    assertThat(rapid.significance())
        .isCloseTo(Significance.ofZ(50 / Math.sqrt(8), 1), within(1e-9));
  }

  @Test
  void aSingleOutlierIsMaxDeviationNotASlowDeparture() {
    RunningStatistics s = SETTINGS.newStatistics();
    Random random = new Random(8);
    for (int day = 0; day < 60; day++) {
      s.add(new Point(60000 + day, 100 + random.nextGaussian(), 1));
    }
    s.add(new Point(60060, 140, 1));
    List<Detection> detections = detectors.evaluate(s);
    assertThat(best(detections, Detection.MAX_DEVIATION)).isGreaterThan(30);
    assertThat(best(detections, Detection.SLOW_DEPARTURE)).isGreaterThan(5);
    assertThat(
            new ArrayList<>(detections)
                .stream()
                    .filter(d -> d.detector().equals(Detection.SLOW_DEPARTURE))
                    .findFirst()
                    .orElseThrow()
                    .scaleDays())
        .isEqualTo(5.0);
  }
}
