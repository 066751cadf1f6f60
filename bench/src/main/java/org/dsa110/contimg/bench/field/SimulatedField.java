package org.dsa110.contimg.bench.field;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A simulated field, generated from a {@link FieldModel}: its sources, and its images in the order
 * they arrive.
 */
public final class SimulatedField {
  public static final double FIRST_MJD = 60000.0;
  private static final double DEC_DEG = 42.0;
  private static final double FIELD_RADIUS_DEG = 1.5;
  private static final double NVSS_RMS_MJY = 0.45;

  private final FieldModel model;
  private final List<SimulatedSource> sources;
  private final List<SimulatedImage> images;

  private SimulatedField(
      FieldModel model, List<SimulatedSource> sources, List<SimulatedImage> images) {
    this.model = model;
    this.sources = sources;
    this.images = images;
  }

  public FieldModel model() {
    return model;
  }

  public List<SimulatedSource> sources() {
    return sources;
  }

  /** Images in arrival order (a few late ones arrive after later images). */
  public List<SimulatedImage> images() {
    return images;
  }

  public static SimulatedField generate(FieldModel model) {
    Random random = new Random(model.seed());
    List<SimulatedSource> sources = sources(model, random);
    List<SimulatedImage> images = new ArrayList<>();
    List<double[]> arrival = new ArrayList<>();
    double globalPhase = random.nextDouble() * 2 * Math.PI;
    double globalPeriod = 40 + random.nextDouble() * 50;
    for (int f = 0; f < model.fields(); f++) {
      double fieldPhase = random.nextDouble() * 2 * Math.PI;
      double fieldPeriod = 20 + random.nextDouble() * 40;
      int field = f;
      List<SimulatedSource> inField = sources.stream().filter(s -> s.field() == field).toList();
      for (int day = 0; day < model.days(); day++) {
        double mjd = FIRST_MJD + day + f / 24.0;
        double t = mjd - FIRST_MJD;
        double drift =
            (1 + model.driftAmplitude() * Math.sin(2 * Math.PI * t / globalPeriod + globalPhase))
                * (1
                    + 0.5
                        * model.driftAmplitude()
                        * Math.sin(2 * Math.PI * t / fieldPeriod + fieldPhase));
        double gain = drift * (1 + model.gainErrorSigma() * random.nextGaussian());
        if (random.nextDouble() < model.badImageFraction()) {
          gain *= 1 + (random.nextBoolean() ? 1 : -1) * (0.1 + 0.1 * random.nextDouble());
        }
        double noise = model.noiseMjy() * (0.8 + 0.7 * random.nextDouble());
        List<SimulatedImage.Row> rows = new ArrayList<>(inField.size());
        for (SimulatedSource s : inField) {
          double flux =
              gain * s.fluxAt(mjd) * (1 + model.residualFraction() * random.nextGaussian())
                  + noise * random.nextGaussian();
          double sep =
              Math.hypot(
                  (s.raDeg() - centreRa(f)) * Math.cos(Math.toRadians(DEC_DEG)),
                  s.decDeg() - DEC_DEG);
          rows.add(new SimulatedImage.Row(s, flux, noise, flux / noise, sep));
        }
        String name = String.format("field%02d/day%03d", f, day);
        images.add(
            new SimulatedImage(
                "/sim/images/" + name + ".fits",
                "/sim/ms/" + name + ".ms",
                f,
                mjd,
                centreRa(f),
                DEC_DEG,
                noise,
                gain,
                rows));
        double delay =
            random.nextDouble() < model.lateFraction() ? 1 + 14 * random.nextDouble() : 0;
        arrival.add(new double[] {mjd + delay, images.size() - 1});
      }
    }
    arrival.sort(Comparator.comparingDouble(a -> a[0]));
    List<SimulatedImage> ordered = arrival.stream().map(a -> images.get((int) a[1])).toList();
    return new SimulatedField(model, sources, ordered);
  }

  private static double centreRa(int field) {
    return 15.0 * field + 7.5;
  }

  private static List<SimulatedSource> sources(FieldModel model, Random random) {
    List<double[]> drawn = new ArrayList<>();
    for (int f = 0; f < model.fields(); f++) {
      for (int k = 0; k < model.sourcesPerField(); k++) {
        // Euclidean counts, N(>S) ~ S^-1.5
        double flux =
            Math.min(
                model.maxFluxMjy(),
                model.minFluxMjy() * Math.pow(1 - random.nextDouble(), -1 / 1.5));
        double r = FIELD_RADIUS_DEG * Math.sqrt(random.nextDouble());
        double angle = 2 * Math.PI * random.nextDouble();
        drawn.add(
            new double[] {
              f,
              k,
              flux,
              centreRa(f) + r * Math.cos(angle) / Math.cos(Math.toRadians(DEC_DEG)),
              DEC_DEG + r * Math.sin(angle)
            });
      }
    }
    boolean[] withEvent = chooseEventSources(model, random, drawn);
    List<SimulatedSource> sources = new ArrayList<>(drawn.size());
    for (int i = 0; i < drawn.size(); i++) {
      double[] d = drawn.get(i);
      double flux = d[2];
      double nvss = flux * (1 + model.nvssScatter() * random.nextGaussian());
      InjectedEvent event = withEvent[i] ? event(model, random) : null;
      sources.add(
          new SimulatedSource(
              String.format("SIM J%02d-%05d", (int) d[0], (int) d[1]),
              (int) d[0],
              d[3],
              d[4],
              flux,
              Math.max(0.1, nvss),
              Math.max(0.1, nvss) / NVSS_RMS_MJY,
              random.nextDouble() < 0.10,
              random.nextDouble() < 0.05,
              event));
    }
    return sources;
  }

  /**
   * Events go to the same number of sources in each brightness band (S/N below 20, 20-50, above
   * 50), at random within it, but never to more than half of a band, so every band keeps constant
   * sources.
   */
  private static boolean[] chooseEventSources(
      FieldModel model, Random random, List<double[]> drawn) {
    boolean[] chosen = new boolean[drawn.size()];
    int perBand = (int) Math.round(model.eventFraction() * drawn.size() / 3);
    double[][] bands = {{0, 20}, {20, 50}, {50, Double.POSITIVE_INFINITY}};
    for (double[] band : bands) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < drawn.size(); i++) {
        double snr = drawn.get(i)[2] / model.noiseMjy();
        if (snr >= band[0] && snr < band[1]) {
          members.add(i);
        }
      }
      Collections.shuffle(members, random);
      members.stream().limit(Math.min(perBand, members.size() / 2)).forEach(i -> chosen[i] = true);
    }
    return chosen;
  }

  private static InjectedEvent event(FieldModel model, Random random) {
    double depth = 0.10 + 0.40 * random.nextDouble();
    boolean rise = random.nextDouble() < model.riseFraction();
    double duration = Math.exp(Math.log(14) + (Math.log(180) - Math.log(14)) * random.nextDouble());
    double latestStart = Math.max(20, model.days() - duration / 2);
    double start = FIRST_MJD + 10 + (latestStart - 10) * random.nextDouble();
    double caustic = rise ? 0 : 0.5 * depth * random.nextDouble();
    return new InjectedEvent(start, duration, rise ? depth : -depth, caustic);
  }
}
