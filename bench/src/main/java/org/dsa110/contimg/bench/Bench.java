package org.dsa110.contimg.bench;

import java.util.List;

/**
 * {@code java -jar bench/target/contimg-bench.jar [pipeline] [calibration] [photometry]
 * [variability] [ese] [catalog]}: starts a hub on loopback, runs the named benchmarks (default:
 * all) and prints a Markdown table of the figures.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    List<String> chosen =
        args.length == 0
            ? List.of("pipeline", "calibration", "photometry", "variability", "ese", "catalog")
            : List.of(args);
    BenchTable table = new BenchTable();
    try (BenchHub hub = BenchHub.start()) {
      for (String name : chosen) {
        switch (name) {
          case "calibration" -> CalibrationBench.run(hub, table);
          case "photometry" -> PhotometryBench.run(hub, table);
          case "variability" -> VariabilityBench.run(table);
          case "ese" -> EseRecoveryBench.run(table);
          case "catalog" -> CatalogBench.run(hub, table);
          case "pipeline" -> PipelineBench.run(hub, table);
          default ->
              throw new IllegalArgumentException(
                  "unknown benchmark '"
                      + name
                      + "' (known: pipeline, calibration, photometry, variability, ese, catalog)");
        }
      }
    }
    System.out.printf(
        "%n%d cores, %s, max heap %d MiB%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    table.print();
  }
}
