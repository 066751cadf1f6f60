package org.dsa110.contimg.calibration;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A time range split into the intervals covered by at least one window and the gaps between them. */
record Coverage(double start, double end, List<double[]> covered, List<double[]> gaps) {

  static Coverage of(double start, double end, List<double[]> windows) {
    List<double[]> sorted = new ArrayList<>(windows);
    sorted.sort(Comparator.comparingDouble(w -> w[0]));
    List<double[]> covered = new ArrayList<>();
    for (double[] window : sorted) {
      double[] last = covered.isEmpty() ? null : covered.get(covered.size() - 1);
      if (last != null && window[0] <= last[1]) {
        last[1] = Math.max(last[1], window[1]);
      } else {
        covered.add(new double[] {window[0], window[1]});
      }
    }
    List<double[]> gaps = new ArrayList<>();
    double cursor = start;
    for (double[] interval : covered) {
      if (interval[0] > cursor) {
        gaps.add(new double[] {cursor, interval[0]});
      }
      cursor = Math.max(cursor, interval[1]);
    }
    if (cursor < end) {
      gaps.add(new double[] {cursor, end});
    }
    return new Coverage(start, end, covered, gaps);
  }

  JsonObject toJson() {
    double coveredDays = covered.stream().mapToDouble(i -> i[1] - i[0]).sum();
    return new JsonObject().put("start_mjd", start).put("end_mjd", end)
        .put("covered", intervals(covered)).put("gaps", intervals(gaps))
        .put("covered_fraction", coveredDays / (end - start));
  }

  private static JsonArray intervals(List<double[]> intervals) {
    JsonArray array = new JsonArray();
    intervals.forEach(i -> array.add(new JsonObject().put("start_mjd", i[0]).put("end_mjd", i[1])));
    return array;
  }
}
