package org.dsa110.contimg.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dsa110.contimg.common.bus.BusReplies;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.Sequentially;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a directory for subband files and adds each one once its size has stopped changing between
 * two polls (the correlator may still be writing it). Files already there at start are the backlog
 * and are picked up the same way. A file the queue refuses (bad name, conflict) is logged and not
 * retried; one refused because the database is busy is tried again at the next poll.
 */
final class SubbandDirectoryWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(SubbandDirectoryWatcher.class);

  private final Vertx vertx;
  private final Path directory;
  private final Function<JsonObject, Future<JsonObject>> addSubband;
  private final Map<Path, Long> sizeAtLastPoll = new HashMap<>();
  private final Set<Path> settled = new HashSet<>();
  private boolean polling;
  private boolean scanFailing;

  SubbandDirectoryWatcher(
      Vertx vertx, Path directory, Function<JsonObject, Future<JsonObject>> addSubband) {
    this.vertx = vertx;
    this.directory = directory;
    this.addSubband = addSubband;
  }

  long start(long intervalMs) {
    LOG.info("watching {} for subband files every {} ms", directory, intervalMs);
    return vertx.setPeriodic(0, intervalMs, id -> poll());
  }

  private void poll() {
    if (polling) {
      return;
    }
    polling = true;
    vertx
        .executeBlocking(this::listSizes, false)
        .onComplete(scan -> reportScan(scan.cause()))
        .compose(sizes -> Sequentially.forEach(stableNewFiles(sizes), this::add))
        .onComplete(done -> polling = false);
  }

  /**
   * A directory that cannot be read is said once when it starts and once when it recovers, not
   * every poll.
   */
  private void reportScan(Throwable failure) {
    if (failure != null && !scanFailing) {
      LOG.warn("cannot scan {}: {}; will keep trying", directory, failure.toString());
    } else if (failure == null && scanFailing) {
      LOG.info("scanning {} again", directory);
    }
    scanFailing = failure != null;
  }

  private Map<Path, Long> listSizes() throws IOException {
    Map<Path, Long> sizes = new HashMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file :
          files.filter(f -> SubbandFile.looksLikeSubband(f.getFileName().toString())).toList()) {
        try {
          sizes.put(file, Files.size(file));
        } catch (IOException vanished) {
          // removed between the listing and the stat: it will not be added
        }
      }
    }
    return sizes;
  }

  private List<Path> stableNewFiles(Map<Path, Long> sizes) {
    settled.retainAll(sizes.keySet());
    List<Path> stable =
        sizes.entrySet().stream()
            .filter(
                e ->
                    !settled.contains(e.getKey())
                        && e.getValue().equals(sizeAtLastPoll.get(e.getKey())))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    sizeAtLastPoll.clear();
    sizeAtLastPoll.putAll(sizes);
    return stable;
  }

  private Future<Void> add(Path file) {
    JsonObject request =
        new JsonObject()
            .put("file_path", file.toString())
            .put("file_size", sizeAtLastPoll.get(file));
    return addSubband
        .apply(request)
        .onSuccess(reply -> settled.add(file))
        .recover(
            failure -> {
              HubException refusal = BusReplies.toHubException(failure);
              if (refusal.code() == HubException.UNAVAILABLE) {
                LOG.info("{} not added yet, will retry: {}", file, refusal.getMessage());
              } else {
                LOG.warn("{} refused ({}): {}", file, refusal.code(), refusal.getMessage());
                settled.add(file);
              }
              return Future.succeededFuture();
            })
        .mapEmpty();
  }
}
