package org.dsa110.contimg.products.variability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnsembleNormaliserTest {
  private final EnsembleNormaliser normaliser = new EnsembleNormaliser(5, 3.5);

  /**
   * References of one image: flux = gain x baseline x (1 + floor noise) + thermal noise; some of
   * them wild.
   */
  private static List<EnsembleNormaliser.Reference> image(
      Random random, int count, double gain, double floor, double snr, int wild) {
    List<EnsembleNormaliser.Reference> refs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double baseline = 50 + random.nextDouble() * 450;
      double err = baseline / snr;
      double flux =
          gain * baseline * (1 + floor * random.nextGaussian()) + err * random.nextGaussian();
      if (i < wild) {
        flux *= 0.6;
      }
      refs.add(
          new EnsembleNormaliser.Reference("ref" + i, flux, err, baseline, baseline * 0.002, true));
    }
    return refs;
  }

  @Test
  void theGainOfAnImageIsRecoveredToItsStatedErrorAndWildReferencesAreRejected() {
    Random random = new Random(7);
    int within2Sigma = 0;
    for (int trial = 0; trial < 200; trial++) {
      double gain = 1 + 0.05 * random.nextGaussian();
      EnsembleNormaliser.Solution s = normaliser.solve(image(random, 40, gain, 0.01, 100, 4), 0.01);
      assertThat(s.normalised()).isTrue();
      assertThat(s.used()).isBetween(33, 36);
      assertThat(s.outcomes().subList(0, 4)).allSatisfy(o -> assertThat(o.used()).isFalse());
      if (Math.abs(s.gain() - gain) < 2 * s.gainErr()) {
        within2Sigma++;
      }
    }
    // a correct error covers the truth within 2 sigma about 95% of the time
    assertThat(within2Sigma).isBetween(180, 200);
  }

  @Test
  void tooFewReferencesLeaveTheImageUnnormalised() {
    EnsembleNormaliser.Solution s =
        normaliser.solve(image(new Random(1), 4, 1.1, 0.01, 100, 0), 0.01);
    assertThat(s.normalised()).isFalse();
    assertThat(s.gain()).isEqualTo(1);
    assertThat(s.outcomes()).hasSize(4).allSatisfy(o -> assertThat(o.used()).isFalse());
  }

  @Test
  void theFloorEstimateFindsTheSystematicScatterBeyondTheThermalErrors() {
    Random random = new Random(3);
    double[] estimates = new double[50];
    for (int i = 0; i < estimates.length; i++) {
      estimates[i] = normaliser.solve(image(random, 60, 0.95, 0.015, 80, 0), 0.02).floorEstimate();
    }
    assertThat(Robust.median(estimates, estimates.length)).isCloseTo(0.015, within(0.002));
  }

  @Test
  void referencesWithoutAGoodFluxOrBaselineAreNotConsidered() {
    List<EnsembleNormaliser.Reference> refs =
        new ArrayList<>(image(new Random(5), 10, 1, 0.01, 100, 0));
    refs.add(new EnsembleNormaliser.Reference("negative", -3, 1, 100, 1, true));
    refs.add(new EnsembleNormaliser.Reference("no baseline", 30, 1, 0, 1, true));
    assertThat(normaliser.solve(refs, 0.01).considered()).isEqualTo(10);
  }
}
