package org.dsa110.contimg.calibration;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The kinds of calibration table, in the order they are applied: delay, bandpass, gain. */
enum TableType {
  K(0), BP(1), G(2);

  static final Set<String> NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

  private final int defaultOrder;

  TableType(int defaultOrder) {
    this.defaultOrder = defaultOrder;
  }

  int defaultOrder() {
    return defaultOrder;
  }
}
