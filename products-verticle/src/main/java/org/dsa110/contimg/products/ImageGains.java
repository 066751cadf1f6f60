package org.dsa110.contimg.products;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dsa110.contimg.common.store.DbRow;
import org.dsa110.contimg.common.store.Tx;
import org.dsa110.contimg.products.variability.EnsembleNormaliser;
import org.dsa110.contimg.products.variability.ImageNormalisation;
import org.dsa110.contimg.products.variability.ImageScale;
import org.dsa110.contimg.products.variability.NormalisationSettings;
import org.dsa110.contimg.products.variability.SystematicFloor;

/**
 * Normalises an image inside its photometry transaction: loads what {@link ImageNormalisation}
 * needs (the references' baselines, which of them are open candidates, the floor recent images
 * measured), runs it, and keeps the result: the image's gain (hub_image_gains), the references it
 * used (hub_image_references) and their updated baselines (hub_reference_baselines).
 */
final class ImageGains {
  static final String NORMALISED = "normalised";
  static final String DISABLED = "disabled";
  static final String TOO_FEW_REFERENCES = "too_few_references";
  static final String CATALOGUE_UNAVAILABLE = "catalogue_unavailable";

  /** Images whose points are in the statistics. */
  static final String USABLE = "('" + NORMALISED + "', '" + DISABLED + "')";

  private final NormalisationSettings settings;
  private final ImageNormalisation normalisation;

  ImageGains(NormalisationSettings settings) {
    this.settings = settings;
    this.normalisation = new ImageNormalisation(settings);
  }

  /**
   * An image to normalise: its measurements and rms noise (for rows without an error of their own).
   */
  record Image(String path, double mjd, List<Measurement> rows, Double noiseJy) {}

  /**
   * Normalises the image and records the outcome; the scale to apply, or empty when the image must
   * wait ({@code references} empty: the catalogue could not say which sources are references).
   */
  Optional<ImageScale> normalise(
      Tx tx, Image image, Optional<Map<String, Double>> references, double now) {
    if (!settings.enabled()) {
      ImageScale unit = ImageScale.unit(settings.floor().orElse(SystematicFloor.INITIAL));
      saveGain(tx, image, DISABLED, unit, null, now);
      return Optional.of(unit);
    }
    if (references.isEmpty()) {
      saveGain(tx, image, CATALOGUE_UNAVAILABLE, ImageScale.unit(0), null, now);
      return Optional.empty();
    }
    List<ImageNormalisation.Measurement> rows = new ArrayList<>(image.rows().size());
    for (Measurement m : image.rows()) {
      // a reference's NVSS flux is the catalogue's; the row's copy may be stale or rounded
      Double nvss = references.get().getOrDefault(m.sourceId(), m.nvssFluxMjy());
      rows.add(
          new ImageNormalisation.Measurement(
              m.sourceId(),
              m.peakJyb() * 1000,
              PhotometryPoints.thermalErrMjy(m.peakErrJyb(), image.noiseJy(), m.flags()),
              m.snr(),
              m.flags(),
              references.get().containsKey(m.sourceId()),
              nvss));
    }
    List<String> candidates =
        rows.stream()
            .filter(normalisation::isReferenceCandidate)
            .map(ImageNormalisation.Measurement::sourceId)
            .toList();
    Map<String, ImageNormalisation.Baseline> baselines = baselines(tx, candidates);
    double floor = SystematicFloor.choose(settings, recentFloors(tx));
    ImageNormalisation.Result result =
        normalisation.solve(rows, baselines, variable(tx, candidates), floor);
    ImageScale scale = result.normalised() ? result.scale() : ImageScale.unit(floor);
    saveGain(
        tx,
        image,
        result.normalised() ? NORMALISED : TOO_FEW_REFERENCES,
        scale,
        result.solution(),
        now);
    saveReferences(tx, image.path(), result);
    addToBaselines(tx, result.contributions(), baselines);
    return result.normalised() ? Optional.of(scale) : Optional.empty();
  }

  /**
   * Takes an image's gain and its references' contributions back out (before its photometry is
   * replaced).
   */
  void forget(Tx tx, String imagePath) {
    List<DbRow> used =
        tx.query(
            "SELECT source_id, norm_flux_mjy, weight FROM hub_image_references WHERE image_path = ? AND used = 1",
            imagePath);
    Map<String, ImageNormalisation.Baseline> baselines =
        baselines(tx, used.stream().map(row -> row.getString("source_id")).toList());
    List<Object[]> updates = new ArrayList<>();
    for (DbRow row : used) {
      String id = row.getString("source_id");
      ImageNormalisation.Baseline less =
          baselines
              .getOrDefault(id, ImageNormalisation.Baseline.NONE)
              .minus(row.getDouble("norm_flux_mjy"), row.getDouble("weight"));
      updates.add(new Object[] {id, less.epochs(), less.sumW(), less.meanMjy()});
    }
    tx.batch(UPSERT_BASELINE, updates);
    tx.update("DELETE FROM hub_image_references WHERE image_path = ?", imagePath);
    tx.update("DELETE FROM hub_image_gains WHERE image_path = ?", imagePath);
  }

