package org.dsa110.contimg.ingest;

import static org.dsa110.contimg.common.bus.Addresses.INGEST_GROUP_CALIBRATORS;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_GROUP_CLAIM;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_GROUP_COMPLETE;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_GROUP_FAIL;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_GROUP_GET;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_GROUP_HEARTBEAT;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_GROUP_RETRY;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_QUEUE_LIST;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_QUEUE_STATS;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_SUBBAND_ADD;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.dsa110.contimg.common.OwnerVerticle;
import org.dsa110.contimg.common.bus.Owner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner of ingest.sqlite3: the queue of observation groups, their subband files and performance
 * metrics.
 */
public class IngestVerticle extends OwnerVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);
  private final List<Long> timers = new ArrayList<>();

  public IngestVerticle() {
    super(Owner.INGEST, "ingest.sqlite3", "db/ingest/001-seed.sql", "db/ingest/002-hub-claims.sql");
  }

  @Override
  protected Future<?> startServing() {
    IngestSettings ingest = IngestSettings.from(settings());
    IngestCommands commands = new IngestCommands(store(), ingest);
    IngestQueries queries = new IngestQueries(store());

    serveWrite(INGEST_SUBBAND_ADD, commands::addSubband);
    serveWrite(INGEST_GROUP_CLAIM, commands::claim);
    serveWrite(INGEST_GROUP_HEARTBEAT, commands::heartbeat);
    serveWrite(INGEST_GROUP_COMPLETE, commands::complete);
    serveWrite(INGEST_GROUP_FAIL, commands::fail);
    serveWrite(INGEST_GROUP_RETRY, commands::retry);
    serveWrite(INGEST_GROUP_CALIBRATORS, commands::setCalibrators);
    serve(INGEST_GROUP_GET, queries::get);
    serve(INGEST_QUEUE_LIST, queries::list);
    serve(INGEST_QUEUE_STATS, queries::stats);

    timers.add(
        vertx.setPeriodic(
            0,
            ingest.housekeepingIntervalMs(),
            id ->
                commands
                    .housekeep()
                    .onSuccess(committed -> committed.publishTo(vertx.eventBus()))
                    .onFailure(
                        failure ->
                            LOG.warn(
                                "housekeeping failed, will try again: {}", failure.toString()))));
    ingest
        .watchDir()
        .ifPresent(
            dir ->
                timers.add(
                    new SubbandDirectoryWatcher(
                            vertx,
                            dir,
                            request ->
                                commands
                                    .addSubband(request)
                                    .map(committed -> committed.publishTo(vertx.eventBus())))
                        .start(ingest.watchIntervalMs())));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    return super.stop();
  }
}
