package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.Sequentially;
import org.dsa110.contimg.common.bus.Sky;
import org.dsa110.contimg.common.bus.UnixTime;
import org.dsa110.contimg.common.store.DbRow;
import org.dsa110.contimg.common.store.Pages;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.store.Where;

/**
 * Reading the statistics and candidates (the seed's candidate query, sorted lists, one source, the
 * eta-V plane), and rebuilding them.
 */
final class VariabilityQueries {
  private static final Set<String> CANDIDATE_SORTS =
      Set.of("significance", "flagged_at", "n_obs", "chi2_nu", "sigma_deviation");
  private static final Map<String, String> STATS_SORTS =
      Map.of(
          "chi2_nu",
          "v.chi2_nu",
          "sigma_deviation",
          "v.sigma_deviation",
          "last_mjd",
          "v.last_mjd",
          "n_obs",
          "v.n_obs",
          "mean_flux_mjy",
          "v.mean_flux_mjy",
          "significance",
          "h.significance",
          "eta",
          "h.eta",
          "v",
          "h.v",
          "vs_max",
          "h.vs_max",
          "m_max",
          "h.m_max");

  /** The named statistics of hub_source_state, beside the seed's columns of variability_stats. */
  private static final String NAMED =
      "h.eta, h.v, h.weighted_mean_mjy, h.n_w, h.vs_max, h.m_max, h.significance AS current_significance, h.detector";

  /** The strongest evidence recorded for a candidate (e): what made it, in a few fields. */
  private static final String EVIDENCE =
      "(SELECT json_object('detector', x.detector, 'significance', x.significance, 'depth', x.depth, "
          + "'direction', x.direction, 'scale_days', x.scale_days, 'start_mjd', x.start_mjd, 'end_mjd', x.end_mjd, 'at_mjd', x.at_mjd) "
          + "FROM hub_candidate_evidence x WHERE x.candidate_id = e.id ORDER BY x.significance DESC, x.id DESC LIMIT 1) AS evidence";

  private static final Set<String> STATUSES = Set.of("active", "investigated", "dismissed", "all");
  private static final Set<String> FLAG_TYPES = Set.of("variability", "rapid_change", "user");
  private static final double MAX_CONE_DEG = 10;
  private static final int REBUILD_CHUNK = 500;

  private final SqliteStore store;
  private final VariabilitySettings settings;
  private final LightCurves lightCurves;

  VariabilityQueries(SqliteStore store, VariabilitySettings settings, LightCurves lightCurves) {
    this.store = store;
    this.settings = settings;
    this.lightCurves = lightCurves;
  }

  /**
   * The seed's "ESE candidates with source details" query, filtered and sorted (default: active,
   * strongest first).
   */
  Future<JsonObject> candidates(JsonObject body) {
    Fields fields =
        Fields.of(body)
            .allowOnly(
                Set.of(
                    "status", "flag_type", "min_significance", "sort", "order", "limit", "offset"));
    String status = fields.optionalEnum("status", STATUSES).orElse("active");
    Optional<String> flagType = fields.optionalEnum("flag_type", FLAG_TYPES);
    Optional<Double> minSignificance = fields.optionalDouble("min_significance");
    String sort = fields.optionalEnum("sort", CANDIDATE_SORTS).orElse("significance");
    String order = fields.optionalEnum("order", Set.of("asc", "desc")).orElse("desc");
    Pages pages = Pages.of(fields);
    Where where =
        new Where()
            .addIf(!status.equals("all"), "COALESCE(e.status, 'active') = ?", status)
            .addIfPresent(flagType, "e.flag_type = ?")
            .addIfPresent(minSignificance, "e.significance >= ?");
    String from =
        " FROM ese_candidates e JOIN variability_stats v ON e.source_id = v.source_id"
            + where.sql();
    String column =
        sort.equals("n_obs") || sort.equals("chi2_nu") || sort.equals("sigma_deviation")
            ? "v." + sort
            : "e." + sort;
    return store.read(
        tx ->
            new JsonObject()
                .put(
                    "candidates",
                    withEvidence(
                        Pages.rows(
                            tx.query(
                                "SELECT e.id, e.source_id, v.ra_deg, v.dec_deg, v.mean_flux_mjy, v.nvss_flux_mjy, "
                                    + "v.chi2_nu, v.sigma_deviation, v.n_obs, e.flagged_at, e.significance, e.status, e.flag_type, e.flagged_by, e.notes, "
                                    + "e.investigated_at, e.dismissed_at, "
                                    + EVIDENCE
                                    + from
                                    + " ORDER BY "
                                    + column
                                    + " "
                                    + order
                                    + " NULLS LAST, e.id LIMIT ? OFFSET ?",
                                where.arguments(pages.limit(), pages.offset())))))
                .put("total", tx.count("SELECT COUNT(*)" + from, where.arguments()))
                .put("limit", pages.limit())
                .put("offset", pages.offset()));
  }

