package org.dsa110.contimg.bench.field;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Injection-recovery figures from what a detector run flagged, against the simulation's truth:
 * recall and how far into the event the first flag came, per depth x duration x brightness cell;
 * the false-positive rate on constant sources; and the scatter of normalised fluxes of constant
 * bright sources.
 */
public final class Scorecard {
  /**
   * A flag seen for a source: the newest MJD of its light curve at that moment, and the detector
   * that made it.
   */
  public record Flag(String sourceId, double atMjd, String detector) {}

  private static final double[] DEPTHS = {0.10, 0.15, 0.25, 0.50001};
  private static final double[] DURATIONS = {14, 30, 90, 180.0001};
  private static final double[] SNRS = {0, 20, 50, Double.POSITIVE_INFINITY};
  private static final double AFTER_END_DAYS = 30;

  private final SimulatedField field;
  private final Map<String, List<Flag>> flags = new HashMap<>();
  private final Map<String, List<Double>> normalisedFluxes = new HashMap<>();

  public Scorecard(SimulatedField field) {
    this.field = field;
  }

  public void flagged(Flag flag) {
    flags.computeIfAbsent(flag.sourceId(), k -> new ArrayList<>()).add(flag);
  }

  public void normalised(String sourceId, double fluxMjy) {
    normalisedFluxes.computeIfAbsent(sourceId, k -> new ArrayList<>()).add(fluxMjy);
  }

  public record Cell(
      String depth,
      String duration,
      String snr,
      int events,
      int recovered,
      double medianFlagFraction) {
    public double recall() {
      return events == 0 ? Double.NaN : (double) recovered / events;
    }
  }

  public record Summary(
      int constants,
      int falsePositives,
      Map<String, Integer> falsePositivesByDetector,
      List<Cell> cells,
      double brightScatter,
      int brightSources,
      double recallTarget,
      double medianFractionTarget,
      int eventsTarget) {
    public double falsePositiveRate() {
      return (double) falsePositives / constants;
    }
  }

  public Summary summarise() {
    int constants = 0;
    int falsePositives = 0;
    Map<String, Integer> byDetector = new HashMap<>();
    Map<String, List<Double>> fractions = new HashMap<>();
    Map<String, int[]> counts = new HashMap<>();
    List<Double> targetFractions = new ArrayList<>();
    int targetEvents = 0;
    int targetRecovered = 0;
    List<Double> scatters = new ArrayList<>();
    for (SimulatedSource s : field.sources()) {
      List<Flag> seen = flags.getOrDefault(s.sourceId(), List.of());
      double snr = s.trueFluxMjy() / field.model().noiseMjy();
      if (s.event() == null) {
        constants++;
        if (!seen.isEmpty()) {
          falsePositives++;
          seen.stream()
              .map(Flag::detector)
              .distinct()
              .forEach(d -> byDetector.merge(d, 1, Integer::sum));
        }
        List<Double> fluxes = normalisedFluxes.getOrDefault(s.sourceId(), List.of());
        if (snr >= 100 && fluxes.size() > 10) {
          scatters.add(relativeScatter(fluxes));
        }
        continue;
      }
      InjectedEvent e = s.event();
      String key =
          bin(Math.abs(e.depth()), DEPTHS, "%.2f")
              + "|"
              + bin(e.durationDays(), DURATIONS, "%.0f")
              + "|"
              + bin(snr, SNRS, "%.0f");
      int[] count = counts.computeIfAbsent(key, k -> new int[2]);
      count[0]++;
      double first =
          seen.stream()
              .mapToDouble(Flag::atMjd)
              .filter(mjd -> mjd >= e.startMjd() && mjd <= e.endMjd() + AFTER_END_DAYS)
              .min()
              .orElse(Double.NaN);
      boolean target = Math.abs(e.depth()) >= 0.15 && e.durationDays() >= 30 && snr >= 20;
      if (target) {
        targetEvents++;
      }
      if (!Double.isNaN(first)) {
        count[1]++;
        double fraction = (first - e.startMjd()) / e.durationDays();
        fractions.computeIfAbsent(key, k -> new ArrayList<>()).add(fraction);
        if (target) {
          targetRecovered++;
          targetFractions.add(fraction);
        }
      }
    }
    List<Cell> cells = new ArrayList<>();
    counts.keySet().stream()
        .sorted()
        .forEach(
            key -> {
              String[] parts = key.split("\\|");
              int[] count = counts.get(key);
              cells.add(
                  new Cell(
                      parts[0],
                      parts[1],
                      parts[2],
                      count[0],
                      count[1],
                      median(fractions.getOrDefault(key, List.of()))));
            });
    return new Summary(
        constants,
        falsePositives,
        byDetector,
        cells,
        median(scatters),
        scatters.size(),
        targetEvents == 0 ? Double.NaN : (double) targetRecovered / targetEvents,
        median(targetFractions),
        targetEvents);
  }

  /** Markdown: the summary line, then the grid. */
  public static String markdown(Summary summary) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "false positives: %d of %d constant sources (%.2f%%) %s%n",
            summary.falsePositives(),
            summary.constants(),
            100.0 * summary.falsePositiveRate(),
            summary.falsePositivesByDetector()));
    out.append(
        String.format(
            Locale.ROOT,
            "target cells (depth >= 15%%, duration >= 30 d, S/N >= 20): %d events, recall %.3f, median first flag at %.2f of the event%n",
            summary.eventsTarget(),
            summary.recallTarget(),
            summary.medianFractionTarget()));
    out.append(
        String.format(
            Locale.ROOT,
            "normalised scatter of constant sources with S/N >= 100: median %.2f%% over %d sources%n%n",
            100 * summary.brightScatter(),
            summary.brightSources()));
    out.append(
        "| depth | duration (d) | S/N | events | recall | first flag (fraction of event, median) |\n|---|---|---|---:|---:|---:|\n");
    for (Cell c : summary.cells()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %d | %.2f | %s |%n",
              c.depth(),
              c.duration(),
              c.snr(),
              c.events(),
              c.recall(),
              Double.isNaN(c.medianFlagFraction())
                  ? "-"
                  : String.format(Locale.ROOT, "%.2f", c.medianFlagFraction())));
    }
    return out.toString();
  }

  private static String bin(double value, double[] edges, String format) {
    for (int i = 0; i < edges.length - 1; i++) {
      if (value >= edges[i] && value < edges[i + 1]) {
        String high =
            Double.isInfinite(edges[i + 1])
                ? ""
                : String.format(Locale.ROOT, format, Math.floor(edges[i + 1] * 1000) / 1000);
        return String.format(Locale.ROOT, format, edges[i]) + "-" + high;
      }
    }
    return "other";
  }

  private static double relativeScatter(List<Double> fluxes) {
    double mean = fluxes.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double variance =
        fluxes.stream().mapToDouble(f -> (f - mean) * (f - mean)).sum() / (fluxes.size() - 1);
    return Math.sqrt(variance) / mean;
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }
}
