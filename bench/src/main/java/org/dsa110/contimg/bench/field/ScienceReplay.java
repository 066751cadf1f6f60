package org.dsa110.contimg.bench.field;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsa110.contimg.products.variability.Detection;
import org.dsa110.contimg.products.variability.DetectorSettings;
import org.dsa110.contimg.products.variability.Detectors;
import org.dsa110.contimg.products.variability.ImageNormalisation;
import org.dsa110.contimg.products.variability.ImageScale;
import org.dsa110.contimg.products.variability.NormalisationSettings;
import org.dsa110.contimg.products.variability.Point;
import org.dsa110.contimg.products.variability.RunningStatistics;
import org.dsa110.contimg.products.variability.SystematicFloor;

/**
 * The hub's science run in memory over a simulated field, image by image in arrival order, exactly
 * as the products owner runs it per photometry batch (normalise, then update each source and ask
 * the detectors), so the detectors can be studied in seconds; the bridge benchmark measures the hub
 * itself.
 */
public final class ScienceReplay {
  private final NormalisationSettings normalisation;
  private final DetectorSettings detectorSettings;
  private final double threshold;

  public ScienceReplay(
      NormalisationSettings normalisation, DetectorSettings detectorSettings, double threshold) {
    this.normalisation = normalisation;
    this.detectorSettings = detectorSettings;
    this.threshold = threshold;
  }

  public Scorecard run(SimulatedField field) {
    Scorecard score = new Scorecard(field);
    ImageNormalisation normaliser = new ImageNormalisation(normalisation);
    Detectors detectors = new Detectors(detectorSettings);
    Map<String, ImageNormalisation.Baseline> baselines = new HashMap<>();
    Map<String, RunningStatistics> states = new HashMap<>();
    Set<String> variable = new HashSet<>();
    LinkedList<Double> floorEstimates = new LinkedList<>();
    for (SimulatedImage image : field.images()) {
      List<ImageNormalisation.Measurement> rows = new ArrayList<>();
      for (SimulatedImage.Row row : image.rows()) {
        rows.add(
            new ImageNormalisation.Measurement(
                row.source().sourceId(),
                row.fluxMjy(),
                row.errMjy(),
                row.snr(),
                0,
                row.source().finalReference(),
                row.source().nvssMjy()));
      }
      double floor = SystematicFloor.choose(normalisation, floorEstimates);
      ImageScale scale;
      if (normalisation.enabled()) {
        ImageNormalisation.Result result = normaliser.solve(rows, baselines, variable, floor);
        if (!result.normalised()) {
          continue;
        }
        scale = result.scale();
        if (result.solution().floorEstimate() != null) {
          floorEstimates.addFirst(result.solution().floorEstimate());
        }
        result
            .contributions()
            .forEach(
                c ->
                    baselines.merge(
                        c.sourceId(),
                        ImageNormalisation.Baseline.NONE.plus(c.fluxMjy(), c.weight()),
                        (old, added) -> old.plus(c.fluxMjy(), c.weight())));
      } else {
        scale = ImageScale.unit(floor);
      }
      for (SimulatedImage.Row row : image.rows()) {
        String id = row.source().sourceId();
        Point point = scale.normalise(image.mjd(), row.fluxMjy(), row.errMjy());
        score.normalised(id, point.fluxMjy());
        RunningStatistics state = states.computeIfAbsent(id, k -> detectorSettings.newStatistics());
        state.add(point);
        for (Detection d : detectors.evaluate(state)) {
          if (d.significance() >= threshold) {
            score.flagged(new Scorecard.Flag(id, d.atMjd(), d.detector()));
            if (Detection.VARIABILITY.equals(d.flagType())) {
              variable.add(id);
            }
          }
        }
      }
    }
    return score;
  }
}
