package org.dsa110.contimg.products;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** How far a Measurement Set has come; it only moves forward unless a request forces it back. */
enum Stage {
  CONVERTED,
  CALIBRATED,
  IMAGED,
  PHOTOMETRY_COMPLETE;

  static final Set<String> NAMES =
      Arrays.stream(values()).map(Stage::dbName).collect(Collectors.toUnmodifiableSet());

  String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Stage fromDb(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
