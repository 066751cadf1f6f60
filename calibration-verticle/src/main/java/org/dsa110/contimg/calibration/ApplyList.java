package org.dsa110.contimg.calibration;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the converter applies at an MJD, and whether that is everything it needs. For each
 * configured table type, in application order: the newest active table of that type whose window
 * contains the MJD, wherever its set came from; without one, the nearest within the fallback reach
 * (marked, with its distance); without that, a required type is named in {@code missing} and the
 * list is not complete. A type is never dropped silently, and a newer set holding only some types
 * never hides the other types of an older one.
 */
record ApplyList(
    double mjd,
    List<Choice> tables,
    List<String> missing,
    List<String> requiredTypes,
    List<String> overlappingSets) {

  /** One table of the list; a fallback lies {@code distanceDays} outside its window. */
  record Choice(RegisteredTable table, boolean fallback, double distanceDays) {}

  static ApplyList at(
      double mjd, List<RegisteredTable> active, TableTypes types, double reachDays) {
    List<Choice> chosen = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String type : types.inApplyOrder()) {
      Optional<Choice> choice =
          choose(mjd, active.stream().filter(t -> t.type().equals(type)).toList(), reachDays);
      choice.ifPresent(chosen::add);
      if (choice.isEmpty() && types.required().contains(type)) {
        missing.add(type);
      }
    }
    Set<String> used = new LinkedHashSet<>();
    chosen.forEach(c -> used.add(c.table().setName()));
    List<String> overlapping =
        active.stream()
            .filter(t -> t.contains(mjd) && !used.contains(t.setName()))
            .sorted(RegisteredTable.NEWEST_FIRST)
            .map(RegisteredTable::setName)
            .distinct()
            .toList();
    return new ApplyList(mjd, chosen, missing, types.requiredInOrder(), overlapping);
  }

  private static Optional<Choice> choose(
      double mjd, List<RegisteredTable> ofType, double reachDays) {
    Optional<RegisteredTable> containing =
        ofType.stream().filter(t -> t.contains(mjd)).min(RegisteredTable.NEWEST_FIRST);
    if (containing.isPresent()) {
      return containing.map(t -> new Choice(t, false, 0));
    }
    return ofType.stream()
        .filter(t -> t.distanceDays(mjd) <= reachDays)
        .min(
            Comparator.comparingDouble((RegisteredTable t) -> t.distanceDays(mjd))
                .thenComparing(RegisteredTable.NEWEST_FIRST))
        .map(t -> new Choice(t, true, t.distanceDays(mjd)));
  }

  boolean complete() {
    return missing.isEmpty();
  }

  boolean fallback() {
    return tables.stream().anyMatch(Choice::fallback);
  }

  JsonObject toJson() {
    JsonArray listed = new JsonArray();
    for (Choice choice : tables) {
      JsonObject table = choice.table().toJson().put("fallback", choice.fallback());
      if (choice.fallback()) {
        table.put("distance_hours", choice.distanceDays() * 24.0);
      }
      listed.add(table);
    }
    RegisteredTable newest =
        tables.stream().map(Choice::table).min(RegisteredTable.NEWEST_FIRST).orElseThrow();
    JsonObject answer =
        new JsonObject()
            .put("mjd", mjd)
            .put("complete", complete())
            .put("missing", new JsonArray(missing))
            .put("required_types", new JsonArray(requiredTypes))
            .put("tables", listed)
            .put("set_name", newest.setName())
            .put("created_at", newest.createdAt())
            .put(
                "sets",
                new JsonArray(tables.stream().map(c -> c.table().setName()).distinct().toList()))
            .put("fallback", fallback())
            .put("overlapping_sets", new JsonArray(overlappingSets));
    if (fallback()) {
      answer.put(
          "distance_hours",
          tables.stream().mapToDouble(Choice::distanceDays).max().orElse(0) * 24.0);
    }
    return answer;
  }
}
