package org.dsa110.contimg.calibration;

import org.dsa110.contimg.common.config.Settings;

/** The {@code calibration.*} configuration keys. */
record CalSettings(boolean fallbackEnabled, double fallbackHours) {

  static CalSettings from(Settings settings) {
    return new CalSettings(settings.bool("calibration.fallback_enabled"), settings.positive("calibration.fallback_hours"));
  }
}
