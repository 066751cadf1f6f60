package org.dsa110.contimg.bench;

import java.util.ArrayList;
import java.util.List;

/** Prints the figures as a Markdown table, ready for BENCHMARKS.md. */
final class BenchTable {
  private record Row(Figures figures, String baseline, double ratio) {}

  private final List<Row> rows = new ArrayList<>();

  void add(Figures figures) {
    rows.add(new Row(figures, "", Double.NaN));
  }

  /**
   * A figure measured beside a baseline in the same run; the ratio is figure rate / baseline rate.
   */
  void add(Figures figures, Figures baseline) {
    rows.add(new Row(figures, baseline.operation(), figures.perSecond() / baseline.perSecond()));
  }

  void print() {
    System.out.println("| operation | count | rate | p50 ms | p99 ms | vs baseline |");
    System.out.println("|---|---:|---:|---:|---:|---|");
    for (Row row : rows) {
      Figures f = row.figures();
      String rate =
          Double.isNaN(f.perSecond())
              ? f.count() + " " + f.unit()
              : String.format("%,.0f %s/s", f.perSecond(), f.unit());
      System.out.printf(
          "| %s | %d | %s | %s | %s | %s |%n",
          f.operation(),
          f.count(),
          rate,
          number(f.p50Ms()),
          number(f.p99Ms()),
          row.baseline().isEmpty()
              ? ""
              : String.format("%.2f× of %s", row.ratio(), row.baseline()));
    }
  }

  private static String number(double value) {
    return Double.isNaN(value) ? "" : String.format("%.2f", value);
  }
}
