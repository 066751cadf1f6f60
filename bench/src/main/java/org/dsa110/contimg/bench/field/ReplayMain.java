package org.dsa110.contimg.bench.field;

import java.util.OptionalDouble;
import org.dsa110.contimg.products.variability.DetectorSettings;
import org.dsa110.contimg.products.variability.NormalisationSettings;

/**
 * Runs the science replay over the standard simulated field and prints the scorecard (for tuning).
 */
public final class ReplayMain {
  private ReplayMain() {}

  public static void main(String[] args) {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 1;
    double threshold = args.length > 1 ? Double.parseDouble(args[1]) : 5;
    boolean normalise = args.length <= 2 || Boolean.parseBoolean(args[2]);
    String kind = args.length > 3 ? args[3] : "standard";
    SimulatedField field =
        SimulatedField.generate(
            kind.equals("harsh") ? FieldModel.harsh(seed) : FieldModel.standard(seed));
    NormalisationSettings normalisation =
        new NormalisationSettings(normalise, 5, 30, 3.5, 3, OptionalDouble.empty());
    DetectorSettings detectors = new DetectorSettings(5, new double[] {5, 15, 45, 135}, 4.3, 0.26);
    long begin = System.nanoTime();
    Scorecard score = new ScienceReplay(normalisation, detectors, threshold).run(field);
    System.out.printf(
        "replay of %d images in %.1f s%n",
        field.images().size(), (System.nanoTime() - begin) / 1e9);
    System.out.println(Scorecard.markdown(score.summarise()));
  }
}
