package org.dsa110.contimg.products;

import static org.dsa110.contimg.common.bus.Addresses.*;

import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.dsa110.contimg.common.OwnerVerticle;
import org.dsa110.contimg.common.bus.Owner;

/**
 * Owner of products.sqlite3: what the imagers and photometry workers made (MS index, images,
 * photometry, mosaics, QA artifacts, pointing), each source's variability statistics, and the ESE
 * candidates.
 */
public class ProductsVerticle extends OwnerVerticle {
  private final List<Long> timers = new ArrayList<>();
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();

  public ProductsVerticle() {
    super(
        Owner.PRODUCTS,
        "products.sqlite3",
        "db/products/001-seed.sql",
        "db/products/002-hub-source-sums.sql",
        "db/products/003-hub-alert-outbox.sql",
        "db/products/004-hub-normalisation-and-evidence.sql");
  }

  @Override
  protected Future<?> startServing() {
    TimeChecks times = new TimeChecks(settings().positive("products.time_tolerance_seconds"));
    MeasurementSets ms = new MeasurementSets(store(), times);
    Images images = new Images(store());
    VariabilitySettings variability = VariabilitySettings.from(settings());
    ReferenceCatalog references = new ReferenceCatalog(vertx);
    ImageGains gains = new ImageGains(variability.normalisation());
    LightCurves lightCurves = new LightCurves(variability.detectors());
    EseCandidates candidates = new EseCandidates(variability, lightCurves);
    Photometry photometry =
        new Photometry(store(), variability, references, gains, lightCurves, candidates, times);
    VariabilityQueries statistics = new VariabilityQueries(store(), variability, lightCurves);
    EseReview review = new EseReview(store());
    AlertHistory alerts = new AlertHistory(store());
    Mosaics mosaics = new Mosaics(store());
    QaArtifacts qa = new QaArtifacts(store());
    Pointing pointing = new Pointing(store(), times);
    SourceSearch sources = new SourceSearch(store());

    if (variability.enabled()) {
      Renormaliser renormaliser =
          new Renormaliser(store(), vertx.eventBus(), references, gains, lightCurves, candidates);
      // images that wait for the catalogue are tried again on a timer, and every waiting one after
      // a catalogue import
      timers.add(vertx.setTimer(1000, id -> renormaliser.run(false)));
      timers.add(vertx.setPeriodic(variability.retryIntervalMs(), id -> renormaliser.run(false)));
      consumers.add(
          vertx
              .eventBus()
              .<JsonObject>consumer(
                  EVENTS_CATALOG,
                  message -> {
                    if ("imported".equals(message.body().getString("type"))) {
                      references.forget();
                      renormaliser.run(true);
                    }
                  }));
    }

    serveWrite(PRODUCTS_MS_UPSERT, ms::upsert);
    serve(PRODUCTS_MS_LIST, ms::list);
    serveWrite(PRODUCTS_IMAGE_ADD, images::add);
    serve(PRODUCTS_IMAGE_GET, images::get);
    serve(PRODUCTS_IMAGES_LIST, images::list);
    serveWrite(PRODUCTS_PHOTOMETRY_ADD, photometry::add);
    serve(PRODUCTS_TIMESERIES_GET, photometry::timeseries);
    serveWrite(PRODUCTS_MOSAIC_ADD, mosaics::add);
    serve(PRODUCTS_MOSAICS_LIST, mosaics::list);
    serveWrite(PRODUCTS_QA_ADD, qa::add);
    serve(PRODUCTS_QA_LIST, qa::list);
    serveWrite(PRODUCTS_POINTING_ADD, pointing::add);
    serve(PRODUCTS_POINTING_LIST, pointing::list);
    serve(PRODUCTS_SOURCES_SEARCH, sources::search);
    serve(PRODUCTS_ESE_LIST, statistics::candidates);
    serveWrite(PRODUCTS_ESE_FLAG, review::flag);
    serveWrite(PRODUCTS_ESE_UPDATE, review::update);
    serve(PRODUCTS_VARIABILITY_LIST, statistics::list);
    serve(PRODUCTS_VARIABILITY_ETA_V, statistics::etaV);
    serve(PRODUCTS_SOURCE_GET, statistics::source);
    serveWrite(PRODUCTS_VARIABILITY_RECOMPUTE, statistics::recompute);
    serveWrite(PRODUCTS_ALERTS_ENQUEUE, alerts::enqueue);
    serve(PRODUCTS_ALERTS_PENDING, alerts::pending);
    serveWrite(PRODUCTS_ALERTS_RECORD, alerts::record);
    serve(PRODUCTS_ALERTS_LIST, alerts::list);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList())
        .compose(done -> super.stop());
  }
}
