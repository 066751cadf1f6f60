package org.dsa110.contimg.bench;

import java.util.Map;

/**
 * Photometry ingest with the variability statistics and ESE flagging on (normalisation, statistics,
 * detectors), beside the same ingest with them off: 10,000 sources that already have about 100
 * measurements each, then 100 more images of them.
 */
final class VariabilityBench {
  private static final int HISTORY = Integer.getInteger("bench.variability.history", 100);
  private static final int MEASURED = Integer.getInteger("bench.variability.images", 100);

  private VariabilityBench() {}

  static void run(BenchTable table) throws Exception {
    Figures off = measure("false");
    table.add(off);
    table.add(measure("true"), off);
  }

  /**
   * With the sources' catalogue imported, so the statistics side normalises every image against its
   * 200 references.
   */
  private static Figures measure(String enabled) throws Exception {
    try (BenchHub hub = BenchHub.start(Map.of("CONTIMG_VARIABILITY_ENABLED", enabled))) {
      PhotometryBench.importCatalogue(hub);
      PhotometryBench.busIngest(hub, 0, HISTORY, "history");
      return PhotometryBench.busIngest(
          hub,
          HISTORY,
          MEASURED,
          String.format(
              "photometry.add with %d points of history, variability %s",
              HISTORY, "true".equals(enabled) ? "on" : "off"));
    }
  }
}