  /**
   * Sources' statistics, most variable first by default; filters on measurements, mean flux and a
   * cone.
   */
  Future<JsonObject> list(JsonObject body) {
    Fields fields =
        Fields.of(body)
            .allowOnly(
                Set.of(
                    "sort",
                    "min_n_obs",
                    "min_flux",
                    "max_flux",
                    "ra_deg",
                    "dec_deg",
                    "radius_deg",
                    "limit",
                    "offset"));
    String sort =
        STATS_SORTS.get(
            fields.optionalEnum("sort", STATS_SORTS.keySet()).orElse("sigma_deviation"));
    Optional<Long> minObs = fields.optionalLong("min_n_obs", 0, Long.MAX_VALUE);
    Optional<Double> minFlux = fields.optionalDouble("min_flux");
    Optional<Double> maxFlux = fields.optionalDouble("max_flux");
    Pages pages = Pages.of(fields);
    Optional<double[]> cone = cone(fields);
    Where where =
        new Where()
            .addIfPresent(minObs, "v.n_obs >= ?")
            .addIfPresent(minFlux, "v.mean_flux_mjy >= ?")
            .addIfPresent(maxFlux, "v.mean_flux_mjy <= ?")
            .addIf(
                cone.isPresent(),
                "v.dec_deg BETWEEN ? AND ?",
                cone.map(c -> c[1] - c[2]).orElse(null),
                cone.map(c -> c[1] + c[2]).orElse(null));
    String from =
        " FROM variability_stats v LEFT JOIN hub_source_state h ON h.source_id = v.source_id";
    String select =
        "SELECT v.*, "
            + NAMED
            + from
            + where.sql()
            + " ORDER BY "
            + sort
            + " DESC NULLS LAST, v.source_id";
    if (cone.isEmpty()) {
      return store.read(
          tx ->
              page(
                  Pages.rows(
                      tx.query(
                          select + " LIMIT ? OFFSET ?",
                          where.arguments(pages.limit(), pages.offset()))),
                  tx.count(
                      "SELECT COUNT(*) FROM variability_stats v" + where.sql(), where.arguments()),
                  pages));
    }
    double[] c = cone.get();
    return store.read(
        tx -> {
          List<JsonObject> inside = new ArrayList<>();
          for (DbRow row : tx.query(select, where.arguments())) {
            double separation =
                Sky.separationDeg(c[0], c[1], row.getDouble("ra_deg"), row.getDouble("dec_deg"));
            if (separation <= c[2]) {
              inside.add(row.toJson().put("separation_deg", separation));
            }
          }
          JsonArray slice =
              new JsonArray(
                  inside.stream()
                      .skip(pages.offset())
                      .limit(pages.limit())
                      .map(Object.class::cast)
                      .toList());
          return page(slice, inside.size(), pages);
        });
  }

  /**
   * The evidence column arrives as JSON text (an object, or an array of them); it leaves as JSON.
   */
  private static JsonArray withEvidence(JsonArray rows) {
    rows.forEach(
        item -> {
          JsonObject row = (JsonObject) item;
          Object evidence = row.getValue("evidence");
          if (evidence instanceof String text) {
            row.put("evidence", text.startsWith("[") ? new JsonArray(text) : new JsonObject(text));
          }
        });
    return rows;
  }

  private static JsonObject page(JsonArray sources, long total, Pages pages) {
    return new JsonObject()
        .put("sources", sources)
        .put("total", total)
        .put("limit", pages.limit())
        .put("offset", pages.offset());
  }

  private static Optional<double[]> cone(Fields fields) {
    if (!fields.has("ra_deg") && !fields.has("dec_deg") && !fields.has("radius_deg")) {
      return Optional.empty();
    }
    double radius =
        fields
            .optionalNonNegative("radius_deg")
            .orElseThrow(() -> HubException.badRequest("radius_deg", "is required with a cone"));
    if (radius > MAX_CONE_DEG) {
      throw HubException.badRequest(
          "radius_deg", "must be at most " + MAX_CONE_DEG + " degrees, got " + radius);
    }
    return Optional.of(new double[] {Sky.ra(fields, "ra_deg"), Sky.dec(fields, "dec_deg"), radius});
  }

