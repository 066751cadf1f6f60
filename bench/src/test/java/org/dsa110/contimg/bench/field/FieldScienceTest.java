package org.dsa110.contimg.bench.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.dsa110.contimg.products.variability.DetectorSettings;
import org.dsa110.contimg.products.variability.NormalisationSettings;
import org.junit.jupiter.api.Test;

/**
 * The science against simulated skies with real systematics (the hub's defaults, in memory): the
 * issue's targets hold on the standard field and on a harsher one, and fail without normalisation,
 * so the test can tell.
 */
class FieldScienceTest {
  private static final DetectorSettings DETECTORS =
      new DetectorSettings(5, new double[] {5, 15, 45, 135}, 4.3, 0.26);
  private static final double THRESHOLD = 5;

  private static Scorecard.Summary replay(FieldModel model, boolean normalise) {
    NormalisationSettings normalisation =
        new NormalisationSettings(normalise, 5, 30, 3.5, 3, OptionalDouble.empty());
    return new ScienceReplay(normalisation, DETECTORS, THRESHOLD)
        .run(SimulatedField.generate(model))
        .summarise();
  }

  @Test
  void onTheStandardFieldTheTargetsHold() {
    Scorecard.Summary s = replay(FieldModel.standard(11).withSize(6, 400, 150), true);
    assertThat(s.falsePositiveRate()).as(Scorecard.markdown(s)).isLessThanOrEqualTo(0.01);
    assertThat(s.eventsTarget()).isGreaterThan(50);
    assertThat(s.recallTarget()).as(Scorecard.markdown(s)).isGreaterThanOrEqualTo(0.9);
    assertThat(s.medianFractionTarget())
        .as("first flag, as a fraction of the event")
        .isLessThan(0.5);
    assertThat(s.brightScatter())
        .as("normalised scatter of constant bright sources")
        .isLessThanOrEqualTo(0.015);
  }

  @Test
  void onAHarsherFieldFalsePositivesStayRareAndRecallHigh() {
    Scorecard.Summary s = replay(FieldModel.harsh(12).withSize(6, 400, 150), true);
    assertThat(s.falsePositiveRate()).as(Scorecard.markdown(s)).isLessThanOrEqualTo(0.01);
    assertThat(s.recallTarget()).as(Scorecard.markdown(s)).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void withoutNormalisationConstantSourcesAreFlagged() {
    Scorecard.Summary s = replay(FieldModel.harsh(12).withSize(6, 400, 150), false);
    assertThat(s.falsePositiveRate()).as(Scorecard.markdown(s)).isGreaterThan(0.5);
  }
}
