package org.dsa110.contimg.products.variability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventLocatorTest {

  private static List<Point> curve(int dipFrom, int dipTo, int days) {
    Random random = new Random(1);
    List<Point> points = new ArrayList<>();
    for (int day = 0; day < days; day++) {
      double flux = day >= dipFrom && day <= dipTo ? 70 : 100;
      points.add(new Point(60000 + day, flux + random.nextGaussian(), 1));
    }
    return points;
  }

  @Test
  void aDipStillUnderWayHasItsStartAndNoEnd() {
    EventLocator.Segment s = EventLocator.locate(curve(100, 200, 130), -1, 400).orElseThrow();
    assertThat(s.startMjd()).isEqualTo(60100);
    assertThat(s.endMjd()).isNull();
    assertThat(s.depth()).isCloseTo(-0.3, within(0.01));
    assertThat(s.points()).isEqualTo(30);
  }

  @Test
  void aDipThatEndedHasBothEdges() {
    EventLocator.Segment s = EventLocator.locate(curve(40, 79, 150), -1, 400).orElseThrow();
    assertThat(s.startMjd()).isEqualTo(60040);
    assertThat(s.endMjd()).isEqualTo(60079);
  }

  @Test
  void runsLongerThanTheLongestScaleAreNotConsidered() {
    EventLocator.Segment s = EventLocator.locate(curve(40, 79, 150), -1, 20).orElseThrow();
    assertThat(s.endMjd() - s.startMjd()).isLessThanOrEqualTo(20);
    assertThat(s.startMjd()).isBetween(60040.0, 60079.0);
  }
}
