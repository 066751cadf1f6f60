package org.dsa110.contimg.products;

import io.vertx.core.json.JsonArray;
import java.util.OptionalDouble;
import org.dsa110.contimg.common.config.ConfigException;
import org.dsa110.contimg.common.config.HubConfig;
import org.dsa110.contimg.common.config.Settings;
import org.dsa110.contimg.products.variability.DetectorSettings;
import org.dsa110.contimg.products.variability.NormalisationSettings;

/**
 * The {@code variability.*} configuration keys: whether statistics are kept, the detectors'
 * parameters and the one significance threshold every rule is held to, and ensemble normalisation's
 * parameters.
 */
record VariabilitySettings(
    boolean enabled,
    double minSignificance,
    double reflagFactor,
    int etaVMaxPoints,
    DetectorSettings detectors,
    NormalisationSettings normalisation,
    long retryIntervalMs) {
  private static final double MAX_FLOOR = 0.5;

  static VariabilitySettings from(Settings settings) {
    DetectorSettings detectors =
        new DetectorSettings(
            settings.integer("variability.min_obs", 2, 1_000_000),
            scales(settings),
            settings.positive("variability.rapid_min_vs"),
            settings.positive("variability.rapid_min_m"));
    NormalisationSettings normalisation =
        new NormalisationSettings(
            settings.bool("variability.normalisation.enabled"),
            settings.integer("variability.normalisation.min_references", 2, 10_000),
            settings.positive("variability.normalisation.min_reference_snr"),
            settings.positive("variability.normalisation.clip_sigma"),
            settings.integer("variability.normalisation.baseline_min_epochs", 1, 10_000),
            floor(settings));
    return new VariabilitySettings(
        settings.bool("variability.enabled"),
        settings.positive("variability.min_significance"),
        settings.positive("variability.reflag_factor"),
        settings.integer("variability.eta_v_max_points", 10, 1_000_000),
        detectors,
        normalisation,
        settings.integer("variability.normalisation.retry_interval_ms", 1000, Integer.MAX_VALUE));
  }

  private static double[] scales(Settings settings) {
    String key = "variability.slow_scales_days";
    JsonArray list = settings.root().getJsonObject("variability").getJsonArray("slow_scales_days");
    if (list == null || list.isEmpty() || list.size() > 12) {
      throw new ConfigException(
          "config key "
              + key
              + " ("
              + HubConfig.envName(key)
              + ") must list 1 to 12 time scales in days");
    }
    double[] scales = new double[list.size()];
    for (int i = 0; i < scales.length; i++) {
      try {
        scales[i] = Double.parseDouble(String.valueOf(list.getValue(i)));
      } catch (NumberFormatException e) {
        scales[i] = Double.NaN;
      }
      if (!(scales[i] >= 0.001 && scales[i] <= 3650)) {
        throw new ConfigException(
            "config key "
                + key
                + " ("
                + HubConfig.envName(key)
                + ") must hold numbers of days between 0.001 and 3650, got '"
                + list.getValue(i)
                + "'");
      }
    }
    return scales;
  }

  /** "auto" (the default): measured from the references; otherwise a fraction between 0 and 0.5. */
  private static OptionalDouble floor(Settings settings) {
    String key = "variability.systematic_floor";
    String value = settings.string(key).strip();
    if (value.equals("auto")) {
      return OptionalDouble.empty();
    }
    try {
      double floor = Double.parseDouble(value);
      if (floor >= 0 && floor <= MAX_FLOOR) {
        return OptionalDouble.of(floor);
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new ConfigException(
        "config key "
            + key
            + " ("
            + HubConfig.envName(key)
            + ") must be auto or a fraction between 0 and "
            + MAX_FLOOR
            + ", got '"
            + value
            + "'");
  }
}
