package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.Mjd;
import org.dsa110.contimg.common.bus.UnixTime;
import org.dsa110.contimg.common.store.DbRow;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.store.Tx;
import org.dsa110.contimg.common.store.Where;
import org.dsa110.contimg.products.variability.ImageScale;
import org.dsa110.contimg.products.variability.Point;

/**
 * photometry: forced-photometry measurements, a whole image's batch at a time.
 *
 * <p>A batch lands in one transaction, all or nothing. Every row carries the observation's time
 * (the MJD the request gives, and measured_at as that instant in Unix seconds), never the wall
 * clock of recording. An image's measurements are recorded once: a batch re-sent for an image that
 * already has them is acknowledged without writing ({@code duplicate: true}); {@code replace: true}
 * swaps the old measurements for the new ones.
 */
final class Photometry {
  static final int MAX_BATCH = 200_000;
  private static final int MAX_POINTS = 100_000;

  private final SqliteStore store;
  private final VariabilitySettings variability;
  private final ReferenceCatalog references;
  private final ImageGains gains;
  private final LightCurves lightCurves;
  private final EseCandidates candidates;

  private final TimeChecks times;

  Photometry(
      SqliteStore store,
      VariabilitySettings variability,
      ReferenceCatalog references,
      ImageGains gains,
      LightCurves lightCurves,
      EseCandidates candidates,
      TimeChecks times) {
    this.store = store;
    this.times = times;
    this.variability = variability;
    this.references = references;
    this.gains = gains;
    this.lightCurves = lightCurves;
    this.candidates = candidates;
  }

  /**
   * Records an image's batch in three named steps: the batch read (each row checked, a source
   * once), the catalogue's references among its sources (for normalisation), and one write that
   * stores the rows and brings the statistics up to date.
   */
  Future<Committed> add(JsonObject body) {
    Fields fields =
        Fields.of(body).allowOnly(Set.of("image_path", "mjd", "measurements", "replace"));
    String imagePath = fields.requiredString("image_path");
    double mjd = Mjd.required(fields, "mjd");
    boolean replace = fields.optionalBoolean("replace").orElse(false);
    List<Measurement> batch = batch(fields.objects("measurements"));
    return referencesAmong(batch)
        .compose(refs -> store.write(tx -> write(tx, imagePath, mjd, batch, replace, refs)));
  }

