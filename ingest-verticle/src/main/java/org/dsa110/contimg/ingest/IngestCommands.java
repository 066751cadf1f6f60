package org.dsa110.contimg.ingest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.Sequentially;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.bus.UnixTime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.dsa110.contimg.ingest.GroupState.COLLECTING;
import static org.dsa110.contimg.ingest.GroupState.COMPLETED;
import static org.dsa110.contimg.ingest.GroupState.FAILED;
import static org.dsa110.contimg.ingest.GroupState.IN_PROGRESS;
import static org.dsa110.contimg.ingest.GroupState.PENDING;

/**
 * The writes of the ingest queue. Each request is validated whole before it reaches the database, runs in
 * one transaction, and yields the {@code events.queue} messages of the state changes it committed.
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

  /** Records one subband file: joins the nearest collecting/pending group within the window, or starts one. */
  Future<Committed> addSubband(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("file_path", "file_size"));
    String path = fields.requiredString("file_path");
    Long size = fields.optionalLong("file_size", 0, Long.MAX_VALUE).orElse(null);
    SubbandFile file = SubbandFile.parse(path);
    String from = file.groupIdShiftedBy(-settings.joinWindowSeconds());
    String to = file.groupIdShiftedBy(settings.joinWindowSeconds());
    double now = UnixTime.now();
    Transitions changes = new Transitions(now);
    return store.write(conn -> QueueRepository.groupHoldingFile(conn, from, to, path).compose(holder -> holder.isPresent()
        ? describe(conn, holder.get(), false)
        : QueueRepository.inWindow(conn, from, to, List.of(COLLECTING, PENDING))
            .compose(groups -> nearest(groups, file).map(Future::succeededFuture).orElseGet(() -> startGroup(conn, file, changes)))
            .compose(group -> addToGroup(conn, group, file, size, changes))))
        .map(changes::committed);
  }

  private Future<JsonObject> describe(SqlConnection conn, String groupId, boolean added) {
    return QueueRepository.get(conn, groupId).compose(group -> QueueRepository.countSubbands(conn, groupId)
        .map(count -> new JsonObject()
            .put("group_id", groupId)
            .put("state", group.state().dbName())
            .put("subbands", count)
            .put("expected_subbands", group.expectedSubbands())
            .put("added", added)));
  }

  private static Optional<GroupRow> nearest(List<GroupRow> groups, SubbandFile file) {
    return groups.stream()
        .min(Comparator.comparingDouble((GroupRow g) -> SubbandFile.groupEpochSeconds(g.groupId())
                .map(t -> Math.abs(t - file.epochSeconds())).orElse(Double.MAX_VALUE))
            .thenComparing(GroupRow::groupId));
  }

  private Future<GroupRow> startGroup(SqlConnection conn, SubbandFile file, Transitions changes) {
    String groupId = file.ownGroupId();
    return QueueRepository.find(conn, groupId).compose(existing -> {
      if (existing.isPresent()) {
        throw HubException.conflict("group " + groupId + " is already " + existing.get().state().dbName()
            + "; subband file " + file.path() + " arrived too late to join it");
      }
      return QueueRepository.insertGroup(conn, groupId, settings.expectedSubbands(), changes.now)
          .compose(done -> QueueRepository.get(conn, groupId))
          // The file that starts the group is recorded in the same transaction, so the group is born holding it.
          .onSuccess(group -> changes.add(groupId, null, COLLECTING, 0, 1));
    });
  }

  private Future<JsonObject> addToGroup(SqlConnection conn, GroupRow group, SubbandFile file, Long size, Transitions changes) {
    String groupId = group.groupId();
    return QueueRepository.subbandPath(conn, groupId, file.index()).compose(recorded -> {
      if (recorded.isPresent()) {
        throw HubException.conflict(String.format("subband %02d of group %s is already recorded from %s, not %s",
            file.index(), groupId, recorded.get(), file.path()));
      }
      return QueueRepository.insertSubband(conn, groupId, file, size, changes.now);
    }).compose(inserted -> QueueRepository.countSubbands(conn, groupId)).compose(count -> {
      if (group.state() == COLLECTING && count >= group.expectedSubbands()) {
        return move(conn, group, PENDING, EnumSet.of(COLLECTING), group.retryCount(), group.errorMessage(), changes);
      }
      return Future.succeededFuture();
    }).compose(done -> describe(conn, groupId, true));
  }

  /** Leases the oldest pending group to a worker; the single writer makes two claims never see the same group. */
  Future<Committed> claim(JsonObject body) {
    String worker = Fields.of(body).allowOnly(Set.of("worker")).requiredString("worker");
    Transitions changes = new Transitions(UnixTime.now());
    return store.write(conn -> QueueRepository.oldestPending(conn).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(new JsonObject().put("claimed", false).putNull("group"));
      }
      GroupRow group = found.get();
      return move(conn, group, IN_PROGRESS, EnumSet.of(PENDING), group.retryCount(), group.errorMessage(), changes)
          .compose(done -> QueueRepository.recordClaim(conn, group.groupId(), worker, changes.now))
          .compose(done -> groupWithSubbands(conn, group.groupId()))
          .map(claimed -> new JsonObject().put("claimed", true).put("worker", worker).put("group", claimed));
    })).map(changes::committed);
  }

  Future<Committed> heartbeat(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("group_id", "worker"));
    String groupId = fields.requiredString("group_id");
    Optional<String> worker = fields.optionalString("worker");
    double now = UnixTime.now();
    return store.write(conn -> QueueRepository.get(conn, groupId).compose(group -> {
      if (group.state() != IN_PROGRESS) {
        throw HubException.conflict("group " + groupId + " is " + group.state().dbName() + "; a heartbeat needs in_progress");
      }
      return checkHolder(conn, groupId, worker);
    }).compose(held -> QueueRepository.touch(conn, groupId, now))
        .map(done -> new JsonObject().put("group_id", groupId).put("state", IN_PROGRESS.dbName()).put("last_update", now)))
        .map(Committed::of);
  }

  Future<Committed> complete(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("group_id", "worker", "metrics"));
    String groupId = fields.requiredString("group_id");
    Optional<String> worker = fields.optionalString("worker");
    Optional<Metrics> metrics = fields.optionalObject("metrics").map(IngestCommands::metrics);
    Transitions changes = new Transitions(UnixTime.now());
    return store.write(conn -> QueueRepository.get(conn, groupId)
        .compose(group -> checkHolder(conn, groupId, worker)
            .compose(held -> move(conn, group, COMPLETED, EnumSet.of(IN_PROGRESS), group.retryCount(), group.errorMessage(), changes)))
        .compose(done -> metrics.map(m -> QueueRepository.upsertMetrics(conn, groupId, m.writerType(), m.values(), changes.now))
            .orElse(Future.succeededFuture()))
        .compose(done -> groupWithSubbands(conn, groupId)))
        .map(changes::committed);
  }

  /** A worker's failure report: retryable goes back to pending until max_retries, then (or otherwise) failed. */
  Future<Committed> fail(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("group_id", "worker", "error", "retryable"));
    String groupId = fields.requiredString("group_id");
    Optional<String> worker = fields.optionalString("worker");
    String error = fields.requiredString("error");
    boolean retryable = fields.requiredBoolean("retryable");
    Transitions changes = new Transitions(UnixTime.now());
    return store.write(conn -> QueueRepository.get(conn, groupId)
        .compose(group -> checkHolder(conn, groupId, worker).compose(held -> failOrRequeue(conn, group, error, retryable, changes)))
        .compose(done -> groupWithSubbands(conn, groupId)))
        .map(changes::committed);
  }

  /** An operator re-queues a failed group: back to pending with its retry budget restored. */
  Future<Committed> retry(JsonObject body) {
    String groupId = Fields.of(body).allowOnly(Set.of("group_id")).requiredString("group_id");
    Transitions changes = new Transitions(UnixTime.now());
    return store.write(conn -> QueueRepository.get(conn, groupId)
        .compose(group -> move(conn, group, PENDING, EnumSet.of(FAILED), 0, null, changes))
        .compose(done -> groupWithSubbands(conn, groupId)))
        .map(changes::committed);
  }

  Future<Committed> setCalibrators(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("group_id", "has_calibrator", "calibrators"));
    String groupId = fields.requiredString("group_id");
    boolean hasCalibrator = fields.requiredBoolean("has_calibrator");
    JsonArray calibrators = fields.requiredArray("calibrators");
    double now = UnixTime.now();
    return store.write(conn -> QueueRepository.get(conn, groupId)
        .compose(group -> QueueRepository.setCalibrators(conn, groupId, hasCalibrator, calibrators, now))
        .compose(done -> groupWithSubbands(conn, groupId)))
        .map(Committed::of);
  }

  /** Expired leases go back to pending (or fail past max_retries); groups collecting for too long fail. */
  Future<Committed> housekeep() {
    Transitions changes = new Transitions(UnixTime.now());
    // asked on a reader first, so that with nothing to do housekeeping takes no write lock: a pipeline process
    // that upgrades a read to a write (BEGIN, SELECT, UPDATE) while the hub holds it is refused at once
    return store.read(conn -> QueueRepository.anyIdleSince(conn, changes.now - settings.leaseSeconds(),
            changes.now - settings.collectingTimeoutSeconds()))
        .compose(any -> any ? expireIdle(changes) : Future.succeededFuture(changes.committed(new JsonObject().put("transitions", 0))));
  }

  private Future<Committed> expireIdle(Transitions changes) {
    return store.write(conn -> QueueRepository.idleSince(conn, IN_PROGRESS, changes.now - settings.leaseSeconds())
        .compose(expired -> Sequentially.forEach(expired, group -> failOrRequeue(conn, group, LEASE_EXPIRED, true, changes)))
        .compose(done -> QueueRepository.idleSince(conn, COLLECTING, changes.now - settings.collectingTimeoutSeconds()))
        .compose(stale -> Sequentially.forEach(stale,
            group -> move(conn, group, FAILED, EnumSet.of(COLLECTING), group.retryCount(), COLLECTING_TIMEOUT, changes)))
        .map(done -> new JsonObject().put("transitions", changes.events.size())))
        .map(changes::committed);
  }

  private Future<Void> failOrRequeue(SqlConnection conn, GroupRow group, String error, boolean retryable, Transitions changes) {
    boolean requeue = retryable && group.retryCount() < settings.maxRetries();
    return requeue
        ? move(conn, group, PENDING, EnumSet.of(IN_PROGRESS), group.retryCount() + 1, error, changes)
        : move(conn, group, FAILED, EnumSet.of(IN_PROGRESS), group.retryCount(), error, changes);
  }

  /**
   * The one place a group changes state. {@code from} is what this operation starts from; a request that
   * finds the group elsewhere is a 409 naming both states.
   */
  private Future<Void> move(SqlConnection conn, GroupRow group, GroupState to, Set<GroupState> from, int retryCount,
                            String error, Transitions changes) {
    if (!from.contains(group.state()) || !group.state().canMoveTo(to)) {
      throw HubException.conflict("group " + group.groupId() + " cannot move from " + group.state().dbName() + " to " + to.dbName());
    }
    String groupId = group.groupId();
    Future<Void> released = group.state() == IN_PROGRESS ? QueueRepository.releaseClaim(conn, groupId) : Future.succeededFuture();
    return released.compose(done -> QueueRepository.updateState(conn, groupId, to, retryCount, error, changes.now))
        .compose(done -> QueueRepository.countSubbands(conn, groupId))
        .map(count -> {
          changes.add(groupId, group.state(), to, retryCount, count);
          return null;
        });
  }

  private static Future<Void> checkHolder(SqlConnection conn, String groupId, Optional<String> worker) {
    if (worker.isEmpty()) {
      return Future.succeededFuture();
    }
    return QueueRepository.claimHolder(conn, groupId).map(holder -> {
      if (holder.isPresent() && !holder.get().equals(worker.get())) {
        throw HubException.conflict("group " + groupId + " is held by worker " + holder.get() + ", not " + worker.get());
      }
      return null;
    });
  }

  static Future<JsonObject> groupWithSubbands(SqlConnection conn, String groupId) {
    return QueueRepository.get(conn, groupId).compose(group -> QueueRepository.subbands(conn, groupId)
        .map(subbands -> group.toJson().put("subbands", subbands.size()).put("files", subbands)));
  }

  private record Metrics(String writerType, List<Double> values) {
  }

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
      events.add(new Committed.Event(Addresses.EVENTS_QUEUE, new JsonObject()
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
