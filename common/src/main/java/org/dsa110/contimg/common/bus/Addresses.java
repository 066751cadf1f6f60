package org.dsa110.contimg.common.bus;

/**
 * Every event-bus address of the hub. Commands and queries are {@code <owner>.<noun>.<verb>};
 * events are published on {@code events.<topic>} after the write that caused them has committed.
 * Who serves each operation, whether it writes and who may call it is {@link BusOperation}'s table.
 */
public final class Addresses {
  private Addresses() {}

  public static final String INGEST_SUBBAND_ADD = "ingest.subband.add";
  public static final String INGEST_GROUP_CLAIM = "ingest.group.claim";
  public static final String INGEST_GROUP_HEARTBEAT = "ingest.group.heartbeat";
  public static final String INGEST_GROUP_COMPLETE = "ingest.group.complete";
  public static final String INGEST_GROUP_FAIL = "ingest.group.fail";
  public static final String INGEST_GROUP_RETRY = "ingest.group.retry";
  public static final String INGEST_GROUP_CALIBRATORS = "ingest.group.calibrators";
  public static final String INGEST_GROUP_GET = "ingest.group.get";
  public static final String INGEST_QUEUE_LIST = "ingest.queue.list";
  public static final String INGEST_QUEUE_STATS = "ingest.queue.stats";

  public static final String CAL_SET_REGISTER = "cal.set.register";
  public static final String CAL_SET_RETIRE = "cal.set.retire";
  public static final String CAL_SET_LIST = "cal.set.list";
  public static final String CAL_SET_GET = "cal.set.get";
  public static final String CAL_ACTIVE_AT = "cal.active.at";
  public static final String CAL_COVERAGE = "cal.coverage";

  public static final String PRODUCTS_MS_UPSERT = "products.ms.upsert";
  public static final String PRODUCTS_MS_LIST = "products.ms.list";
  public static final String PRODUCTS_IMAGE_ADD = "products.image.add";
  public static final String PRODUCTS_IMAGE_GET = "products.image.get";
  public static final String PRODUCTS_IMAGES_LIST = "products.images.list";
  public static final String PRODUCTS_PHOTOMETRY_ADD = "products.photometry.add";
  public static final String PRODUCTS_TIMESERIES_GET = "products.timeseries.get";
  public static final String PRODUCTS_MOSAIC_ADD = "products.mosaic.add";
  public static final String PRODUCTS_MOSAICS_LIST = "products.mosaics.list";
  public static final String PRODUCTS_QA_ADD = "products.qa.add";
  public static final String PRODUCTS_QA_LIST = "products.qa.list";
  public static final String PRODUCTS_POINTING_ADD = "products.pointing.add";
  public static final String PRODUCTS_POINTING_LIST = "products.pointing.list";
  public static final String PRODUCTS_SOURCES_SEARCH = "products.sources.search";
  public static final String PRODUCTS_SOURCE_GET = "products.source.get";
  public static final String PRODUCTS_VARIABILITY_LIST = "products.variability.list";
  public static final String PRODUCTS_VARIABILITY_ETA_V = "products.variability.eta_v";
  public static final String PRODUCTS_VARIABILITY_RECOMPUTE = "products.variability.recompute";
  public static final String PRODUCTS_ESE_LIST = "products.ese.list";
  public static final String PRODUCTS_ESE_FLAG = "products.ese.flag";
  public static final String PRODUCTS_ESE_UPDATE = "products.ese.update";

  public static final String PRODUCTS_ALERTS_ENQUEUE = "products.alerts.enqueue";
  public static final String PRODUCTS_ALERTS_PENDING = "products.alerts.pending";
  public static final String PRODUCTS_ALERTS_RECORD = "products.alerts.record";
  public static final String PRODUCTS_ALERTS_LIST = "products.alerts.list";
  public static final String ALERTS_TEST = "alerts.test";

  public static final String CATALOG_IMPORT = "catalog.import";
  public static final String CATALOG_CONE_SEARCH = "catalog.cone.search";
  public static final String CATALOG_SOURCE_GET = "catalog.source.get";
  public static final String CATALOG_STATS = "catalog.stats";

  /**
   * Which of some source ids are final references (for ensemble normalisation), with their NVSS
   * flux.
   */
  public static final String CATALOG_REFERENCES_AMONG = "catalog.references.among";

  public static final String EVENTS_QUEUE = "events.queue";
  public static final String EVENTS_ALERTS = "events.alerts";
  public static final String EVENTS_ESE = "events.ese";
  public static final String EVENTS_PRODUCTS = "events.products";
  public static final String EVENTS_CALIBRATION = "events.calibration";
  public static final String EVENTS_CATALOG = "events.catalog";

  /** Matches every event address; what dashboards and bridges may receive. */
  public static final String EVENTS_REGEX = "events\\..+";

  /**
   * The address at which an owner answers a readiness probe (it also proves its database writable).
   */
  public static String health(Owner owner) {
    return owner.busName() + ".health.check";
  }
}
