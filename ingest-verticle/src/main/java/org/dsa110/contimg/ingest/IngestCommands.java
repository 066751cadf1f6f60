package org.dsa110.contimg.ingest;

import static org.dsa110.contimg.ingest.GroupState.COLLECTING;
import static org.dsa110.contimg.ingest.GroupState.COMPLETED;
import static org.dsa110.contimg.ingest.GroupState.FAILED;
import static org.dsa110.contimg.ingest.GroupState.IN_PROGRESS;
import static org.dsa110.contimg.ingest.GroupState.PENDING;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.UnixTime;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.store.Tx;

/**
 * The writes of the ingest queue. Each request is validated whole before it reaches the database,
 * runs in one transaction, and yields the {@code events.queue} messages of the state changes it
 * committed.
 */
final class IngestCommands {
  private static final Set<String> WRITER_TYPES = Set.of("direct-subband", "pyuvdata", "auto");
  static final String LEASE_EXPIRED = "lease expired";
  static final String COLLECTING_TIMEOUT = "collecting timeout";

  private final SqliteStore store;
  private final IngestSettings settings;

  IngestCommands(SqliteStore store, IngestSettings settings) {
    this.store = store;
    this.settings = settings;
  }

  /**
   * Records one subband file: joins the nearest collecting/pending group within the window, or
   * starts one.
   */
  Future<Committed> addSubband(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("file_path", "file_size"));
    String path = fields.requiredString("file_path");
    Long size = fields.optionalLong("file_size", 0, Long.MAX_VALUE).orElse(null);
    SubbandFile file = SubbandFile.parse(path);
    String from = file.groupIdShiftedBy(-settings.joinWindowSeconds());
    String to = file.groupIdShiftedBy(settings.joinWindowSeconds());
    return store.write(
        tx -> {
          Transitions changes = new Transitions(UnixTime.now());
          Optional<String> holder = QueueRepository.groupHoldingFile(tx, from, to, path);
          if (holder.isPresent()) {
            return changes.committed(describe(tx, holder.get(), false));
          }
          GroupRow group =
              nearest(QueueRepository.inWindow(tx, from, to, List.of(COLLECTING, PENDING)), file)
                  .orElseGet(() -> startGroup(tx, file, changes));
          return changes.committed(addToGroup(tx, group, file, size, changes));
        });
  }

  private static JsonObject describe(Tx tx, String groupId, boolean added) {
    GroupRow group = QueueRepository.get(tx, groupId);
    return new JsonObject()
        .put("group_id", groupId)
        .put("state", group.state().dbName())
        .put("subbands", QueueRepository.countSubbands(tx, groupId))
        .put("expected_subbands", group.expectedSubbands())
        .put("added", added);
  }

  private static Optional<GroupRow> nearest(List<GroupRow> groups, SubbandFile file) {
    return groups.stream()
        .min(
            Comparator.comparingDouble(
                    (GroupRow g) ->
                        SubbandFile.groupEpochSeconds(g.groupId())
                            .map(t -> Math.abs(t - file.epochSeconds()))
                            .orElse(Double.MAX_VALUE))
                .thenComparing(GroupRow::groupId));
  }

  private GroupRow startGroup(Tx tx, SubbandFile file, Transitions changes) {
    String groupId = file.ownGroupId();
    QueueRepository.find(tx, groupId)
        .ifPresent(
            existing -> {
              throw HubException.conflict(
                  "group "
                      + groupId
                      + " is already "
                      + existing.state().dbName()
                      + "; subband file "
                      + file.path()
                      + " arrived too late to join it");
            });
    QueueRepository.insertGroup(tx, groupId, settings.expectedSubbands(), changes.now);
    // The file that starts the group is recorded in the same transaction, so the group is born
    // holding it.
    changes.add(groupId, null, COLLECTING, 0, 1);
    return QueueRepository.get(tx, groupId);
  }

  private JsonObject addToGroup(
      Tx tx, GroupRow group, SubbandFile file, Long size, Transitions changes) {
    String groupId = group.groupId();
    QueueRepository.subbandPath(tx, groupId, file.index())
        .ifPresent(
            recorded -> {
              throw HubException.conflict(
                  String.format(
                      "subband %02d of group %s is already recorded from %s, not %s",
                      file.index(), groupId, recorded, file.path()));
            });
    QueueRepository.insertSubband(tx, groupId, file, size, changes.now);
    if (group.state() == COLLECTING
        && QueueRepository.countSubbands(tx, groupId) >= group.expectedSubbands()) {
      move(
          tx,
          group,
          PENDING,
          EnumSet.of(COLLECTING),
          group.retryCount(),
          group.errorMessage(),
          changes);
    }
    return describe(tx, groupId, true);
  }

  /**
   * Leases the oldest pending group to a worker; the single writer makes two claims never see the
   * same group.
   */
  Future<Committed> claim(JsonObject body) {
    String worker = Fields.of(body).allowOnly(Set.of("worker")).requiredString("worker");
    return store.write(
        tx -> {
          Transitions changes = new Transitions(UnixTime.now());
          Optional<GroupRow> found = QueueRepository.oldestPending(tx);
          if (found.isEmpty()) {
            return changes.committed(new JsonObject().put("claimed", false).putNull("group"));
          }
          GroupRow group = found.get();
          move(
              tx,
              group,
              IN_PROGRESS,
              EnumSet.of(PENDING),
              group.retryCount(),
              group.errorMessage(),
              changes);
          QueueRepository.recordClaim(tx, group.groupId(), worker, changes.now);
          return changes.committed(
              new JsonObject()
                  .put("claimed", true)
                  .put("worker", worker)
                  .put("group", groupWithSubbands(tx, group.groupId())));
        });
  }

  Future<Committed> heartbeat(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("group_id", "worker"));
    String groupId = fields.requiredString("group_id");
    Optional<String> worker = fields.optionalString("worker");
    return store.write(
        tx -> {
          double now = UnixTime.now();
          GroupRow group = QueueRepository.get(tx, groupId);
          if (group.state() != IN_PROGRESS) {
            throw HubException.conflict(
                "group "
                    + groupId
                    + " is "
                    + group.state().dbName()
                    + "; a heartbeat needs in_progress");
          }
          checkHolder(tx, groupId, worker);
          QueueRepository.touch(tx, groupId, now);
          return Committed.of(
              new JsonObject()
                  .put("group_id", groupId)
                  .put("state", IN_PROGRESS.dbName())
                  .put("last_update", now));
        });
  }

  Future<Committed> complete(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("group_id", "worker", "metrics"));
    String groupId = fields.requiredString("group_id");
    Optional<String> worker = fields.optionalString("worker");
    Optional<Metrics> metrics = fields.optionalObject("metrics").map(IngestCommands::metrics);
    return store.write(
        tx -> {
          Transitions changes = new Transitions(UnixTime.now());
          GroupRow group = QueueRepository.get(tx, groupId);
          checkHolder(tx, groupId, worker);
          move(
              tx,
              group,
              COMPLETED,
              EnumSet.of(IN_PROGRESS),
              group.retryCount(),
              group.errorMessage(),
              changes);
          metrics.ifPresent(
              m ->
                  QueueRepository.upsertMetrics(
                      tx, groupId, m.writerType(), m.values(), changes.now));
          return changes.committed(groupWithSubbands(tx, groupId));
        });
  }

  /**
   * A worker's failure report: retryable goes back to pending until max_retries, then (or
   * otherwise) failed.
   */
  Future<Committed> fail(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("group_id", "worker", "error", "retryable"));
    String groupId = fields.requiredString("group_id");
    Optional<String> worker = fields.optionalString("worker");
    String error = fields.requiredString("error");
    boolean retryable = fields.requiredBoolean("retryable");
    return store.write(
        tx -> {
          Transitions changes = new Transitions(UnixTime.now());
          GroupRow group = QueueRepository.get(tx, groupId);
          checkHolder(tx, groupId, worker);
          failOrRequeue(tx, group, error, retryable, changes);
          return changes.committed(groupWithSubbands(tx, groupId));
        });
  }

  /** An operator re-queues a failed group: back to pending with its retry budget restored. */
  Future<Committed> retry(JsonObject body) {
    String groupId = Fields.of(body).allowOnly(Set.of("group_id")).requiredString("group_id");
    return store.write(
        tx -> {
          Transitions changes = new Transitions(UnixTime.now());
          move(tx, QueueRepository.get(tx, groupId), PENDING, EnumSet.of(FAILED), 0, null, changes);
          return changes.committed(groupWithSubbands(tx, groupId));
        });
  }

  Future<Committed> setCalibrators(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("group_id", "has_calibrator", "calibrators"));
    String groupId = fields.requiredString("group_id");
    boolean hasCalibrator = fields.requiredBoolean("has_calibrator");
    JsonArray calibrators = fields.requiredArray("calibrators");
    return store.write(
        tx -> {
          QueueRepository.get(tx, groupId);
          QueueRepository.setCalibrators(tx, groupId, hasCalibrator, calibrators, UnixTime.now());
          return Committed.of(groupWithSubbands(tx, groupId));
        });
  }

  /**
   * Expired leases go back to pending (or fail past max_retries); groups collecting for too long
   * fail.
   */
  Future<Committed> housekeep() {
    double now = UnixTime.now();
    // asked on a reader first, so that with nothing to do housekeeping takes no write lock: a
    // pipeline process
    // that upgrades a read to a write (BEGIN, SELECT, UPDATE) while the hub holds it is refused at
    // once
    return store
        .read(
            tx ->
                QueueRepository.anyIdleSince(
                    tx, now - settings.leaseSeconds(), now - settings.collectingTimeoutSeconds()))
        .compose(
            any ->
                !any
                    ? Future.succeededFuture(Committed.of(new JsonObject().put("transitions", 0)))
                    : store.write(
                        tx -> {
                          Transitions changes = new Transitions(now);
                          QueueRepository.idleSince(
                                  tx, IN_PROGRESS, changes.now - settings.leaseSeconds())
                              .forEach(
                                  group -> failOrRequeue(tx, group, LEASE_EXPIRED, true, changes));
                          QueueRepository.idleSince(
                                  tx, COLLECTING, changes.now - settings.collectingTimeoutSeconds())
                              .forEach(
                                  group ->
                                      move(
                                          tx,
                                          group,
                                          FAILED,
                                          EnumSet.of(COLLECTING),
                                          group.retryCount(),
                                          COLLECTING_TIMEOUT,
                                          changes));
                          return changes.committed(
                              new JsonObject().put("transitions", changes.events.size()));
                        }));
  }

  private void failOrRequeue(
      Tx tx, GroupRow group, String error, boolean retryable, Transitions changes) {
    boolean requeue = retryable && group.retryCount() < settings.maxRetries();
    if (requeue) {
      move(tx, group, PENDING, EnumSet.of(IN_PROGRESS), group.retryCount() + 1, error, changes);
    } else {
      move(tx, group, FAILED, EnumSet.of(IN_PROGRESS), group.retryCount(), error, changes);
    }
  }

  /**
   * The one place a group changes state. {@code from} is what this operation starts from; a request
   * that finds the group elsewhere is a 409 naming both states.
   */
  private static void move(
      Tx tx,
      GroupRow group,
      GroupState to,
      Set<GroupState> from,
      int retryCount,
      String error,
      Transitions changes) {
    if (!from.contains(group.state()) || !group.state().canMoveTo(to)) {
      throw HubException.conflict(
          "group "
              + group.groupId()
              + " cannot move from "
              + group.state().dbName()
              + " to "
              + to.dbName());
    }
    String groupId = group.groupId();
    if (group.state() == IN_PROGRESS) {
      QueueRepository.releaseClaim(tx, groupId);
    }
    QueueRepository.updateState(tx, groupId, to, retryCount, error, changes.now);
    changes.add(groupId, group.state(), to, retryCount, QueueRepository.countSubbands(tx, groupId));
  }

  private static void checkHolder(Tx tx, String groupId, Optional<String> worker) {
    if (worker.isEmpty()) {
      return;
    }
    QueueRepository.claimHolder(tx, groupId)
        .filter(holder -> !holder.equals(worker.get()))
        .ifPresent(
            holder -> {
              throw HubException.conflict(
                  "group " + groupId + " is held by worker " + holder + ", not " + worker.get());
            });
  }

  static JsonObject groupWithSubbands(Tx tx, String groupId) {
    GroupRow group = QueueRepository.get(tx, groupId);
    JsonArray subbands = QueueRepository.subbands(tx, groupId);
    return group.toJson().put("subbands", subbands.size()).put("files", subbands);
  }

  private record Metrics(String writerType, List<Double> values) {}

  private static Metrics metrics(JsonObject metrics) {
    List<String> known = new ArrayList<>(QueueRepository.METRIC_COLUMNS);
    known.add("writer_type");
    Fields fields = Fields.of(metrics, "metrics").allowOnly(known);
    String writerType = fields.optionalEnum("writer_type", WRITER_TYPES).orElse(null);
    List<Double> values = new ArrayList<>();
    for (String column : QueueRepository.METRIC_COLUMNS) {
      values.add(fields.optionalNonNegative(column).orElse(null));
    }
    return new Metrics(writerType, values);
  }

  /** The state changes of one transaction, published as events.queue once it commits. */
  private static final class Transitions {
    final double now;
    final List<Committed.Event> events = new ArrayList<>();

    Transitions(double now) {
      this.now = now;
    }

    void add(String groupId, GroupState from, GroupState to, int retryCount, int subbands) {
      events.add(
          new Committed.Event(
              Addresses.EVENTS_QUEUE,
              new JsonObject()
                  .put("group_id", groupId)
                  .put("from", from == null ? null : from.dbName())
                  .put("to", to.dbName())
                  .put("at", now)
                  .put("retry_count", retryCount)
                  .put("subbands", subbands)));
    }

    Committed committed(JsonObject reply) {
      return new Committed(reply, List.copyOf(events));
    }
  }
}
