package org.dsa110.contimg.products.variability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * Tail probabilities against published values (Abramowitz & Stegun; closed forms for integer
 * shape).
 */
class ProbabilityTest {

  @Test
  void gaussianTailsMatchTheTablesIntoTheFarTail() {
    assertThat(Math.exp(Gaussian.logSf(1))).isCloseTo(0.15865525393145707, withinPercentage(1e-5));
    assertThat(Math.exp(Gaussian.logSf(3))).isCloseTo(0.0013498980316301, withinPercentage(1e-5));
    assertThat(Math.exp(Gaussian.logSf(5))).isCloseTo(2.866515718791939e-7, withinPercentage(1e-5));
    assertThat(Math.exp(Gaussian.logSf(10)))
        .isCloseTo(7.619853024160593e-24, withinPercentage(1e-5));
    assertThat(Gaussian.logSf(20)).isCloseTo(Math.log(2.7536241186063314e-89), within(1e-6));
    assertThat(Math.exp(Gaussian.logSf(-1))).isCloseTo(0.8413447460685429, withinPercentage(1e-5));
    assertThat(Gaussian.logSf(300)).isFinite().isLessThan(-40_000);
  }

  @Test
  void theInverseTailGivesBackZEverywhere() {
    for (double z : new double[] {-3, -0.5, 0, 0.3, 1, 2.5, 5, 8, 12, 37, 100, 1000}) {
      assertThat(Gaussian.isf(Gaussian.logSf(z)))
          .as("z = %s", z)
          .isCloseTo(z, within(1e-7 * Math.max(1, z)));
    }
  }

  @Test
  void chiSquareTailsMatchTheTables() {
    assertThat(Math.exp(ChiSquare.logSf(3.841458820694124, 1)))
        .isCloseTo(0.05, withinPercentage(1e-4));
    assertThat(Math.exp(ChiSquare.logSf(18.307038053275146, 10)))
        .isCloseTo(0.05, withinPercentage(1e-4));
    assertThat(Math.exp(ChiSquare.logSf(124.34211340400407, 100)))
        .isCloseTo(0.05, withinPercentage(1e-4));
    assertThat(Math.exp(ChiSquare.logSf(10, 10)))
        .isCloseTo(0.4404932850652124, withinPercentage(1e-6));
    // Q(5, 100) = e^-100 (1 + 100 + 100^2/2 + 100^3/6 + 100^4/24): far below what a double can hold
    // as p
    assertThat(ChiSquare.logSf(200, 10)).isCloseTo(-84.71697591169848, within(1e-8));
    assertThat(ChiSquare.logSf(0, 4)).isZero();
  }

  @Test
  void oneLookOfZIsZAndMoreLooksCostSignificance() {
    assertThat(Significance.ofZ(5, 1)).isCloseTo(5, within(1e-6));
    assertThat(Significance.ofZ(-5, 1)).isCloseTo(5, within(1e-6));
    // p = 5.7e-7 looked at 1,000 times is p = 5.7e-4: 3.44 sigma
    assertThat(Significance.ofZ(5, 1000)).isCloseTo(3.44, within(0.01));
    // at 1,000 looks a 5-sigma equivalent needs p = 5.7e-10 per look
    assertThat(Significance.ofZ(Gaussian.isf(Math.log(5.733031437583878e-7 / 1000 / 2)), 1000))
        .isCloseTo(5, within(1e-3));
    assertThat(Significance.ofZ(0.5, 10)).isCloseTo(0, within(1e-3));
    assertThat(Significance.ofZ(60, 1e6)).isGreaterThan(59);
  }

  @Test
  void aChiSquareAtItsMedianIsNotSignificantAndAHugeOneIs() {
    assertThat(Significance.ofChiSquare(99.3, 100, 1)).isLessThan(0.7);
    assertThat(Significance.ofChiSquare(400, 100, 7)).isGreaterThan(10);
  }
}
