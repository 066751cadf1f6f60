package org.dsa110.contimg.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.dsa110.contimg.common.bus.Addresses;
import org.junit.jupiter.api.Test;

/**
 * Randomised registries through the real owner, checked against a model of the rules written here
 * from the README, sharing no code with the owner: overlapping sets of any mix of types, open-ended
 * tables, retirements, window edges. For every lookup the answer names, type by type, the table the
 * model chooses (or the type as missing), and coverage agrees with the model between every pair of
 * window edges. Then the converter's view: every 6 h over the registry's span (a year for the last
 * one) the answer is complete or says what is missing.
 */
class ApplyRulesModelTest extends CalibrationTestBase {
  private static final List<String> ORDER = List.of("K", "BA", "BP", "GA", "GP", "G", "2G", "FLUX");
  private static final List<String> REQUIRED = List.of("K", "BP", "G");
  private static final double REACH_DAYS = 12.0 / 24;
  private static final double OPEN = 100_000.0;

  /** A table as the model knows it: registration order stands for "newer". */
  private record Table(
      int sequence,
      String set,
      String path,
      String type,
      double start,
      double end,
      boolean[] active) {
    boolean open() {
      return end >= OPEN;
    }
  }

  private final List<Table> tables = new ArrayList<>();

  /** Where each table's window ends, worked out once the registry is built. */
  private final java.util.Map<Table, Double> ends = new java.util.HashMap<>();

  @Test
  void lookupsAndCoverageFollowTheModel(Vertx vertx) throws Exception {
    deploy(vertx, Map.of());
    for (long seed = 1; seed <= 3; seed++) {
      // each seed's registry lies a thousand days from the others', far beyond the fallback reach
      checkRegistry(vertx, new Random(seed), 60000 + 1000 * seed, 40, 60);
    }
    // a year of the converter's view: about a set a day
    checkRegistry(vertx, new Random(4), 64000, 365, 400);
  }

  private void checkRegistry(Vertx vertx, Random random, double first, double span, int sets)
      throws Exception {
    for (int s = 0; s < sets; s++) {
      String set = "set" + (long) first + "_" + s;
      JsonArray listed = new JsonArray();
      for (String type : ORDER) {
        if (random.nextDouble() < (REQUIRED.contains(type) ? 0.6 : 0.15)) {
          double start = first + Math.floor(random.nextDouble() * span * 8) / 8;
          boolean open = random.nextDouble() < 0.15;
          double end = open ? OPEN : start + 0.125 * (1 + random.nextInt(16));
          String path = "/cal/" + set + "." + type;
          JsonObject table =
              new JsonObject()
                  .put("path", path)
                  .put("table_type", type)
                  .put("valid_start_mjd", start);
          if (!open) {
            table.put("valid_end_mjd", end);
          }
          listed.add(table);
          tables.add(new Table(tables.size(), set, path, type, start, end, new boolean[] {true}));
        }
      }
      if (listed.isEmpty()) {
        continue;
      }
      register(new JsonObject().put("set_name", set).put("tables", listed));
      if (random.nextDouble() < 0.1) {
        request(
            vertx,
            Addresses.CAL_SET_RETIRE,
            new JsonObject().put("set_name", set).put("reason", "model test"));
        tables.stream().filter(t -> t.set().equals(set)).forEach(t -> t.active()[0] = false);
      }
    }

    ends.clear();
    for (Table t : tables) {
      ends.put(
          t,
          t.open()
              ? tables.stream()
                  .filter(o -> o.type().equals(t.type()) && o.active()[0] && o.start() > t.start())
                  .mapToDouble(Table::start)
                  .min()
                  .orElse(Double.POSITIVE_INFINITY)
              : t.end());
    }
    TreeSet<Double> probes = new TreeSet<>();
    for (Table t : tables) {
      probes.add(t.start());
      if (!t.open()) {
        probes.add(t.end());
        probes.add(t.end() + REACH_DAYS);
      }
      probes.add(t.start() - REACH_DAYS);
    }
    for (int i = 0; i < 200; i++) {
      probes.add(first - 2 + random.nextDouble() * (span + 6));
    }
    for (double mjd : probes) {
      compare(mjd, lookup(mjd));
    }

    for (int i = 0; i < 10; i++) {
      double start = first - 1 + random.nextDouble() * span;
      double end = start + 0.5 + random.nextDouble() * 10;
      checkCoverage(
          start,
          end,
          request(
              vertx,
              Addresses.CAL_COVERAGE,
              new JsonObject().put("start_mjd", start).put("end_mjd", end)));
    }

    for (double mjd = first - 1; mjd <= first + span + 4; mjd += 0.25) {
      Optional<JsonObject> answer = lookup(mjd);
      if (answer.isPresent()) {
        JsonObject list = answer.get();
        assertThat(list.getBoolean("complete"))
            .as("MJD " + mjd + ": " + list.encode())
            .isEqualTo(list.getJsonArray("missing").isEmpty());
        List<String> answered =
            list.getJsonArray("tables").stream()
                .map(t -> ((JsonObject) t).getString("table_type"))
                .toList();
        assertThat(REQUIRED)
            .as("MJD " + mjd + ": every required type is applied or named missing")
            .allMatch(
                type -> answered.contains(type) != list.getJsonArray("missing").contains(type));
      }
    }
  }

