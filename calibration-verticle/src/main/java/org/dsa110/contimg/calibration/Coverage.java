package org.dsa110.contimg.calibration;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a time range is calibrated, judged by complete apply lists: {@code covered} where every
 * required type has a table whose window contains the time, {@code partial} where some but not all
 * do, {@code missing} where none does, and {@code gaps} everywhere not covered (partial and
 * missing). Intervals of zero length are left out.
 */
record Coverage(
    double start,
    double end,
    List<String> types,
    List<double[]> covered,
    List<double[]> partial,
    List<double[]> missing) {

  static Coverage of(double start, double end, List<RegisteredTable> active, List<String> types) {
    List<double[]> complete = List.of(new double[] {start, end});
    List<double[]> any = new ArrayList<>();
    for (String type : types) {
      List<double[]> ofType =
          union(
              active.stream()
                  .filter(t -> t.type().equals(type))
                  .map(t -> new double[] {Math.max(start, t.start()), Math.min(end, t.end())})
                  .filter(w -> w[1] > w[0])
                  .toList());
      complete = intersect(complete, ofType);
      any.addAll(ofType);
    }
    List<double[]> some = union(any);
    return new Coverage(
        start,
        end,
        types,
        complete,
        subtract(some, complete),
        subtract(List.of(new double[] {start, end}), some));
  }

  static Coverage ofRequired(
      double start, double end, List<RegisteredTable> active, TableTypes types) {
    return of(start, end, active, types.requiredInOrder());
  }

  static Coverage ofType(double start, double end, List<RegisteredTable> active, String type) {
    return of(start, end, active, List.of(type));
  }

  List<double[]> gaps() {
    return union(concat(partial, missing));
  }

  JsonObject toJson() {
    double coveredDays = covered.stream().mapToDouble(i -> i[1] - i[0]).sum();
    return new JsonObject()
        .put("start_mjd", start)
        .put("end_mjd", end)
        .put("types", new JsonArray(types))
        .put("covered", intervals(covered))
        .put("partial", intervals(partial))
        .put("missing", intervals(missing))
        .put("gaps", intervals(gaps()))
        .put("covered_fraction", coveredDays / (end - start));
  }

  /** Sorted, disjoint, of positive length. */
  static List<double[]> union(List<double[]> windows) {
    List<double[]> sorted = new ArrayList<>(windows.stream().filter(w -> w[1] > w[0]).toList());
    sorted.sort(Comparator.comparingDouble(w -> w[0]));
    List<double[]> merged = new ArrayList<>();
    for (double[] window : sorted) {
      double[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && window[0] <= last[1]) {
        last[1] = Math.max(last[1], window[1]);
      } else {
        merged.add(new double[] {window[0], window[1]});
      }
    }
    return merged;
  }

  /** Both sorted and disjoint. */
  static List<double[]> intersect(List<double[]> a, List<double[]> b) {
    List<double[]> both = new ArrayList<>();
    for (double[] x : a) {
      for (double[] y : b) {
        double from = Math.max(x[0], y[0]);
        double to = Math.min(x[1], y[1]);
        if (to > from) {
          both.add(new double[] {from, to});
        }
      }
    }
    return union(both);
  }

  /** What of {@code a} is not in {@code b}; both sorted and disjoint. */
  static List<double[]> subtract(List<double[]> a, List<double[]> b) {
    List<double[]> left = new ArrayList<>();
    for (double[] x : a) {
      double cursor = x[0];
      for (double[] y : b) {
        if (y[1] <= cursor || y[0] >= x[1]) {
          continue;
        }
        if (y[0] > cursor) {
          left.add(new double[] {cursor, y[0]});
        }
        cursor = Math.max(cursor, y[1]);
      }
      if (cursor < x[1]) {
        left.add(new double[] {cursor, x[1]});
      }
    }
    return union(left);
  }

  private static List<double[]> concat(List<double[]> a, List<double[]> b) {
    List<double[]> both = new ArrayList<>(a);
    both.addAll(b);
    return both;
  }

  private static JsonArray intervals(List<double[]> intervals) {
    JsonArray array = new JsonArray();
    intervals.forEach(i -> array.add(new JsonObject().put("start_mjd", i[0]).put("end_mjd", i[1])));
    return array;
  }
}