  /** One source: its statistics, every candidate it has had, and where its light curve is. */
  Future<JsonObject> source(JsonObject body) {
    String sourceId = Fields.of(body).allowOnly(Set.of("source_id")).requiredString("source_id");
    return store.read(
        tx -> {
          JsonObject all =
              tx.first(
                      "SELECT v.*, "
                          + NAMED
                          + " FROM variability_stats v LEFT JOIN hub_source_state h ON h.source_id = v.source_id "
                          + "WHERE v.source_id = ?",
                      sourceId)
                  .orElseThrow(
                      () -> HubException.notFound("no source " + sourceId + " with photometry"))
                  .toJson();
          JsonObject named = new JsonObject();
          for (String name :
              List.of(
                  "eta",
                  "v",
                  "weighted_mean_mjy",
                  "n_w",
                  "vs_max",
                  "m_max",
                  "current_significance",
                  "detector")) {
            named.put(
                name.equals("current_significance") ? "significance" : name, all.remove(name));
          }
          List<DbRow> candidates =
              tx.query(
                  "SELECT e.*, (SELECT json_group_array(json_object('detector', x.detector, 'significance', x.significance, "
                      + "'local_sigma', x.local_sigma, 'trials', x.trials, 'at_mjd', x.at_mjd, 'scale_days', x.scale_days, 'depth', x.depth, "
                      + "'direction', x.direction, 'start_mjd', x.start_mjd, 'end_mjd', x.end_mjd, 'n_points', x.n_points, 'recorded_at', x.recorded_at)) "
                      + "FROM hub_candidate_evidence x WHERE x.candidate_id = e.id) AS evidence FROM ese_candidates e WHERE e.source_id = ? ORDER BY e.id DESC",
                  sourceId);
          return new JsonObject()
              .put("source_id", sourceId)
              .put("stats", all)
              .put("statistics", named)
              .put("candidates", withEvidence(Pages.rows(candidates)))
              .put(
                  "timeseries",
                  "/api/v1/sources/"
                      + URLEncoder.encode(sourceId, StandardCharsets.UTF_8).replace("+", "%20")
                      + "/timeseries");
        });
  }

  /**
   * Points of the chi2_nu (eta) against V = std / mean plane, for sources with enough measurements;
   * thinned evenly above max_points, but every open candidate is always kept.
   */
  Future<JsonObject> etaV(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("min_n_obs", "max_points"));
    long minObs =
        fields
            .optionalLong("min_n_obs", 2, Long.MAX_VALUE)
            .orElse((long) settings.detectors().minObs());
    int maxPoints = fields.intOrDefault("max_points", settings.etaVMaxPoints(), 10, 1_000_000);
    String eligible =
        " FROM variability_stats WHERE n_obs >= ? AND chi2_nu IS NOT NULL AND std_flux_mjy IS NOT NULL AND mean_flux_mjy != 0";
    return store.read(
        tx -> {
          long count = tx.count("SELECT COUNT(*)" + eligible, minObs);
          long every = Math.max(1, (count + maxPoints - 1) / maxPoints);
          JsonArray points = new JsonArray();
          tx.query(
                  "SELECT source_id, eta, v, n_obs, mean_flux_mjy, candidate FROM (SELECT source_id, chi2_nu AS eta, "
                      + "std_flux_mjy / mean_flux_mjy AS v, n_obs, mean_flux_mjy, "
                      + "source_id IN (SELECT source_id FROM ese_candidates WHERE COALESCE(status, 'active') != 'dismissed') AS candidate, "
                      + "ROW_NUMBER() OVER (ORDER BY source_id) - 1 AS rn"
                      + eligible
                      + ") WHERE rn % ? = 0 OR candidate",
                  minObs,
                  every)
              .forEach(
                  row -> points.add(row.toJson().put("candidate", row.getLong("candidate") != 0)));
          return new JsonObject().put("points", points).put("total", count).put("every", every);
        });
  }

  /**
   * Rebuilds statistics from photometry: one source, or every source (in transactions of 500
   * sources).
   */
  Future<Committed> recompute(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("source_id", "all"));
    Optional<String> sourceId = fields.optionalString("source_id");
    boolean all = fields.optionalBoolean("all").orElse(false);
    if (sourceId.isEmpty() == !all) {
      throw HubException.badRequest("source_id", "give either source_id or all: true");
    }
    double now = UnixTime.now();
    Future<List<String>> ids =
        sourceId
            .<Future<List<String>>>map(id -> Future.succeededFuture(List.of(id)))
            .orElseGet(
                () ->
                    store.read(
                        tx ->
                            tx
                                .query(
                                    "SELECT source_id FROM variability_stats UNION SELECT DISTINCT source_id FROM photometry")
                                .stream()
                                .map(row -> row.getString("source_id"))
                                .toList()));
    return ids.compose(
        list -> {
          List<List<String>> chunks = new ArrayList<>();
          for (int i = 0; i < list.size(); i += REBUILD_CHUNK) {
            chunks.add(list.subList(i, Math.min(list.size(), i + REBUILD_CHUNK)));
          }
          return Sequentially.forEach(
                  chunks, chunk -> store.write(tx -> lightCurves.rebuild(tx, chunk, now)))
              .map(done -> Committed.of(new JsonObject().put("sources", list.size())));
        });
  }
}