  private Optional<JsonObject> lookup(double mjd) throws Exception {
    try {
      return Optional.of(activeAt(mjd));
    } catch (ReplyException e) {
      assertThat(e.failureCode()).as(e.getMessage()).isEqualTo(404);
      return Optional.empty();
    }
  }

  private void compare(double mjd, Optional<JsonObject> answer) {
    List<String> expected = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String type : ORDER) {
      Optional<Table> exact =
          tables.stream()
              .filter(t -> t.type().equals(type) && t.active()[0] && contains(t, mjd))
              .max((a, b) -> Integer.compare(a.sequence(), b.sequence()));
      Optional<Table> chosen =
          exact.isPresent()
              ? exact
              : tables.stream()
                  .filter(
                      t -> t.type().equals(type) && t.active()[0] && distance(t, mjd) <= REACH_DAYS)
                  .min(
                      (a, b) ->
                          distance(a, mjd) != distance(b, mjd)
                              ? Double.compare(distance(a, mjd), distance(b, mjd))
                              : Integer.compare(b.sequence(), a.sequence()));
      chosen.ifPresent(t -> expected.add(t.path() + (exact.isPresent() ? "" : " (fallback)")));
      if (chosen.isEmpty() && REQUIRED.contains(type)) {
        missing.add(type);
      }
    }
    if (expected.isEmpty()) {
      assertThat(answer).as("MJD " + mjd + ": nothing within reach").isEmpty();
      return;
    }
    assertThat(answer).as("MJD " + mjd + ": " + expected).isPresent();
    List<String> answered =
        answer.get().getJsonArray("tables").stream()
            .map(t -> (JsonObject) t)
            .map(t -> t.getString("path") + (t.getBoolean("fallback") ? " (fallback)" : ""))
            .toList();
    assertThat(answered).as("MJD " + mjd).containsExactlyElementsOf(expected);
    assertThat(answer.get().getJsonArray("missing").getList())
        .as("MJD " + mjd)
        .containsExactlyElementsOf(missing);
    assertThat(answer.get().getBoolean("complete")).isEqualTo(missing.isEmpty());
  }

  /**
   * A registered window includes both edges; an open one lasts until the next active table of its
   * type starts.
   */
  private boolean contains(Table t, double mjd) {
    return t.start() <= mjd && mjd <= end(t) && !(t.open() && mjd >= end(t));
  }

  private double end(Table t) {
    return ends.get(t);
  }

  private double distance(Table t, double mjd) {
    if (contains(t, mjd)) {
      return 0;
    }
    return mjd < t.start() ? t.start() - mjd : mjd - end(t);
  }

  private void checkCoverage(double start, double end, JsonObject coverage) {
    TreeSet<Double> edges = new TreeSet<>(List.of(start, end));
    for (Table t : tables) {
      for (double edge : new double[] {t.start(), end(t)}) {
        if (edge > start && edge < end) {
          edges.add(edge);
        }
      }
    }
    Double previous = null;
    for (double edge : edges) {
      if (previous != null) {
        double middle = (previous + edge) / 2;
        long covering =
            REQUIRED.stream()
                .filter(
                    type ->
                        tables.stream()
                            .anyMatch(
                                t -> t.type().equals(type) && t.active()[0] && contains(t, middle)))
                .count();
        String expected =
            covering == REQUIRED.size() ? "covered" : covering == 0 ? "missing" : "partial";
        assertThat(inside(coverage, middle))
            .as("MJD " + middle + " in " + coverage.encode())
            .isEqualTo(expected);
      }
      previous = edge;
    }
  }

  private static String inside(JsonObject coverage, double mjd) {
    for (String kind : List.of("covered", "partial", "missing")) {
      for (Object interval : coverage.getJsonArray(kind)) {
        JsonObject i = (JsonObject) interval;
        if (i.getDouble("start_mjd") <= mjd && mjd <= i.getDouble("end_mjd")) {
          return kind;
        }
      }
    }
    return "none";
  }
}
