package org.dsa110.contimg.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.bus.Addresses.PRODUCTS_IMAGES_LIST;
import static org.dsa110.contimg.common.bus.Addresses.PRODUCTS_MOSAICS_LIST;
import static org.dsa110.contimg.common.bus.Addresses.PRODUCTS_TIMESERIES_GET;
import static org.dsa110.contimg.common.testing.HubTest.count;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.dsa110.contimg.common.testing.SeedSchema;
import org.junit.jupiter.api.Test;

/**
 * A products.sqlite3 made by the existing pipeline: its original tables from the seed's DDL, and
 * the frontend tables the way the seed's migration script (migrations.py) adds them, with only some
 * of their indexes.
 */
class PipelineMadeProductsTest extends ProductsTestBase {
  private static final String ORIGINAL_TABLES =
      """
      CREATE TABLE IF NOT EXISTS ms_index (path TEXT PRIMARY KEY, start_mjd REAL, end_mjd REAL, mid_mjd REAL, processed_at REAL,
          status TEXT, stage TEXT, stage_updated_at REAL, cal_applied INTEGER DEFAULT 0, imagename TEXT, field_name TEXT,
          pointing_ra_deg REAL, pointing_dec_deg REAL);
      """;

  @Test
  void aDatabaseFromTheSeedAndItsMigrationScriptOpensWithItsRows(Vertx vertx) throws Exception {
    String seed = SeedSchema.resource("db/products/001-seed.sql");
    String migrationScript =
        """
        CREATE TABLE IF NOT EXISTS variability_stats (source_id TEXT PRIMARY KEY, ra_deg REAL NOT NULL, dec_deg REAL NOT NULL,
            nvss_flux_mjy REAL, n_obs INTEGER DEFAULT 0, mean_flux_mjy REAL, std_flux_mjy REAL, min_flux_mjy REAL, max_flux_mjy REAL,
            chi2_nu REAL, sigma_deviation REAL, last_measured_at REAL, last_mjd REAL, updated_at REAL NOT NULL);
        CREATE TABLE IF NOT EXISTS mosaics (id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
            created_at REAL NOT NULL, start_mjd REAL NOT NULL, end_mjd REAL NOT NULL, integration_sec REAL, n_images INTEGER,
            center_ra_deg REAL, center_dec_deg REAL, dec_min_deg REAL, dec_max_deg REAL, noise_jy REAL, beam_major_arcsec REAL,
            beam_minor_arcsec REAL, beam_pa_deg REAL, n_sources INTEGER, thumbnail_path TEXT);
        CREATE INDEX IF NOT EXISTS idx_variability_chi2 ON variability_stats(chi2_nu);
        CREATE INDEX IF NOT EXISTS idx_mosaics_mjd ON mosaics(start_mjd, end_mjd);
        """;
    String originals =
        seed.substring(
            seed.indexOf("CREATE TABLE IF NOT EXISTS images"),
            seed.indexOf("CREATE TABLE IF NOT EXISTS variability_stats"));
    String rows =
        """
        INSERT INTO ms_index (path, mid_mjd, status, stage) VALUES ('/data/ms/old.ms', 60900.25, 'ok', 'imaged');
        INSERT INTO images (path, ms_path, created_at, type, noise_jy, field_name) VALUES ('/data/img/old.fits', '/data/ms/old.ms', 1755000000, 'image', 0.001, 'J0000+42');
        INSERT INTO photometry (image_path, source_id, ra_deg, dec_deg, peak_jyb, peak_err_jyb, measured_at, mjd)
          VALUES ('/data/img/old.fits', 'NVSS J000000+420000', 0.1, 42.0, 0.0123, 0.0004, 1755000000, 60900.25);
        INSERT INTO mosaics (path, name, created_at, start_mjd, end_mjd, integration_sec) VALUES ('/m/old.fits', 'old', 1755000000, 60900, 60900.04, 3600);
        """;
    SeedSchema.sqlite3(database(), ORIGINAL_TABLES + originals + migrationScript + rows);

    deploy(vertx);

    JsonObject series =
        call(PRODUCTS_TIMESERIES_GET, new JsonObject().put("source_id", "NVSS J000000+420000"));
    assertThat(series.getJsonArray("points").getJsonObject(0).getDouble("flux_mjy"))
        .isEqualTo(12.3);
    assertThat(series.getJsonArray("points").getJsonObject(0).getString("field_name"))
        .isEqualTo("J0000+42");
    assertThat(
            call(PRODUCTS_IMAGES_LIST, new JsonObject())
                .getJsonArray("images")
                .getJsonObject(0)
                .getDouble("mid_mjd"))
        .isEqualTo(60900.25);
    assertThat(call(PRODUCTS_MOSAICS_LIST, new JsonObject()).getLong("total")).isEqualTo(1L);
    assertThat(
            count(
                database(),
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'idx_variability_sigma'"))
        .as("indexes the migration script left out are added")
        .isEqualTo(1);
    assertThat(
            count(
                database(),
                "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('ese_candidates', 'alert_history', 'qa_artifacts')"))
        .isEqualTo(3);

    msAndImage("/data/ms/new.ms", "/data/img/new.fits", 60972.5);
    photometry(
        "/data/img/new.fits",
        60972.5,
        new io.vertx.core.json.JsonArray()
            .add(
                new JsonObject()
                    .put("source_id", "NVSS J000000+420000")
                    .put("ra_deg", 0.1)
                    .put("dec_deg", 42.0)
                    .put("peak_jyb", 0.0125)
                    .put("peak_err_jyb", 0.0004)));
    assertThat(
            call(PRODUCTS_TIMESERIES_GET, new JsonObject().put("source_id", "NVSS J000000+420000"))
                .getInteger("count"))
        .isEqualTo(2);
  }
}
