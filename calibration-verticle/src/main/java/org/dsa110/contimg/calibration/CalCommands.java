package org.dsa110.contimg.calibration;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.UnixTime;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.store.Tx;

/**
 * Registering and retiring calibration sets. A set's tables land in one transaction or not at all,
 * so a lookup never sees half a set; a set is immutable once registered unless the request says
 * {@code replace}.
 */
final class CalCommands {
  private final SqliteStore store;
  private final LongestWindow longestWindow;
  private final OpenEndedTypes openEnded;
  private final TableTypes types;

  CalCommands(
      SqliteStore store, LongestWindow longestWindow, OpenEndedTypes openEnded, TableTypes types) {
    this.store = store;
    this.longestWindow = longestWindow;
    this.openEnded = openEnded;
    this.types = types;
  }

  /**
   * Lookups learn of the new windows before the set is written, not after: both bounds only widen,
   * so a lookup in between searches a little more, and never misses a table that was just
   * committed.
   */
  Future<Committed> register(JsonObject body) {
    SetRegistration registration = SetRegistration.parse(body, types);
    for (CalTable table : registration.tables()) {
      if (table.openEnded()) {
        openEnded.add(table.tableType());
      } else {
        longestWindow.widenTo(table.validEndMjd() - table.validStartMjd());
      }
    }
    return store.write(
        tx -> {
          List<CalTable> existingSet = CalRepository.tablesOfSet(tx, registration.setName());
          List<Optional<CalTable>> existing =
              registration.tables().stream()
                  .map(table -> CalRepository.byPath(tx, table.path()))
                  .toList();
          return apply(tx, registration, existingSet, existing, UnixTime.now());
        });
  }

  private Committed apply(
      Tx tx,
      SetRegistration registration,
      List<CalTable> existingSet,
      List<Optional<CalTable>> existing,
      double now) {
    List<CalTable> tables = registration.tables();
    boolean identical =
        existingSet.size() == tables.size()
            && IntStream.range(0, tables.size())
                .allMatch(i -> existing.get(i).filter(tables.get(i)::sameContent).isPresent());
    if (identical && !registration.replace()) {
      if (existingSet.stream().noneMatch(CalTable::active)) {
        throw HubException.conflict(
            "set "
                + registration.setName()
                + " was retired; register it with replace: true to use it again");
      }
      return Committed.of(reply(registration, false));
    }
    if (!registration.replace()) {
      refuseChanges(registration, existingSet, existing);
    }
    Set<String> newPaths = tables.stream().map(CalTable::path).collect(Collectors.toSet());
    for (int i = 0; i < tables.size(); i++) {
      if (existing.get(i).isPresent()) {
        CalRepository.replace(tx, tables.get(i), now);
      } else {
        CalRepository.insert(tx, tables.get(i), now);
      }
    }
    existingSet.stream()
        .filter(t -> !newPaths.contains(t.path()))
        .forEach(table -> CalRepository.deactivatePath(tx, table.path()));
    CalRepository.forgetRetirement(tx, registration.setName());
    return new Committed(
        reply(registration, true),
        List.of(
            new Committed.Event(
                Addresses.EVENTS_CALIBRATION,
                new JsonObject()
                    .put("type", "registered")
                    .put("set_name", registration.setName())
                    .put("tables", tables.size())
                    .put("valid_start_mjd", registration.startMjd())
                    .put("valid_end_mjd", registration.endMjd())
                    .put(
                        "replaced",
                        !existingSet.isEmpty()
                            || existing.stream().anyMatch(Optional::isPresent)))));
  }

  /** Without replace, a registration may only add a new set whose paths nobody holds yet. */
  private static void refuseChanges(
      SetRegistration registration, List<CalTable> existingSet, List<Optional<CalTable>> existing) {
    for (int i = 0; i < existing.size(); i++) {
      Optional<CalTable> held = existing.get(i);
      if (held.isPresent()) {
        throw HubException.conflict(
            "tables["
                + i
                + "].path "
                + held.get().path()
                + " is already registered in set "
                + held.get().setName()
                + " with different content; send replace: true to change it");
      }
    }
    if (!existingSet.isEmpty()) {
      throw HubException.conflict(
          "set "
              + registration.setName()
              + " is already registered with other tables; send replace: true to change it");
    }
  }

  private static JsonObject reply(SetRegistration registration, boolean changed) {
    return new JsonObject()
        .put("set_name", registration.setName())
        .put("registered", changed)
        .put("tables", registration.tables().size())
        .put("valid_start_mjd", registration.startMjd())
        .put("valid_end_mjd", registration.endMjd());
  }

  /** Takes a whole set out of use, keeping why; retiring it again changes nothing. */
  Future<Committed> retire(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("set_name", "reason"));
    String setName = fields.requiredString("set_name");
    String reason = fields.requiredString("reason");
    return store.write(
        tx -> {
          if (CalRepository.tablesOfSet(tx, setName).isEmpty()) {
            throw HubException.notFound("no calibration set " + setName);
          }
          int retired = CalRepository.retire(tx, setName);
          JsonObject reply = new JsonObject().put("set_name", setName).put("retired", retired > 0);
          if (retired == 0) {
            return Committed.of(reply);
          }
          CalRepository.recordRetirement(tx, setName, reason, UnixTime.now());
          return new Committed(
              reply,
              List.of(
                  new Committed.Event(
                      Addresses.EVENTS_CALIBRATION,
                      new JsonObject()
                          .put("type", "retired")
                          .put("set_name", setName)
                          .put("reason", reason)
                          .put("tables", retired))));
        });
  }
}
