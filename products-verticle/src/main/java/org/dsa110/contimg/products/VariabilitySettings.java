package org.dsa110.contimg.products;

import org.dsa110.contimg.common.config.Settings;

/** The {@code variability.*} configuration keys: whether statistics are kept, and the ESE flagging thresholds. */
record VariabilitySettings(boolean enabled, int minObs, double minSigma, double minChi2Nu, double rapidMinVs, double rapidMinM,
                           double reflagFactor, int etaVMaxPoints) {

  static VariabilitySettings from(Settings settings) {
    return new VariabilitySettings(
        settings.bool("variability.enabled"),
        settings.integer("variability.min_obs", 2, 1_000_000),
        settings.positive("variability.min_sigma"),
        settings.positive("variability.min_chi2_nu"),
        settings.positive("variability.rapid_min_vs"),
        settings.positive("variability.rapid_min_m"),
        settings.positive("variability.reflag_factor"),
        settings.integer("variability.eta_v_max_points", 10, 1_000_000));
  }
}