  private static final String UPSERT_BASELINE =
      "INSERT INTO hub_reference_baselines (source_id, epochs, sum_w, mean_mjy) VALUES (?, ?, ?, ?) "
          + "ON CONFLICT(source_id) DO UPDATE SET epochs = excluded.epochs, sum_w = excluded.sum_w, mean_mjy = excluded.mean_mjy";

  private static Map<String, ImageNormalisation.Baseline> baselines(Tx tx, List<String> ids) {
    Map<String, ImageNormalisation.Baseline> baselines = new HashMap<>();
    if (!ids.isEmpty()) {
      tx.query(
              "SELECT b.source_id, b.epochs, b.sum_w, b.mean_mjy FROM json_each(?) j JOIN hub_reference_baselines b ON b.source_id = j.value",
              new JsonArray(ids).encode())
          .forEach(
              row ->
                  baselines.put(
                      row.getString("source_id"),
                      new ImageNormalisation.Baseline(
                          row.getLong("epochs"),
                          row.getDouble("sum_w"),
                          row.getDouble("mean_mjy"))));
    }
    return baselines;
  }

  /**
   * Reference candidates that are open ESE candidates of their own (active or being investigated).
   */
  private static Set<String> variable(Tx tx, List<String> ids) {
    Set<String> variable = new HashSet<>();
    if (!ids.isEmpty()) {
      tx.query(
              "SELECT DISTINCT e.source_id FROM json_each(?) j JOIN ese_candidates e ON e.source_id = j.value "
                  + "WHERE COALESCE(e.status, 'active') != 'dismissed'",
              new JsonArray(ids).encode())
          .forEach(row -> variable.add(row.getString("source_id")));
    }
    return variable;
  }

  private static List<Double> recentFloors(Tx tx) {
    return tx
        .query(
            "SELECT floor_estimate FROM hub_image_gains WHERE floor_estimate IS NOT NULL ORDER BY computed_at DESC, rowid DESC LIMIT ?",
            SystematicFloor.RECENT_IMAGES)
        .stream()
        .map(row -> row.getDouble("floor_estimate"))
        .toList();
  }

  private static void saveGain(
      Tx tx,
      Image image,
      String status,
      ImageScale scale,
      EnsembleNormaliser.Solution solution,
      double now) {
    boolean solved = solution != null && solution.normalised();
    tx.update(
        "INSERT INTO hub_image_gains (image_path, mjd, status, gain, gain_err, scatter, floor_estimate, floor_used, "
            + "n_references, n_used, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(image_path) DO UPDATE SET "
            + "mjd = excluded.mjd, status = excluded.status, gain = excluded.gain, gain_err = excluded.gain_err, scatter = excluded.scatter, "
            + "floor_estimate = excluded.floor_estimate, floor_used = excluded.floor_used, n_references = excluded.n_references, "
            + "n_used = excluded.n_used, computed_at = excluded.computed_at",
        image.path(),
        image.mjd(),
        status,
        scale.gain(),
        scale.gainErr(),
        solved ? solution.scatter() : null,
        solved ? solution.floorEstimate() : null,
        scale.floor(),
        solution == null ? 0 : solution.considered(),
        solution == null ? 0 : solution.used(),
        now);
  }

  private static void saveReferences(Tx tx, String imagePath, ImageNormalisation.Result result) {
    Map<String, ImageNormalisation.Contribution> contributions = new HashMap<>();
    result.contributions().forEach(c -> contributions.put(c.sourceId(), c));
    List<Object[]> rows = new ArrayList<>();
    for (EnsembleNormaliser.Outcome outcome : result.solution().outcomes()) {
      ImageNormalisation.Contribution c = contributions.get(outcome.sourceId());
      rows.add(
          new Object[] {
            imagePath,
            outcome.sourceId(),
            outcome.ratio(),
            result.baselineSources().get(outcome.sourceId()),
            outcome.used() ? 1 : 0,
            c == null ? null : c.fluxMjy(),
            c == null ? null : c.weight()
          });
    }
    tx.update("DELETE FROM hub_image_references WHERE image_path = ?", imagePath);
    tx.batch(
        "INSERT INTO hub_image_references (image_path, source_id, ratio, baseline_from, used, norm_flux_mjy, weight) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows);
  }

  private static void addToBaselines(
      Tx tx,
      List<ImageNormalisation.Contribution> contributions,
      Map<String, ImageNormalisation.Baseline> baselines) {
    List<Object[]> updates = new ArrayList<>();
    for (ImageNormalisation.Contribution c : contributions) {
      ImageNormalisation.Baseline more =
          baselines
              .getOrDefault(c.sourceId(), ImageNormalisation.Baseline.NONE)
              .plus(c.fluxMjy(), c.weight());
      updates.add(new Object[] {c.sourceId(), more.epochs(), more.sumW(), more.meanMjy()});
    }
    tx.batch(UPSERT_BASELINE, updates);
  }
}
