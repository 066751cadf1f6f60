package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Mjd;
import org.dsa110.contimg.common.bus.Sequentially;
import org.dsa110.contimg.common.bus.UnixTime;
import org.dsa110.contimg.common.store.DbRow;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.store.Tx;
import org.dsa110.contimg.products.variability.ImageScale;
import org.dsa110.contimg.products.variability.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Normalises the images that had to wait: those recorded while the catalogue could not say which
 * sources are references, those with too few references (tried again after a catalogue import), and
 * those a database brought with it from before normalisation existed. Oldest first, one transaction
 * per image; each image's points then join their sources' statistics like a late image's would, and
 * may flag candidates.
 */
final class Renormaliser {
  private static final Logger LOG = LoggerFactory.getLogger(Renormaliser.class);
  private static final int IMAGES_PER_RUN = 500;

  private final SqliteStore store;
  private final EventBus bus;
  private final ReferenceCatalog references;
  private final ImageGains gains;
  private final LightCurves lightCurves;
  private final EseCandidates candidates;
  private boolean running;

  Renormaliser(
      SqliteStore store,
      EventBus bus,
      ReferenceCatalog references,
      ImageGains gains,
      LightCurves lightCurves,
      EseCandidates candidates) {
    this.store = store;
    this.bus = bus;
    this.references = references;
    this.gains = gains;
    this.lightCurves = lightCurves;
    this.candidates = candidates;
  }

  /**
   * One pass over the waiting images (none when a pass is already under way); how many were
   * normalised.
   */
  Future<Integer> run(boolean retryTooFew) {
    if (running) {
      return Future.succeededFuture(0);
    }
    running = true;
    int[] normalised = {0};
    return waiting(retryTooFew)
        .compose(
            paths ->
                Sequentially.forEach(
                    paths,
                    path -> renormalise(path).onSuccess(done -> normalised[0] += done ? 1 : 0)))
        .map(
            done -> {
              if (normalised[0] > 0) {
                LOG.info("normalised {} image(s) that were waiting", normalised[0]);
              }
              return normalised[0];
            })
        .onComplete(done -> running = false);
  }

  private Future<List<String>> waiting(boolean retryTooFew) {
    String statuses =
        retryTooFew
            ? "('"
                + ImageGains.CATALOGUE_UNAVAILABLE
                + "', '"
                + ImageGains.TOO_FEW_REFERENCES
                + "')"
            : "('" + ImageGains.CATALOGUE_UNAVAILABLE + "')";
    return store.read(
        tx ->
            tx
                .query(
                    "SELECT path FROM (SELECT image_path AS path, mjd FROM hub_image_gains WHERE status IN "
                        + statuses
                        + " UNION ALL SELECT i.path, m.mid_mjd FROM images i LEFT JOIN ms_index m ON m.path = i.ms_path "
                        + "WHERE NOT EXISTS (SELECT 1 FROM hub_image_gains g WHERE g.image_path = i.path) "
                        + "AND EXISTS (SELECT 1 FROM photometry p WHERE p.image_path = i.path)) ORDER BY mjd LIMIT ?",
                    IMAGES_PER_RUN)
                .stream()
                .map(row -> row.getString("path"))
                .toList());
  }

  private Future<Boolean> renormalise(String path) {
    return store
        .read(tx -> image(tx, path))
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(false);
              }
              ImageGains.Image image = found.get();
              return references
                  .among(image.rows().stream().map(Measurement::sourceId).toList())
                  .compose(
                      refs ->
                          store.write(
                              tx -> {
                                double now = UnixTime.now();
                                Optional<ImageScale> scale = gains.normalise(tx, image, refs, now);
                                if (scale.isEmpty()) {
                                  return new Committed(null, List.of());
                                }
                                Map<String, List<Point>> points = new LinkedHashMap<>();
                                Map<String, LightCurves.Identity> identities =
                                    new LinkedHashMap<>();
                                for (Measurement m : image.rows()) {
                                  points.put(
                                      m.sourceId(),
                                      List.of(
                                          PhotometryPoints.point(
                                              scale.get(),
                                              image.mjd(),
                                              m.peakJyb(),
                                              m.peakErrJyb(),
                                              image.noiseJy(),
                                              m.flags())));
                                  identities.put(
                                      m.sourceId(),
                                      new LightCurves.Identity(
                                          m.raDeg(), m.decDeg(), m.nvssFluxMjy()));
                                }
                                List<LightCurves.Update> updates =
                                    lightCurves.add(tx, points, identities, path, now);
                                return new Committed(
                                    new JsonObject().put("normalised", true),
                                    candidates.evaluate(tx, updates, now));
                              }))
                  .map(
                      committed -> {
                        committed.publishTo(bus);
                        return committed.reply() != null;
                      });
            });
  }

  /** An image's stored measurements, as its photometry batch had them. */
  private static Optional<ImageGains.Image> image(Tx tx, String path) {
    List<DbRow> rows =
        tx.query(
            "SELECT p.source_id, p.ra_deg, p.dec_deg, p.nvss_flux_mjy, p.peak_jyb, p.peak_err_jyb, p.snr, "
                + "p.sep_from_center_deg, p.flags, p.mjd, p.measured_at, i.noise_jy FROM photometry p JOIN images i ON i.path = p.image_path "
                + "WHERE p.image_path = ? ORDER BY p.id",
            path);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    DbRow first = rows.get(0);
    Double mjdOfRow = first.getDouble("mjd");
    double mjd =
        mjdOfRow != null ? mjdOfRow : Mjd.UNIX_EPOCH + first.getDouble("measured_at") / 86400;
    List<Measurement> measurements = new ArrayList<>(rows.size());
    for (DbRow row : rows) {
      Long flags = row.getLong("flags");
      measurements.add(
          new Measurement(
              row.getString("source_id"),
              row.getDouble("ra_deg"),
              row.getDouble("dec_deg"),
              row.getDouble("nvss_flux_mjy"),
              row.getDouble("peak_jyb"),
              row.getDouble("peak_err_jyb"),
              row.getDouble("snr"),
              row.getDouble("sep_from_center_deg"),
              flags == null ? 0 : flags));
    }
    return Optional.of(new ImageGains.Image(path, mjd, measurements, first.getDouble("noise_jy")));
  }
}
