package org.dsa110.contimg.common.bus;

import static org.dsa110.contimg.common.bus.BusOperation.Kind.READ;
import static org.dsa110.contimg.common.bus.BusOperation.Kind.WRITE;
import static org.dsa110.contimg.common.bus.BusOperation.Reach.BROWSER;
import static org.dsa110.contimg.common.bus.BusOperation.Reach.INTERNAL;
import static org.dsa110.contimg.common.bus.BusOperation.Reach.PIPELINE;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every request-reply operation on the bus, in one table: the owner that serves it, whether it
 * writes, and how far it reaches. Everything else follows from this table: an owner serves exactly
 * its operations and serves a write through its writer ({@code OwnerVerticle}), the SockJS bridge
 * answers the {@link Reach#BROWSER} ones, the TCP bridge at most the {@link Reach#PIPELINE} and
 * {@link Reach#BROWSER} ones, and an {@link Reach#INTERNAL} one is never forwarded by either,
 * whatever the configuration says. Readiness probes ({@link Addresses#health}) are internal too.
 */
public enum BusOperation {
  INGEST_SUBBAND_ADD(Addresses.INGEST_SUBBAND_ADD, Owner.INGEST, WRITE, PIPELINE),
  INGEST_GROUP_CLAIM(Addresses.INGEST_GROUP_CLAIM, Owner.INGEST, WRITE, PIPELINE),
  INGEST_GROUP_HEARTBEAT(Addresses.INGEST_GROUP_HEARTBEAT, Owner.INGEST, WRITE, PIPELINE),
  INGEST_GROUP_COMPLETE(Addresses.INGEST_GROUP_COMPLETE, Owner.INGEST, WRITE, PIPELINE),
  INGEST_GROUP_FAIL(Addresses.INGEST_GROUP_FAIL, Owner.INGEST, WRITE, PIPELINE),
  INGEST_GROUP_RETRY(Addresses.INGEST_GROUP_RETRY, Owner.INGEST, WRITE, PIPELINE),
  INGEST_GROUP_CALIBRATORS(Addresses.INGEST_GROUP_CALIBRATORS, Owner.INGEST, WRITE, PIPELINE),
  INGEST_GROUP_GET(Addresses.INGEST_GROUP_GET, Owner.INGEST, READ, BROWSER),
  INGEST_QUEUE_LIST(Addresses.INGEST_QUEUE_LIST, Owner.INGEST, READ, BROWSER),
  INGEST_QUEUE_STATS(Addresses.INGEST_QUEUE_STATS, Owner.INGEST, READ, BROWSER),

  CAL_SET_REGISTER(Addresses.CAL_SET_REGISTER, Owner.CALIBRATION, WRITE, PIPELINE),
  CAL_SET_RETIRE(Addresses.CAL_SET_RETIRE, Owner.CALIBRATION, WRITE, PIPELINE),
  CAL_SET_LIST(Addresses.CAL_SET_LIST, Owner.CALIBRATION, READ, BROWSER),
  CAL_SET_GET(Addresses.CAL_SET_GET, Owner.CALIBRATION, READ, BROWSER),
  CAL_ACTIVE_AT(Addresses.CAL_ACTIVE_AT, Owner.CALIBRATION, READ, BROWSER),
  CAL_COVERAGE(Addresses.CAL_COVERAGE, Owner.CALIBRATION, READ, BROWSER),

  PRODUCTS_MS_UPSERT(Addresses.PRODUCTS_MS_UPSERT, Owner.PRODUCTS, WRITE, PIPELINE),
  PRODUCTS_MS_LIST(Addresses.PRODUCTS_MS_LIST, Owner.PRODUCTS, READ, BROWSER),
  PRODUCTS_IMAGE_ADD(Addresses.PRODUCTS_IMAGE_ADD, Owner.PRODUCTS, WRITE, PIPELINE),
  PRODUCTS_IMAGE_GET(Addresses.PRODUCTS_IMAGE_GET, Owner.PRODUCTS, READ, BROWSER),
  PRODUCTS_IMAGES_LIST(Addresses.PRODUCTS_IMAGES_LIST, Owner.PRODUCTS, READ, BROWSER),
  PRODUCTS_PHOTOMETRY_ADD(Addresses.PRODUCTS_PHOTOMETRY_ADD, Owner.PRODUCTS, WRITE, PIPELINE),
  PRODUCTS_TIMESERIES_GET(Addresses.PRODUCTS_TIMESERIES_GET, Owner.PRODUCTS, READ, BROWSER),
  PRODUCTS_MOSAIC_ADD(Addresses.PRODUCTS_MOSAIC_ADD, Owner.PRODUCTS, WRITE, PIPELINE),
  PRODUCTS_MOSAICS_LIST(Addresses.PRODUCTS_MOSAICS_LIST, Owner.PRODUCTS, READ, BROWSER),
  PRODUCTS_QA_ADD(Addresses.PRODUCTS_QA_ADD, Owner.PRODUCTS, WRITE, PIPELINE),
  PRODUCTS_QA_LIST(Addresses.PRODUCTS_QA_LIST, Owner.PRODUCTS, READ, BROWSER),
  PRODUCTS_POINTING_ADD(Addresses.PRODUCTS_POINTING_ADD, Owner.PRODUCTS, WRITE, PIPELINE),
  PRODUCTS_POINTING_LIST(Addresses.PRODUCTS_POINTING_LIST, Owner.PRODUCTS, READ, BROWSER),
  PRODUCTS_SOURCES_SEARCH(Addresses.PRODUCTS_SOURCES_SEARCH, Owner.PRODUCTS, READ, BROWSER),
  PRODUCTS_SOURCE_GET(Addresses.PRODUCTS_SOURCE_GET, Owner.PRODUCTS, READ, BROWSER),
  PRODUCTS_VARIABILITY_LIST(Addresses.PRODUCTS_VARIABILITY_LIST, Owner.PRODUCTS, READ, BROWSER),
  PRODUCTS_VARIABILITY_ETA_V(Addresses.PRODUCTS_VARIABILITY_ETA_V, Owner.PRODUCTS, READ, BROWSER),
  PRODUCTS_VARIABILITY_RECOMPUTE(
      Addresses.PRODUCTS_VARIABILITY_RECOMPUTE, Owner.PRODUCTS, WRITE, PIPELINE),
  PRODUCTS_ESE_LIST(Addresses.PRODUCTS_ESE_LIST, Owner.PRODUCTS, READ, BROWSER),
  PRODUCTS_ESE_FLAG(Addresses.PRODUCTS_ESE_FLAG, Owner.PRODUCTS, WRITE, PIPELINE),
  PRODUCTS_ESE_UPDATE(Addresses.PRODUCTS_ESE_UPDATE, Owner.PRODUCTS, WRITE, PIPELINE),
  PRODUCTS_ALERTS_ENQUEUE(Addresses.PRODUCTS_ALERTS_ENQUEUE, Owner.PRODUCTS, WRITE, INTERNAL),
  PRODUCTS_ALERTS_PENDING(Addresses.PRODUCTS_ALERTS_PENDING, Owner.PRODUCTS, READ, INTERNAL),
  PRODUCTS_ALERTS_RECORD(Addresses.PRODUCTS_ALERTS_RECORD, Owner.PRODUCTS, WRITE, INTERNAL),
  PRODUCTS_ALERTS_LIST(Addresses.PRODUCTS_ALERTS_LIST, Owner.PRODUCTS, READ, BROWSER),

  ALERTS_TEST(Addresses.ALERTS_TEST, Owner.ALERTS, WRITE, INTERNAL),

  CATALOG_IMPORT(Addresses.CATALOG_IMPORT, Owner.CATALOG, WRITE, INTERNAL),
  CATALOG_CONE_SEARCH(Addresses.CATALOG_CONE_SEARCH, Owner.CATALOG, READ, BROWSER),
  CATALOG_SOURCE_GET(Addresses.CATALOG_SOURCE_GET, Owner.CATALOG, READ, BROWSER),
  CATALOG_STATS(Addresses.CATALOG_STATS, Owner.CATALOG, READ, BROWSER),
  CATALOG_REFERENCES_AMONG(Addresses.CATALOG_REFERENCES_AMONG, Owner.CATALOG, READ, INTERNAL);

  /**
   * Whether an operation changes its owner's database (and so goes through its writer's bounded
   * queue).
   */
  public enum Kind {
    READ,
    WRITE
  }

  /**
   * Who may call an operation: each reach includes the ones before it (the hub's own verticles may
   * call anything).
   */
  public enum Reach {
    /** Only the hub's own verticles. */
    INTERNAL,
    /** Also pipeline services over the TCP bridge (token-checked). */
    PIPELINE,
    /** Also dashboards over SockJS: reads only. */
    BROWSER
  }

  private final String address;
  private final Owner owner;
  private final Kind kind;
  private final Reach reach;

  BusOperation(String address, Owner owner, Kind kind, Reach reach) {
    if (kind == WRITE && reach == BROWSER) {
      throw new IllegalArgumentException(address + ": a browser never writes");
    }
    this.address = address;
    this.owner = owner;
    this.kind = kind;
    this.reach = reach;
  }

  public String address() {
    return address;
  }

  public Owner owner() {
    return owner;
  }

  public Kind kind() {
    return kind;
  }

  public Reach reach() {
    return reach;
  }

  /** True when a pipeline service may be allowed to call it over the TCP bridge. */
  private boolean reachesPipeline() {
    return reach != INTERNAL;
  }

  public static Optional<BusOperation> byAddress(String address) {
    return Arrays.stream(values()).filter(op -> op.address.equals(address)).findFirst();
  }

  /**
   * How far an address reaches: its operation's reach, {@link Reach#INTERNAL} for an owner's
   * readiness probe, and nothing for an address that is no operation of the hub.
   */
  public static Optional<Reach> reachOf(String address) {
    if (Arrays.stream(Owner.values()).map(Addresses::health).anyMatch(address::equals)) {
      return Optional.of(INTERNAL);
    }
    return byAddress(address).map(BusOperation::reach);
  }

  public static List<BusOperation> ofOwner(Owner owner) {
    return Arrays.stream(values()).filter(op -> op.owner == owner).toList();
  }

  /** The queries a browser may send over SockJS. */
  public static List<String> browserQueries() {
    return Arrays.stream(values())
        .filter(op -> op.reach == BROWSER)
        .map(BusOperation::address)
        .toList();
  }

  /**
   * Every operation the TCP bridge may forward; {@code bridge.inbound} may name fewer, never
   * others.
   */
  public static List<String> pipelineOperations() {
    return Arrays.stream(values())
        .filter(BusOperation::reachesPipeline)
        .map(BusOperation::address)
        .toList();
  }
}
