package org.dsa110.contimg.calibration;

import io.vertx.core.json.JsonArray;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.dsa110.contimg.common.config.ConfigException;
import org.dsa110.contimg.common.config.Settings;

/** The {@code calibration.*} configuration keys. */
record CalSettings(boolean fallbackEnabled, double fallbackHours, TableTypes types) {

  static CalSettings from(Settings settings) {
    try {
      return new CalSettings(
          settings.bool("calibration.fallback_enabled"),
          settings.positive("calibration.fallback_hours"),
          new TableTypes(
              names(settings, "table_types"),
              new LinkedHashSet<>(names(settings, "required_types"))));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("config key " + e.getMessage());
    }
  }

  /** A list of type names under {@code calibration}, upper-cased as the pipeline writes them. */
  private static List<String> names(Settings settings, String key) {
    JsonArray values = settings.root().getJsonObject("calibration").getJsonArray(key);
    return values.stream()
        .map(value -> String.valueOf(value).strip().toUpperCase(Locale.ROOT))
        .toList();
  }
}
