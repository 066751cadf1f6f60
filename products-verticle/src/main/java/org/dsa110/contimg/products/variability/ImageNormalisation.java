package org.dsa110.contimg.products.variability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One image's normalisation, from its measurements to its scale: picks the references (final
 * references of the master catalogue, measured with enough signal-to-noise, unflagged, and not
 * themselves ESE candidates), gives each the baseline it is compared with, solves the gain, and
 * says how each accepted reference's own baseline moves. Pure: the caller loads the baselines and
 * stores what comes back.
 */
public final class ImageNormalisation {
  private final NormalisationSettings settings;
  private final EnsembleNormaliser normaliser;

  public ImageNormalisation(NormalisationSettings settings) {
    this.settings = settings;
    this.normaliser = new EnsembleNormaliser(settings.minReferences(), settings.clipSigma());
  }

  /**
   * A measurement as the normalisation sees it. {@code nvssMjy} may be null; errMjy NaN when
   * unknown.
   */
  public record Measurement(
      String sourceId,
      double fluxMjy,
      double errMjy,
      Double snr,
      long flags,
      boolean finalReference,
      Double nvssMjy) {}

  /**
   * A reference's baseline from its accepted epochs: weighted mean of normalised flux, its total
   * weight and count.
   */
  public record Baseline(long epochs, double sumW, double meanMjy) {
    public static final Baseline NONE = new Baseline(0, 0, 0);

    public Baseline plus(double fluxMjy, double weight) {
      double total = sumW + weight;
      return new Baseline(epochs + 1, total, meanMjy + weight / total * (fluxMjy - meanMjy));
    }

    public Baseline minus(double fluxMjy, double weight) {
      double total = sumW - weight;
      if (epochs <= 1 || !(total > 0)) {
        return NONE;
      }
      return new Baseline(epochs - 1, total, (meanMjy * sumW - weight * fluxMjy) / total);
    }
  }

  /**
   * A reference's contribution to its own baseline: its normalised flux in this image, with the
   * weight it adds.
   */
  public record Contribution(String sourceId, double fluxMjy, double weight) {}

  /**
   * The outcome: the solution, the scale to apply (only when normalised), and the baselines'
   * contributions.
   */
  public record Result(
      EnsembleNormaliser.Solution solution,
      ImageScale scale,
      List<Contribution> contributions,
      Map<String, String> baselineSources) {
    public boolean normalised() {
      return solution.normalised();
    }
  }

  public boolean isReferenceCandidate(Measurement m) {
    return m.finalReference()
        && m.flags() == 0
        && m.errMjy() > 0
        && m.fluxMjy() > 0
        && (m.snr() != null ? m.snr() : m.fluxMjy() / m.errMjy()) >= settings.minReferenceSnr();
  }

  /**
   * @param rows the image's measurements
   * @param baselines the baselines of (at least) its reference candidates; missing means none yet
   * @param variable sources that are open ESE candidates: never references
   * @param floor the systematic floor for this image
   */
  public Result solve(
      Collection<Measurement> rows,
      Map<String, Baseline> baselines,
      Set<String> variable,
      double floor) {
    List<EnsembleNormaliser.Reference> refs = new ArrayList<>();
    Map<String, String> from = new HashMap<>();
    for (Measurement m : rows) {
      if (!isReferenceCandidate(m) || variable.contains(m.sourceId())) {
        continue;
      }
      Baseline own = baselines.getOrDefault(m.sourceId(), Baseline.NONE);
      if (own.epochs() >= settings.baselineMinEpochs() && own.meanMjy() > 0) {
        refs.add(
            new EnsembleNormaliser.Reference(
                m.sourceId(),
                m.fluxMjy(),
                m.errMjy(),
                own.meanMjy(),
                1 / Math.sqrt(own.sumW()),
                true));
        from.put(m.sourceId(), "history");
      } else if (m.nvssMjy() != null && m.nvssMjy() > 0) {
        refs.add(
            new EnsembleNormaliser.Reference(
                m.sourceId(),
                m.fluxMjy(),
                m.errMjy(),
                m.nvssMjy(),
                EnsembleNormaliser.NVSS_BASELINE_ERROR * m.nvssMjy(),
                false));
        from.put(m.sourceId(), "nvss");
      }
    }
    EnsembleNormaliser.Solution solution = normaliser.solve(refs, floor);
    if (!solution.normalised()) {
      return new Result(solution, null, List.of(), from);
    }
    ImageScale scale = new ImageScale(solution.gain(), solution.gainErr(), floor);
    Map<String, EnsembleNormaliser.Reference> byId = new HashMap<>();
    refs.forEach(r -> byId.put(r.sourceId(), r));
    List<Contribution> contributions = new ArrayList<>();
    for (EnsembleNormaliser.Outcome outcome : solution.outcomes()) {
      if (outcome.used()) {
        EnsembleNormaliser.Reference r = byId.get(outcome.sourceId());
        // the gain's own error is common to every reference of the image: it does not belong in a
        // baseline's weight
        Point p = new ImageScale(scale.gain(), 0, floor).normalise(0, r.fluxMjy(), r.errMjy());
        contributions.add(new Contribution(r.sourceId(), p.fluxMjy(), p.weight()));
      }
    }
    return new Result(solution, scale, contributions, from);
  }
}
