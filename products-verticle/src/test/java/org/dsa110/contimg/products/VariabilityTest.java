package org.dsa110.contimg.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.dsa110.contimg.common.bus.Addresses.*;
import static org.dsa110.contimg.common.testing.HubTest.assertFails;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dsa110.contimg.common.bus.Addresses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VariabilityTest extends ProductsTestBase {
  private static final String SOURCE = "NVSS J123456.7+420312";
  private int epoch;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    deploy(vertx);
  }

  /**
   * One new image (0.5 mJy rms) at the next epoch, measuring the given sources: {source_id, flux
   * mJy, error mJy or null}.
   */
  private void observe(Object... sourceFluxError) throws Exception {
    observeInImage(0.0005, sourceFluxError);
  }

  private void observeInImage(Double noiseJy, Object... sourceFluxError) throws Exception {
    double mjd = 60000 + epoch;
    String ms = "/ms/" + epoch + ".ms";
    String image = "/img/" + epoch + ".fits";
    epoch++;
    msAndImage(ms, image, mjd, noiseJy);
    JsonArray rows = new JsonArray();
    for (int i = 0; i < sourceFluxError.length; i += 3) {
      JsonObject row =
          new JsonObject()
              .put("source_id", sourceFluxError[i])
              .put("ra_deg", 188.7)
              .put("dec_deg", 42.05)
              .put("peak_jyb", ((Number) sourceFluxError[i + 1]).doubleValue() / 1000)
              .put("nvss_flux_mjy", 11.0);
      if (sourceFluxError[i + 2] != null) {
        row.put("peak_err_jyb", ((Number) sourceFluxError[i + 2]).doubleValue() / 1000);
      }
      rows.add(row);
    }
    photometry(image, mjd, rows);
  }

  private JsonObject stats(String source) throws Exception {
    return call(PRODUCTS_SOURCE_GET, new JsonObject().put("source_id", source))
        .getJsonObject("stats");
  }

  @Test
  void theStatisticsMatchHandComputedValues() throws Exception {
    double[] flux = {10, 12, 11, 13, 9};
    double[] error = {1, 1, 1, 1, 2};
    for (int i = 0; i < flux.length; i++) {
      observe(SOURCE, flux[i], error[i]);
    }
    JsonObject s = stats(SOURCE);
    assertThat(s.getLong("n_obs")).isEqualTo(5L);
    assertThat(s.getDouble("mean_flux_mjy")).isCloseTo(11.0, within(1e-12));
    assertThat(s.getDouble("std_flux_mjy")).isCloseTo(1.5811388300841898, within(1e-12));
    assertThat(s.getDouble("min_flux_mjy")).isEqualTo(9.0);
    assertThat(s.getDouble("max_flux_mjy")).isEqualTo(13.0);
    assertThat(s.getDouble("sigma_deviation"))
        .as("13 against the weighted mean 11 of the three before it: 2 / sqrt(1 + 1/3)")
        .isCloseTo(Math.sqrt(3), within(1e-12));
    assertThat(s.getDouble("chi2_nu"))
        .as("sum w (F - weighted mean)^2 / (N - 1) = 27.5 / 17")
        .isCloseTo(27.5 / 17, within(1e-12));
    JsonObject named =
        call(PRODUCTS_SOURCE_GET, new JsonObject().put("source_id", SOURCE))
            .getJsonObject("statistics");
    assertThat(named.getDouble("eta")).isCloseTo(27.5 / 17, within(1e-12));
    assertThat(named.getDouble("v")).isCloseTo(1.5811388300841898 / 11, within(1e-12));
    assertThat(named.getDouble("weighted_mean_mjy"))
        .as("(10 + 12 + 11 + 13 + 9/4) / 4.25")
        .isCloseTo(48.25 / 4.25, within(1e-12));
    assertThat(named.getLong("n_w")).isEqualTo(5L);
    assertThat(named.getDouble("vs_max"))
        .as("13 against 10: 3 / sqrt(1 + 1), above 13 against 9: 4 / sqrt(1 + 4)")
        .isCloseTo(3 / Math.sqrt(2), within(1e-12));
    assertThat(named.getValue("m_max")).as("no pair reaches |Vs| 4.3").isNull();
    assertThat(s.getDouble("last_mjd")).isEqualTo(60004.0);
    assertThat(s.getDouble("last_measured_at")).isCloseTo((60004.0 - 40587) * 86400, within(1e-3));
  }

  @Test
  void aSourceWithOnePointHasNoStatisticsRatherThanNaN() throws Exception {
    observe(SOURCE, 10.0, 1.0);
    JsonObject s = stats(SOURCE);
    assertThat(s.getLong("n_obs")).isEqualTo(1L);
    assertThat(s.getValue("std_flux_mjy")).isNull();
    assertThat(s.getValue("chi2_nu")).isNull();
    assertThat(s.getValue("sigma_deviation")).isNull();
    assertThat(s.encode()).doesNotContain("NaN", "Infinity");
    observeInImage(null, SOURCE, 10.0, null);
    assertThat(stats(SOURCE).getValue("chi2_nu"))
        .as(
            "a point without an error, in an image without an rms, counts in the unweighted statistics only")
        .isNull();
    assertThat(stats(SOURCE).getDouble("std_flux_mjy")).isEqualTo(0.0);
    assertThat(stats(SOURCE).getValue("sigma_deviation")).isNull();
    observe(SOURCE, 11.0, null);
    assertThat(stats(SOURCE).getDouble("chi2_nu"))
        .as(
            "without an error of its own, 11 takes its image's rms, 0.5 mJy: weights 1 and 4 about 10.8")
        .isCloseTo(1 * 0.8 * 0.8 + 4 * 0.2 * 0.2, within(1e-9));
  }

  @Test
  void incrementalStatisticsEqualAFullRecomputationOnRandomData() throws Exception {
    Random random = new Random(5);
    List<String> sources = new ArrayList<>();
    for (int s = 0; s < 40; s++) {
      sources.add("RAND J" + s);
    }
    for (int image = 0; image < 25; image++) {
      List<Object> rows = new ArrayList<>();
      for (String source : sources) {
        if (random.nextDouble() < 0.8) {
          double base = 50 + sources.indexOf(source) * 10;
          rows.add(source);
          rows.add(base + random.nextGaussian() * (1 + random.nextDouble() * 5));
          rows.add(random.nextDouble() < 0.1 ? null : 0.5 + random.nextDouble() * 3);
        }
      }
      observe(rows.toArray());
    }
    Map<String, Map<String, Object>> incremental = table("variability_stats");
    call(PRODUCTS_VARIABILITY_RECOMPUTE, new JsonObject().put("all", true));
    Map<String, Map<String, Object>> recomputed = table("variability_stats");
    assertThat(recomputed.keySet()).isEqualTo(incremental.keySet());
    for (String source : incremental.keySet()) {
      for (String column :
          List.of(
              "n_obs",
              "mean_flux_mjy",
              "std_flux_mjy",
              "min_flux_mjy",
              "max_flux_mjy",
              "chi2_nu",
              "sigma_deviation",
              "last_mjd")) {
        Object a = incremental.get(source).get(column);
        Object b = recomputed.get(source).get(column);
        if (a instanceof Number x && b instanceof Number y) {
          assertThat(x.doubleValue())
              .as(source + " " + column)
              .isCloseTo(y.doubleValue(), within(Math.abs(y.doubleValue()) * 1e-9 + 1e-12));
        } else {
          assertThat(a).as(source + " " + column).isEqualTo(b);
        }
      }
    }
  }

  private Map<String, Map<String, Object>> table(String name) throws Exception {
    Map<String, Map<String, Object>> rows = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database());
        ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + name)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnName(i), rs.getObject(i));
        }
        rows.put(rs.getString("source_id"), row);
      }
    }
    return rows;
  }

  @Test
  void twoConsecutiveMeasurementsPastTheMooleyCriteriaAreARapidChange() throws Exception {
    observe(SOURCE, 10.0, 0.5, "STEADY", 10.0, 0.5);
    observe(SOURCE, 15.0, 0.5, "STEADY", 12.5, 0.5);
    JsonArray candidates = call(PRODUCTS_ESE_LIST, new JsonObject()).getJsonArray("candidates");
    assertThat(candidates).hasSize(1);
    JsonObject rapid = candidates.getJsonObject(0);
    assertThat(rapid.getString("source_id")).isEqualTo(SOURCE);
    assertThat(rapid.getString("flag_type")).isEqualTo("rapid_change");
    assertThat(rapid.getDouble("significance"))
        .as("Vs = 5 / sqrt(0.5^2 + 0.5^2), one pair: one trial")
        .isCloseTo(5 / Math.sqrt(0.5), within(1e-6));
    JsonObject evidence = rapid.getJsonObject("evidence");
    assertThat(evidence.getString("detector")).isEqualTo("two_epoch");
    assertThat(evidence.getDouble("start_mjd")).isEqualTo(60000.0);
    assertThat(evidence.getDouble("depth"))
        .as("m = 2 (15 - 10) / 25")
        .isCloseTo(0.4, within(1e-12));
    JsonObject recorded =
        call(PRODUCTS_SOURCE_GET, new JsonObject().put("source_id", SOURCE))
            .getJsonArray("candidates")
            .getJsonObject(0)
            .getJsonArray("evidence")
            .getJsonObject(0);
    assertThat(recorded.getLong("n_points"))
        .as("the two epochs of the change, counted though the detector located it itself")
        .isEqualTo(2L);
  }

  @Test
  void variabilityNeedsMinObsAndAThresholdAndOnlyAStrongerSignalRaisesIt() throws Exception {
    List<JsonObject> ese = new java.util.concurrent.CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.EVENTS_ESE, m -> ese.add(m.body()));
    for (double flux : new double[] {10, 10.1, 9.9, 10}) {
      observe(SOURCE, flux, 0.1);
    }
    assertThat(call(PRODUCTS_ESE_LIST, new JsonObject()).getLong("total"))
        .as("four points: below min_obs")
        .isZero();
    observe(SOURCE, 10.05, 0.1);
    assertThat(call(PRODUCTS_ESE_LIST, new JsonObject()).getLong("total"))
        .as("steady within errors")
        .isZero();
    observe(SOURCE, 13.0, 0.1);
    JsonObject flagged =
        call(PRODUCTS_ESE_LIST, new JsonObject().put("flag_type", "variability"))
            .getJsonArray("candidates")
            .getJsonObject(0);
    double first = flagged.getDouble("significance");
    JsonObject source = call(PRODUCTS_SOURCE_GET, new JsonObject().put("source_id", SOURCE));
    assertThat(first)
        .as("the strongest detector's sigma-equivalent")
        .isGreaterThanOrEqualTo(5.0)
        .isCloseTo(source.getJsonObject("statistics").getDouble("significance"), within(1e-9));
    JsonArray evidence =
        source.getJsonArray("candidates").stream()
            .map(JsonObject.class::cast)
            .filter(c -> c.getString("flag_type").equals("variability"))
            .findFirst()
            .orElseThrow()
            .getJsonArray("evidence");
    assertThat(evidence.stream().map(e -> ((JsonObject) e).getString("detector")))
        .contains("eta", "max_deviation");
    assertThat(evidence.getJsonObject(0).getDouble("at_mjd")).isEqualTo(60005.0);
    await().until(() -> ese.stream().anyMatch(e -> "variability".equals(e.getString("flag_type"))));
    JsonObject event =
        ese.stream()
            .filter(e -> "variability".equals(e.getString("flag_type")))
            .findFirst()
            .orElseThrow();
    assertThat(event.fieldNames())
        .contains(
            "id",
            "source_id",
            "flag_type",
            "significance",
            "status",
            "ra",
            "dec",
            "mean_flux_mjy",
            "nvss_flux_mjy",
            "n_obs");
    assertThat(event.getString("change")).isEqualTo("new");

    observe(SOURCE, 20.0, 0.1);
    JsonObject stronger =
        call(PRODUCTS_ESE_LIST, new JsonObject().put("flag_type", "variability"))
            .getJsonArray("candidates")
            .getJsonObject(0);
    assertThat(stronger.getLong("id")).isEqualTo(flagged.getLong("id"));
    assertThat(stronger.getDouble("significance")).isGreaterThan(first);
    observe(SOURCE, 10.0, 0.1);
    JsonObject after =
        call(PRODUCTS_ESE_LIST, new JsonObject().put("flag_type", "variability"))
            .getJsonArray("candidates")
            .getJsonObject(0);
    assertThat(
            call(PRODUCTS_ESE_LIST, new JsonObject().put("flag_type", "variability"))
                .getLong("total"))
        .isEqualTo(1L);
    assertThat(after.getDouble("significance"))
        .isGreaterThanOrEqualTo(stronger.getDouble("significance"));
  }

  @Test
  void aDismissedCandidateReturnsOnlyOnMuchStrongerEvidence() throws Exception {
    for (double flux : new double[] {10, 10, 10, 10, 13}) {
      observe(SOURCE, flux, 0.1);
    }
    JsonObject candidate =
        call(PRODUCTS_ESE_LIST, new JsonObject().put("flag_type", "variability"))
            .getJsonArray("candidates")
            .getJsonObject(0);
    double dismissedAt = candidate.getDouble("significance");
    call(
        PRODUCTS_ESE_UPDATE,
        new JsonObject()
            .put("id", candidate.getLong("id"))
            .put("status", "dismissed")
            .put("by", "alice")
            .put("notes", "scintillation"));
    observe(SOURCE, 10.0, 0.1);
    assertThat(
            call(
                    PRODUCTS_ESE_LIST,
                    new JsonObject().put("status", "all").put("flag_type", "variability"))
                .getLong("total"))
        .as("weaker evidence than was dismissed flags nothing")
        .isEqualTo(1L);
    observe(SOURCE, 40.0, 0.1);
    JsonObject all =
        call(
            PRODUCTS_ESE_LIST,
            new JsonObject().put("status", "all").put("flag_type", "variability"));
    assertThat(all.getLong("total")).isEqualTo(2L);
    JsonObject reflagged =
        call(PRODUCTS_ESE_LIST, new JsonObject().put("flag_type", "variability"))
            .getJsonArray("candidates")
            .getJsonObject(0);
    assertThat(reflagged.getDouble("significance")).isGreaterThan(2 * dismissedAt);
  }

  @Test
  void reviewMovesStampTimesAppendNotesAndRefuseMeaninglessMoves() throws Exception {
    observe(SOURCE, 10.0, 0.5);
    assertFails(
        vertx,
        PRODUCTS_ESE_FLAG,
        new JsonObject().put("source_id", "NOPE").put("by", "bob"),
        404,
        "NOPE");
    JsonObject flag =
        call(
            PRODUCTS_ESE_FLAG,
            new JsonObject()
                .put("source_id", SOURCE)
                .put("by", "bob@caltech.edu")
                .put("notes", "looks odd"));
    assertThat(flag.getString("flag_type")).isEqualTo("user");
    assertThat(flag.getString("flagged_by")).isEqualTo("bob@caltech.edu");
    assertFails(
        vertx,
        PRODUCTS_ESE_FLAG,
        new JsonObject().put("source_id", SOURCE).put("by", "carol"),
        409,
        "open user flag");
    long id = flag.getLong("id");

    JsonObject investigated =
        call(
            PRODUCTS_ESE_UPDATE,
            new JsonObject()
                .put("id", id)
                .put("status", "investigated")
                .put("by", "alice")
                .put("notes", "checking images"));
    assertThat(investigated.getDouble("investigated_at")).isNotNull();
    assertThat(investigated.getString("notes"))
        .contains("bob@caltech.edu] looks odd")
        .contains("alice] checking images");
    assertThat(investigated.getString("notes").lines().count()).isEqualTo(2);
    assertFails(
        vertx,
        PRODUCTS_ESE_UPDATE,
        new JsonObject().put("id", id).put("status", "investigated").put("by", "alice"),
        409,
        "from investigated to investigated");
    JsonObject dismissed =
        call(
            PRODUCTS_ESE_UPDATE,
            new JsonObject().put("id", id).put("status", "dismissed").put("by", "alice"));
    assertThat(dismissed.getDouble("dismissed_at")).isNotNull();
    assertFails(
        vertx,
        PRODUCTS_ESE_UPDATE,
        new JsonObject().put("id", id).put("status", "investigated").put("by", "alice"),
        409,
        "from dismissed to investigated");
    assertThat(
            call(
                    PRODUCTS_ESE_UPDATE,
                    new JsonObject().put("id", id).put("status", "active").put("by", "alice"))
                .getString("status"))
        .isEqualTo("active");
    assertFails(
        vertx,
        PRODUCTS_ESE_UPDATE,
        new JsonObject().put("id", 999).put("status", "active").put("by", "alice"),
        404,
        "999");
    assertFails(
        vertx,
        PRODUCTS_ESE_UPDATE,
        new JsonObject().put("id", id).put("status", "closed").put("by", "alice"),
        400,
        "status");
    assertFails(
        vertx,
        PRODUCTS_ESE_UPDATE,
        new JsonObject().put("id", id).put("status", "dismissed"),
        400,
        "by");
  }

  @Test
  void theEtaVPlaneAndSortedListsShowTheVariableSources() throws Exception {
    for (int i = 0; i < 6; i++) {
      observe("QUIET", 10.0 + (i % 2) * 0.01, 0.1, "LOUD", i == 5 ? 30.0 : 10.0, 0.1);
    }
    JsonArray points = call(PRODUCTS_VARIABILITY_ETA_V, new JsonObject()).getJsonArray("points");
    assertThat(points).hasSize(2);
    JsonObject loud =
        points.stream()
            .map(p -> (JsonObject) p)
            .filter(p -> p.getString("source_id").equals("LOUD"))
            .findFirst()
            .orElseThrow();
    assertThat(loud.getBoolean("candidate")).isTrue();
    assertThat(loud.getDouble("v"))
        .isCloseTo(
            stats("LOUD").getDouble("std_flux_mjy") / stats("LOUD").getDouble("mean_flux_mjy"),
            within(1e-12));
    JsonArray sorted =
        call(PRODUCTS_VARIABILITY_LIST, new JsonObject().put("sort", "chi2_nu"))
            .getJsonArray("sources");
    assertThat(sorted.getJsonObject(0).getString("source_id")).isEqualTo("LOUD");
    assertThat(
            call(PRODUCTS_VARIABILITY_LIST, new JsonObject().put("min_flux", 12)).getLong("total"))
        .isEqualTo(1L);
    assertThat(
            call(
                    PRODUCTS_VARIABILITY_LIST,
                    new JsonObject()
                        .put("ra_deg", 188.7)
                        .put("dec_deg", 42.05)
                        .put("radius_deg", 0.1))
                .getLong("total"))
        .isEqualTo(2L);
    JsonObject source = call(PRODUCTS_SOURCE_GET, new JsonObject().put("source_id", "LOUD"));
    assertThat(source.getJsonArray("candidates")).isNotEmpty();
    assertThat(source.getString("timeseries")).isEqualTo("/api/v1/sources/LOUD/timeseries");
  }
}
