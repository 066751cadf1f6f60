package org.dsa110.contimg.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.assertFails;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.dsa110.contimg.common.testing.HubTest.config;
import static org.dsa110.contimg.common.testing.HubTest.count;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Sky;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class CatalogTest {
  private static final String HEADER =
      "source_id,ra_deg,dec_deg,s_nvss,snr_nvss,s_vlass,alpha,resolved_flag,confusion_flag,"
          + "first_size_maj_arcsec,first_size_min_arcsec,first_size_pa_deg";

  @TempDir Path dir;
  private Vertx vertx;
  private final List<JsonObject> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    vertx.eventBus().<JsonObject>consumer(Addresses.EVENTS_CATALOG, m -> progress.add(m.body()));
    await(
        vertx.deployVerticle(
            new CatalogVerticle(),
            new DeploymentOptions().setConfig(config(dir.resolve("state"), Map.of()))));
  }

  private Path database() {
    return dir.resolve("state/catalogs/master_sources.sqlite3");
  }

  private JsonObject importFile(Path file, String mode) throws Exception {
    return request(
        vertx,
        Addresses.CATALOG_IMPORT,
        new JsonObject().put("path", file.toString()).put("format", "csv").put("mode", mode));
  }

  private JsonObject cone(double ra, double dec, double radius, String references)
      throws Exception {
    return request(
        vertx,
        Addresses.CATALOG_CONE_SEARCH,
        new JsonObject()
            .put("ra_deg", ra)
            .put("dec_deg", dec)
            .put("radius_deg", radius)
            .put("references", references)
            .put("limit", 100_000));
  }

  @Test
  void theReferenceViewsSelectExactlyWhatTheSeedsCriteriaSay() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("edges.csv"),
            String.join(
                    "\n",
                    HEADER,
                    "A,10,10,0.1,7.0,,,0,0,,,", // snr exactly 7, alpha null: good, not final
                    "B,10,10,0.1,10.0,,-1.5,0,0,,,", // alpha at the lower edge, snr 10: good and
                    // final
                    "C,10,10,0.1,12,,0.5,0,0,,,", // alpha at the upper edge: final
                    "D,10,10,0.1,12,,0.51,0,0,,,", // alpha too flat
                    "E,10,10,0.1,12,,-1.51,0,0,,,", // alpha too steep
                    "F,10,10,0.1,12,,-0.7,1,0,,,", // resolved
                    "G,10,10,0.1,12,,-0.7,0,1,,,", // confused
                    "H,10,10,,12,,-0.7,0,0,,,", // no NVSS flux
                    "I,10,10,0.1,6.99,,-0.7,0,0,,,", // snr just below 7
                    "J,10,10,0.1,,,-0.7,0,0,,,")
                + "\n"); // no snr
    importFile(file, "strict");
    assertThat(ids("good_references")).containsExactlyInAnyOrder("A", "B", "C");
    assertThat(ids("final_references")).containsExactlyInAnyOrder("B", "C");
    JsonObject stats = request(vertx, Addresses.CATALOG_STATS, new JsonObject());
    assertThat(stats.getLong("sources")).isEqualTo(10L);
    assertThat(stats.getLong("good_references")).isEqualTo(3L);
    assertThat(stats.getLong("final_references")).isEqualTo(2L);
    JsonObject b =
        request(vertx, Addresses.CATALOG_SOURCE_GET, new JsonObject().put("source_id", "B"));
    assertThat(b.getBoolean("final_reference")).isTrue();
    assertFails(
        vertx, Addresses.CATALOG_SOURCE_GET, new JsonObject().put("source_id", "Z"), 404, "Z");
  }

  private Set<String> ids(String view) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database());
        ResultSet rs = c.createStatement().executeQuery("SELECT source_id FROM " + view)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  @Test
  void coneSearchAgreesWithBruteForceAcrossRaZeroPolesAndRadii() throws Exception {
    Path file = dir.resolve("synthetic.csv");
    SyntheticCatalog.write(file, 20_000, 7);
    assertThat(importFile(file, "strict").getLong("loaded")).isEqualTo(20_000L);
    List<double[]> all = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database());
        ResultSet rs = c.createStatement().executeQuery("SELECT ra_deg, dec_deg FROM sources")) {
      while (rs.next()) {
        all.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
      }
    }
    Random random = new Random(3);
    List<double[]> centres =
        new ArrayList<>(
            List.of(
                new double[] {0.0, 30.0, 5.0},
                new double[] {359.9, 10.0, 3.0},
                new double[] {180.0, 89.5, 2.0},
                new double[] {10.0, 90.0, 10.0},
                new double[] {45.0, -39.0, 10.0},
                new double[] {120.0, 60.0, 0.0}));
    for (int i = 0; i < 20; i++) {
      centres.add(
          new double[] {
            random.nextDouble() * 360, -40 + random.nextDouble() * 130, random.nextDouble() * 10
          });
    }
    for (double[] c : centres) {
      long expected =
          all.stream().filter(s -> Sky.separationDeg(c[0], c[1], s[0], s[1]) <= c[2]).count();
      JsonObject found = cone(c[0], c[1], c[2], "none");
      assertThat(found.getInteger("count"))
          .as("cone at %s", java.util.Arrays.toString(c))
          .isEqualTo((int) expected);
      assertThat(found.getLong("total")).isEqualTo(expected);
      assertThat(found.getBoolean("truncated")).isFalse();
      if (expected > 3) {
        JsonObject capped =
            request(
                vertx,
                Addresses.CATALOG_CONE_SEARCH,
                new JsonObject()
                    .put("ra_deg", c[0])
                    .put("dec_deg", c[1])
                    .put("radius_deg", c[2])
                    .put("limit", 3));
        assertThat(capped.getInteger("count"))
            .as("a capped cone says so and how many there were")
            .isEqualTo(3);
        assertThat(capped.getLong("total")).isEqualTo(expected);
        assertThat(capped.getBoolean("truncated")).isTrue();
      }
      double previous = -1;
      for (Object o : found.getJsonArray("sources")) {
        double separation = ((JsonObject) o).getDouble("separation_deg");
        assertThat(separation).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(c[2]);
        previous = separation;
      }
    }
    JsonObject good = cone(0.0, 30.0, 5.0, "good");
    JsonObject bright =
        request(
            vertx,
            Addresses.CATALOG_CONE_SEARCH,
            new JsonObject()
                .put("ra_deg", "00:00:00")
                .put("dec_deg", "+30:00:00")
                .put("radius_deg", 5.0)
                .put("min_flux_jy", 0.05));
    assertThat(good.getInteger("count"))
        .isLessThan(cone(0.0, 30.0, 5.0, "none").getInteger("count"));
    assertThat(bright.getJsonArray("sources"))
        .allMatch(s -> ((JsonObject) s).getDouble("s_nvss") >= 0.05);
  }

  @Test
  void strictRefusesABadFileWholeSkipLoadsTheRestAndReimportingChangesNothing() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("mixed.csv"),
            String.join(
                    "\n",
                    HEADER,
                    "OK1,10,10,0.1,12,,,0,0,,,",
                    "BAD_RA,360,10,0.1,12,,,0,0,,,",
                    "BAD_DEC,10,-91,0.1,12,,,0,0,,,",
                    "BAD_NUM,10,10,lots,12,,,0,0,,,",
                    "OK1,11,11,0.1,12,,,0,0,,,",
                    "OK2,12:00:00,+42:00:00,0.2,20,,,0,0,,,")
                + "\n");
    assertFails(
        vertx,
        Addresses.CATALOG_IMPORT,
        new JsonObject().put("path", file.toString()).put("mode", "strict"),
        400,
        "line 3: ra_deg");
    assertThat(count(database(), "SELECT COUNT(*) FROM sources")).isZero();

    JsonObject skipped = importFile(file, "skip");
    assertThat(skipped.getLong("loaded")).isEqualTo(2L);
    assertThat(skipped.getLong("skipped")).isEqualTo(4L);
    assertThat(
            skipped.getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getLong("line"))
                .toList())
        .containsExactly(3L, 4L, 5L, 6L);
    assertThat(skipped.getJsonArray("errors").getJsonObject(3).getString("error"))
        .contains("duplicates line 2");
    assertThat(
            count(
                database(),
                "SELECT COUNT(*) FROM sources WHERE source_id = 'OK2' AND ra_deg = 180.0 AND dec_deg = 42.0"))
        .isEqualTo(1);

    importFile(file, "skip");
    assertThat(count(database(), "SELECT COUNT(*) FROM sources")).isEqualTo(2);
    assertThat(progress)
        .anyMatch(
            p ->
                "progress".equals(p.getString("type"))
                    && p.getLong("loaded") == 2L
                    && p.getLong("total") == 2L);
    assertThat(progress).anyMatch(p -> "imported".equals(p.getString("type")));
  }

  @Test
  void badParametersAre400NamingTheParameter() throws Exception {
    String address = Addresses.CATALOG_CONE_SEARCH;
    assertFails(
        vertx,
        address,
        new JsonObject().put("ra_deg", 10).put("dec_deg", 10).put("radius_deg", -1),
        400,
        "radius_deg");
    assertFails(
        vertx,
        address,
        new JsonObject().put("ra_deg", 10).put("dec_deg", 10).put("radius_deg", 10.5),
        400,
        "radius_deg");
    assertFails(
        vertx,
        address,
        new JsonObject().put("ra_deg", 10).put("dec_deg", 91).put("radius_deg", 1),
        400,
        "dec_deg");
    assertFails(
        vertx,
        address,
        new JsonObject().put("ra_deg", "ten").put("dec_deg", 10).put("radius_deg", 1),
        400,
        "ra_deg");
    assertFails(
        vertx,
        address,
        new JsonObject().put("ra_deg", "25:00:00").put("dec_deg", 10).put("radius_deg", 1),
        400,
        "ra_deg");
    assertFails(
        vertx,
        address,
        new JsonObject()
            .put("ra_deg", 10)
            .put("dec_deg", 10)
            .put("radius_deg", 1)
            .put("references", "best"),
        400,
        "references");
    assertFails(
        vertx, address, new JsonObject().put("dec_deg", 10).put("radius_deg", 1), 400, "ra_deg");
    assertFails(
        vertx,
        Addresses.CATALOG_IMPORT,
        new JsonObject().put("path", dir.resolve("none.csv").toString()),
        404,
        "none.csv");
    assertFails(
        vertx,
        Addresses.CATALOG_IMPORT,
        new JsonObject()
            .put("path", Files.writeString(dir.resolve("h.csv"), "name,ra\n").toString()),
        400,
        "unknown column");
  }
}
