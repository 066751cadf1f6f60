package org.dsa110.contimg.common.bus;

import java.util.Arrays;
import java.util.Optional;

/** The owners on the bus, by the names operators use in {@code --verticles}. */
public enum Owner {
  INGEST("ingest", "ingest"),
  CALIBRATION("calibration", "cal"),
  PRODUCTS("products", "products"),
  CATALOG("catalog", "catalog"),
  ALERTS("alerts", "alerts");

  private final String name;
  private final String busName;

  Owner(String name, String busName) {
    this.name = name;
    this.busName = busName;
  }

  /** The name in {@code --verticles} and in health reports. */
  public String displayName() {
    return name;
  }

  /** The first segment of this owner's bus addresses. */
  public String busName() {
    return busName;
  }

  public static Optional<Owner> byName(String name) {
    return Arrays.stream(values()).filter(o -> o.name.equals(name)).findFirst();
  }
}