  private static List<Measurement> batch(List<Fields> rows) {
    if (rows.size() > MAX_BATCH) {
      throw HubException.badRequest(
          "measurements", "at most " + MAX_BATCH + " per batch, got " + rows.size());
    }
    List<Measurement> batch = new ArrayList<>(rows.size());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      Measurement m = Measurement.parse(rows.get(i));
      Integer first = seen.putIfAbsent(m.sourceId(), i);
      if (first != null) {
        throw HubException.badRequest(
            "measurements[" + i + "].source_id",
            "'"
                + m.sourceId()
                + "' was already measured in measurements["
                + first
                + "]; an image measures a source once");
      }
      batch.add(m);
    }
    return batch;
  }

  /** The batch's final references with their NVSS flux; none asked for while not normalising. */
  private Future<Optional<Map<String, Double>>> referencesAmong(List<Measurement> batch) {
    if (!variability.enabled() || !variability.normalisation().enabled()) {
      return Future.succeededFuture(Optional.of(Map.of()));
    }
    return references.among(batch.stream().map(Measurement::sourceId).collect(Collectors.toSet()));
  }

  private Committed write(
      Tx tx,
      String imagePath,
      double mjd,
      List<Measurement> batch,
      boolean replace,
      Optional<Map<String, Double>> refs) {
    double measuredAt = Mjd.toUnixSeconds(mjd);
    double now = UnixTime.now();
    DbRow recorded =
        Images.observedBy(tx, imagePath)
            .orElseThrow(
                () ->
                    HubException.notFound(
                        "no image "
                            + imagePath
                            + " (image_path); record it with products.image.add first"));
    times.photometryMjd(
        mjd,
        recorded.getString("type"),
        recorded.getDouble("start_mjd"),
        recorded.getDouble("mid_mjd"),
        recorded.getDouble("end_mjd"));
    ImageGains.Image image =
        new ImageGains.Image(imagePath, mjd, batch, recorded.getDouble("noise_jy"));
    List<String> previous = recordedSources(tx, imagePath);
    if (!previous.isEmpty() && !replace) {
      return Committed.of(reply(imagePath, mjd, previous.size(), 0).put("duplicate", true));
    }
    boolean replacing = !previous.isEmpty();
    if (replacing) {
      gains.forget(tx, imagePath);
      tx.update("DELETE FROM photometry WHERE image_path = ?", imagePath);
    }
    tx.batch(
        Measurement.INSERT, batch.stream().map(m -> m.row(imagePath, measuredAt, mjd)).toList());
    List<Committed.Event> events = new ArrayList<>();
    events.add(
        new Committed.Event(
            Addresses.EVENTS_PRODUCTS,
            new JsonObject()
                .put("type", "photometry")
                .put("image_path", imagePath)
                .put("mjd", mjd)
                .put("count", batch.size())));
    events.addAll(
        statistics(tx, image, refs, replacing ? touched(previous, batch) : List.of(), now));
    return new Committed(
        reply(imagePath, mjd, batch.size(), batch.size()).put("replaced", replacing), events);
  }

  /**
   * Brings the sources' statistics up to date with a stored batch and returns the ESE candidate
   * events they cause: the image is normalised first; a fresh batch's points then join their
   * sources' running states (whose history, if a state has to be built, is read without this
   * image), while a replaced batch rebuilds every source it touched, old and new. An image that
   * cannot be normalised yet only records where its sources are.
   */
  private List<Committed.Event> statistics(
      Tx tx,
      ImageGains.Image image,
      Optional<Map<String, Double>> refs,
      List<String> replacedSources,
      double now) {
    if (!variability.enabled()) {
      SourceIndex.add(tx, image.rows(), Mjd.toUnixSeconds(image.mjd()), image.mjd(), now);
      if (!replacedSources.isEmpty()) {
        SourceIndex.rebuild(tx, replacedSources, now);
      }
      return List.of();
    }
    Map<String, LightCurves.Identity> identities = new LinkedHashMap<>();
    image
        .rows()
        .forEach(
            m ->
                identities.put(
                    m.sourceId(),
                    new LightCurves.Identity(m.raDeg(), m.decDeg(), m.nvssFluxMjy())));
    Optional<ImageScale> scale = gains.normalise(tx, image, refs, now);
    List<LightCurves.Update> updates;
    if (!replacedSources.isEmpty()) {
      LightCurves.identify(tx, identities, now);
      updates = lightCurves.rebuild(tx, replacedSources, now);
    } else if (scale.isPresent()) {
      Map<String, List<Point>> points = new LinkedHashMap<>();
      image
          .rows()
          .forEach(
              m ->
                  points.put(
                      m.sourceId(),
                      List.of(
                          PhotometryPoints.point(
                              scale.get(),
                              image.mjd(),
                              m.peakJyb(),
                              m.peakErrJyb(),
                              image.noiseJy(),
                              m.flags()))));
      updates = lightCurves.add(tx, points, identities, image.path(), now);
    } else {
      LightCurves.identify(tx, identities, now);
      updates = List.of();
    }
    return candidates.evaluate(tx, updates, now);
  }

  private static JsonObject reply(String imagePath, double mjd, int count, int added) {
    return new JsonObject()
        .put("image_path", imagePath)
        .put("mjd", mjd)
        .put("count", count)
        .put("added", added)
        .put("duplicate", false);
  }

  private static List<String> recordedSources(Tx tx, String imagePath) {
    return tx.query("SELECT source_id FROM photometry WHERE image_path = ?", imagePath).stream()
        .map(row -> row.getString("source_id"))
        .toList();
  }

  private static List<String> touched(List<String> previous, List<Measurement> batch) {
    Set<String> ids = new LinkedHashSet<>(previous);
    batch.forEach(m -> ids.add(m.sourceId()));
    return new ArrayList<>(ids);
  }

  /**
   * The seed's flux time series of one source: mJy, oldest first, with each image's field and
   * noise.
   */
  Future<JsonObject> timeseries(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("source_id", "start_mjd", "end_mjd"));
    String sourceId = fields.requiredString("source_id");
    Optional<Double> start = Mjd.optional(fields, "start_mjd");
    Optional<Double> end = Mjd.optional(fields, "end_mjd");
    Where where =
        new Where()
            .add("p.source_id = ?", sourceId)
            .addIfPresent(start, "p.mjd >= ?")
            .addIfPresent(end, "p.mjd <= ?");
    // SQLite assembles the points into one JSON text: a single value crosses the JDBC layer instead
    // of
    // 10,000 decoded rows (10x faster for a long light curve, see BENCHMARKS.md). The normalised
    // flux and error
    // are PhotometryPoints' arithmetic written in SQL (a test holds the two equal).
    return store.read(
        tx -> {
          JsonArray points =
              new JsonArray(
                  (String)
                      tx.scalar(
                          "SELECT json_group_array(json_object('mjd', mjd, 'flux_mjy', flux_mjy, "
                              + "'error_mjy', error_mjy, 'snr', snr, 'field_name', field_name, 'image_noise_mjy', image_noise_mjy, 'image_path', image_path, "
                              + "'flux_norm_mjy', flux_norm_mjy, 'error_norm_mjy', CASE WHEN flux_norm_mjy IS NOT NULL AND thermal_mjy > 0 THEN "
                              + "sqrt(pow(thermal_mjy / gain, 2) + pow(abs(flux_norm_mjy) * gain_err / gain, 2) + pow(floor_used * flux_norm_mjy, 2)) END, "
                              + "'normalisation', normalisation) ORDER BY mjd) AS points FROM (SELECT p.mjd, p.peak_jyb * 1000 AS flux_mjy, "
                              + "p.peak_err_jyb * 1000 AS error_mjy, p.snr, i.field_name, i.noise_jy * 1000 AS image_noise_mjy, p.image_path, "
                              + "CASE WHEN g.status IN "
                              + ImageGains.USABLE
                              + " THEN p.peak_jyb * 1000 / g.gain END AS flux_norm_mjy, "
                              + "CASE WHEN COALESCE(p.flags, 0) = 0 THEN COALESCE(p.peak_err_jyb, i.noise_jy) * 1000 END AS thermal_mjy, "
                              + "g.gain, g.gain_err, g.floor_used, COALESCE(g.status, 'pending') AS normalisation "
                              + "FROM photometry p JOIN images i ON p.image_path = i.path LEFT JOIN hub_image_gains g ON g.image_path = p.image_path"
                              + where.sql()
                              + " ORDER BY p.mjd ASC LIMIT ?)",
                          where.arguments(MAX_POINTS)));
          Object nvss =
              tx.scalar(
                  "SELECT nvss_flux_mjy FROM variability_stats WHERE source_id = ?", sourceId);
          return new JsonObject()
              .put("source_id", sourceId)
              .put("count", points.size())
              .put("points", points)
              .put("nvss_flux_mjy", nvss);
        });
  }
}
