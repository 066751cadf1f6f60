package org.dsa110.contimg.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dsa110.contimg.common.testing.SeedSchema;

/**
 * The existing pipeline's files, made the way its own code made them: each layout's DDL (copied
 * verbatim from ../shared/legacy into src/test/resources/legacy) run by the sqlite3 command line,
 * never by our code, then rows with the values the pipeline wrote that the specification does not
 * know (done, 5min, auto, BA/GA/GP/2G/FLUX, open validity windows, MJDs in timestamps, integer
 * source ids, duplicate image paths, rows without mjd or source_id).
 */
final class LegacyFixtures {
  /** 2025-11-20T03:00:00 UTC. */
  static final double MJD = 60999.125;

  static final double UNIX = 1763607600.0;

  private LegacyFixtures() {}

  /** The November 2025 layout: four files under {@code dir}, as the pipeline's state/ folder. */
  static Path november(Path dir) throws Exception {
    Map<String, String> ddl = sections("legacy/layout-c2158.sql");
    write(
        dir.resolve("ingest.sqlite3"),
        ddl.get("ingest.sqlite3")
            + INGEST_ROWS
            + """
        INSERT INTO pointing_history (timestamp, ra_deg, dec_deg) VALUES (60999.125, 150.0, 42.0), (60999.1285, 150.9, 42.0),
          (60999.132, NULL, 42.0);
        """);
    write(
        dir.resolve("cal_registry.sqlite3"),
        ddl.get("cal_registry.sqlite3")
            + """
        INSERT INTO caltables (id, set_name, path, table_type, order_index, cal_field, refant, created_at, valid_start_mjd, valid_end_mjd, status,
            notes, source_ms_path, solver_command, solver_version, solver_params, quality_metrics) VALUES
          (1, '3c286_60999', '/cal/3c286_60999_kcal', 'K', 10, '3C286', '103', 1763600000.0, 60998.5, NULL, 'active', NULL, '/ms/cal.ms', 'gaincal', '6.6', '{}', '{"snr": 40}'),
          (2, '3c286_60999', '/cal/3c286_60999_bacal', 'BA', 20, '3C286', '103', 1763600000.0, 60998.5, NULL, 'active', NULL, '/ms/cal.ms', 'bandpass', '6.6', '{}', NULL),
          (3, '3c286_60999', '/cal/3c286_60999_bpcal', 'BP', 30, '3C286', '103', 1763600000.0, 60998.5, NULL, 'active', NULL, '/ms/cal.ms', 'bandpass', '6.6', '{}', NULL),
          (4, '3c286_60999', '/cal/3c286_60999_gacal', 'GA', 40, '3C286', '103', 1763600000.0, 60998.5, NULL, 'active', NULL, '/ms/cal.ms', 'gaincal', '6.6', '{}', NULL),
          (5, '3c286_60999', '/cal/3c286_60999_gpcal', 'GP', 50, '3C286', '103', 1763600000.0, 60998.5, NULL, 'active', NULL, '/ms/cal.ms', 'gaincal', '6.6', '{}', NULL),
          (6, '3c286_60999', '/cal/3c286_60999_2gcal', '2G', 60, '3C286', '103', 1763600000.0, 60998.5, NULL, 'active', NULL, '/ms/cal.ms', 'gaincal', '6.6', '{}', NULL),
          (7, '3c286_60999', '/cal/3c286_60999_flux.cal', 'FLUX', 70, '3C286', '103', 1763600000.0, 60998.5, NULL, 'active', NULL, '/ms/cal.ms', 'fluxscale', '6.6', '{}', NULL),
          (8, 'old_60990', '/cal/old_60990_kcal', 'K', 10, '3C48', '103', 1762800000.0, 60990.0, 60991.0, 'retired', ' Retired: superseded', NULL, NULL, NULL, NULL, NULL),
          (9, 'old_60990', '/cal/old_60990_bpcal', 'BP', 30, '3C48', '103', 1762800000.0, 60990.0, 60991.0, 'failed', NULL, NULL, NULL, NULL, NULL, NULL);
        """);
    write(
        dir.resolve("products.sqlite3"),
        ddl.get("products.sqlite3")
            + PRODUCTS_ROWS
            + """
        INSERT INTO hdf5_file_index (path, filename, group_id, subband_code, file_size_bytes, indexed_at)
          VALUES ('/data/incoming/2025-11-20T03:00:00_sb00.hdf5', '2025-11-20T03:00:00_sb00.hdf5', '2025-11-20T03:00:00', 'sb00', 151234567, 1763607601.0);
        INSERT INTO batch_jobs (type, created_at, status, total_items) VALUES ('calibrate', 1763600000, 'done', 3);
        UPDATE mosaics SET status = 'done', method = 'weighted', tiles = '["/img/a.pbcor.fits"]';
        UPDATE variability_stats SET eta_metric = 1.7;
        """);
    write(
        dir.resolve("catalogs/master_sources.sqlite3"),
        ddl.get("catalogs/master_sources.sqlite3") + CATALOGUE_ROWS);
    return dir;
  }

  /**
   * The October 2025 layout; its catalogue keeps NVSS names beside the integer ids (a column some
   * builds added).
   */
  static Path october(Path dir) throws Exception {
    Map<String, String> ddl = sections("legacy/layout-c636.sql");
    write(dir.resolve("ingest.sqlite3"), ddl.get("ingest.sqlite3") + INGEST_ROWS);
    write(
        dir.resolve("cal_registry.sqlite3"),
        ddl.get("cal_registry.sqlite3")
            + """
        INSERT INTO caltables (id, set_name, path, table_type, order_index, cal_field, refant, created_at, valid_start_mjd, valid_end_mjd, status, notes) VALUES
          (1, 'bp_60999', '/cal/bp_60999_kcal', 'K', 10, '3C286', '103', 1763600000.0, NULL, 61000.0, 'active', NULL),
          (2, 'bp_60999', '/cal/bp_60999_bpcal', 'BP', 30, '3C286', '103', 1763600000.0, NULL, 61000.0, 'active', NULL),
          (3, 'bp_60999', '/cal/bp_60999_gpcal', 'GP', 50, '3C286', '103', 1763600000.0, NULL, 61000.0, 'active', NULL);
        """);
    write(
        dir.resolve("products.sqlite3"),
        ddl.get("products.sqlite3")
            + PRODUCTS_ROWS
                .replace("'NVSS J100000+420000'", "'1'")
                .replace("'NVSS J100200+420000'", "'2'")
            + """
        INSERT INTO pointing_history (timestamp, ra_deg, dec_deg) VALUES (60999.125, 150.0, 42.0), (1763608200.0, 150.9, 42.0);
        """);
    write(
        dir.resolve("catalogs/master_sources.sqlite3"),
        ddl.get("catalogs/master_sources.sqlite3")
            + CATALOGUE_ROWS
            + """
        ALTER TABLE sources ADD COLUMN nvss_name TEXT;
        UPDATE sources SET nvss_name = 'NVSS J100000+420000' WHERE source_id = 1;
        UPDATE sources SET nvss_name = 'NVSS J100200+420000' WHERE source_id = 2;
        """);
    return dir;
  }

  /**
   * The December 2025 layout: one pipeline.sqlite3 in db/ (its queue lives elsewhere), the
   * catalogue beside it.
   */
  static Path unified(Path dir) throws Exception {
    write(
        dir.resolve("db/pipeline.sqlite3"),
        SeedSchema.resource("legacy/layout-unified-pipeline.sql")
            + """
        INSERT INTO ms_index (path, start_mjd, end_mjd, mid_mjd, status, stage, cal_applied, imagename, group_id, created_at)
          VALUES ('/ms/2025-12-10T01:00:00.ms', 61019.0417, 61019.0451, 61019.0434, 'done', 'imaging', 1, '/img/u.fits', '2025-12-10T01:00:00', 1765328600);
        INSERT INTO images (path, ms_path, created_at, type, noise_jy, pbcor) VALUES ('/img/u.fits', '/ms/2025-12-10T01:00:00.ms', 1765328700, 'clean', 0.0009, 0),
          ('/img/u-dirty.fits', '/ms/2025-12-10T01:00:00.ms', 1765328650, 'dirty', 0.0020, 0);
        INSERT INTO photometry (source_id, image_path, ra_deg, dec_deg, nvss_flux_mjy, peak_jyb, measured_at, mjd, flux_jy, flux_err_jy, quality_flag)
          VALUES ('NVSS J100000+420000', '/img/u.fits', 150.0, 42.0, 25.0, NULL, 1765328800, NULL, 0.0222, 0.0009, 'good'),
                 ('NVSS J100200+420000', '/img/u.fits', 150.5, 42.0, 12.0, NULL, NULL, 61019.0434, 0.0121, 0.0009, 'good');
        INSERT INTO caltables (set_name, path, table_type, order_index, created_at, valid_start_mjd, valid_end_mjd, status)
          VALUES ('3c48_61019', '/cal/3c48_61019_kcal', 'K', 10, 1765300000, 61018.9, NULL, 'active'),
                 ('3c48_61019', '/cal/3c48_61019_bpcal', 'BP', 30, 1765300000, 61018.9, NULL, 'active');
        INSERT INTO pointing_history (timestamp_mjd, ra_deg, dec_deg, source, recorded_at) VALUES (61019.0417, 15.0, 42.0, 'hdf5', 1765328600),
          (61019.0417, 15.0, 42.0, 'ms', 1765328610);
        INSERT INTO alert_history (alert_name, severity, message, details, triggered_at) VALUES ('disk_space_low', 'critical', '/stage at 95%', '{}', 1765328900),
          ('queue_backlog', 'warning', '120 groups pending', NULL, 1765329000);
        INSERT INTO mosaics (path, name, created_at, start_mjd, end_mjd, integration_sec, effective_noise_jy, status)
          VALUES ('/mosaics/2025-12-10_01.fits', '2025-12-10_hourly_01-02UTC', 1765332000, 61019.0417, 61019.0833, 3600, 0.0003, 'done');
        INSERT INTO qa_artifacts (group_id, name, path, created_at) VALUES ('2025-12-10T01:00:00', 'bandpass.png', '/qa/bandpass.png', 1765328700);
        INSERT INTO ese_candidates (source_id, flagged_at, flagged_by, significance, flag_type, status) VALUES ('NVSS J100000+420000', 1765329100, 'auto', 5.5, 'auto', 'active');
        INSERT INTO variability_stats (source_id, ra_deg, dec_deg, nvss_flux_mjy, n_obs, updated_at, eta_metric) VALUES ('NVSS J100000+420000', 150.0, 42.0, 25.0, 1, 1765329100, 0.5);
        INSERT INTO jobs (type, ms_path, created_at) VALUES ('image', '/ms/2025-12-10T01:00:00.ms', 1765328600);
        """);
    write(
        dir.resolve("catalogs/master_sources.sqlite3"),
        sections("legacy/layout-c2158.sql").get("catalogs/master_sources.sqlite3")
            + CATALOGUE_ROWS);
    return dir;
  }

  private static final String INGEST_ROWS =
      """
      INSERT INTO ingest_queue (group_id, state, received_at, last_update, expected_subbands, retry_count, error, checkpoint_path,
          processing_stage, chunk_minutes, has_calibrator, calibrators) VALUES
        ('2025-11-20T03:00:00', 'completed', 1763607600.5, 1763608000.0, 16, 0, NULL, '/scratch/ckpt', 'done', 5.0, 1, '["3C286"]'),
        ('2025-11-20T03:05:00', 'failed', 1763607900.0, 1763608200.0, NULL, 2, 'orchestrator exit=1', NULL, 'conversion', 5.0, 0, NULL),
        ('2025-11-20T03:10:00', 'pending', 1763608200.0, 1763608300.0, 16, 0, NULL, NULL, 'collecting', 5.0, NULL, NULL),
        ('2025-11-20T03:15:00', 'queued_for_review', 1763608500.0, 1763608500.0, 16, 0, NULL, NULL, NULL, 5.0, NULL, NULL);
      WITH RECURSIVE sb(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM sb WHERE i < 15)
        INSERT INTO subband_files (group_id, subband_idx, path) SELECT '2025-11-20T03:00:00', i,
          printf('/data/incoming/2025-11-20T03:00:00_sb%02d.hdf5', i) FROM sb;
      INSERT INTO subband_files (group_id, subband_idx, path) VALUES ('2025-11-20T03:05:00', 0, '/data/incoming/2025-11-20T03:05:00_sb00.hdf5'),
        ('2025-11-20T03:15:00', 0, '/data/incoming/2025-11-20T03:15:00_sb00.hdf5');
      INSERT INTO performance_metrics (group_id, load_time, phase_time, write_time, total_time, writer_type, recorded_at)
        VALUES ('2025-11-20T03:00:00', 10.5, 2.0, 30.0, 60.0, 'parallel-subband', 1763608000.0);
      """;

  private static final String PRODUCTS_ROWS =
      """
      INSERT INTO ms_index (path, start_mjd, end_mjd, mid_mjd, processed_at, status, stage, stage_updated_at, cal_applied, imagename)
        VALUES ('/ms/2025-11-20T03:00:00.ms', 60999.125, 60999.1285, 60999.12674, 1763608100, 'done', 'imaged', 1763608100, 1, '/img/a.image'),
               ('/ms/2025-11-20T03:05:00.ms', 60999.1285, 60999.132, NULL, 1763608400, 'converted', NULL, NULL, 0, NULL),
               ('/ms/2025-11-20T03:10:00.ms', NULL, NULL, NULL, NULL, 'discovered', 'discovered', NULL, 0, NULL);
      INSERT INTO images (id, path, ms_path, created_at, type, beam_major_arcsec, noise_jy, pbcor, field_name) VALUES
        (1, '/img/a.image', '/ms/2025-11-20T03:00:00.ms', 1763608100, '5min', 12.0, 0.0012, 0, 'J1000+42'),
        (2, '/img/a.image', '/ms/2025-11-20T03:00:00.ms', 1763609000, '5min', 12.5, 0.0010, 0, 'J1000+42'),
        (3, '/img/a.pbcor', '/ms/2025-11-20T03:00:00.ms', 1763609000, '5min', 12.5, 0.0010, 1, 'J1000+42'),
        (4, '/img/b.image', '/ms/2025-11-20T03:05:00.ms', 1763609100, '5min', 12.0, 0.0011, 0, 'J1000+42'),
        (5, '/img/orphan.residual', '/ms/never-indexed.ms', 1763609200, '5min', NULL, 0.0030, 0, NULL);
      -- photometry was measured on the FITS exports (root.pbcor.fits, root.fits), which no images row names
      INSERT INTO photometry (source_id, image_path, ra_deg, dec_deg, nvss_flux_mjy, peak_jyb, peak_err_jyb, measured_at, snr, mjd, sep_from_center_deg, flags) VALUES
        ('NVSS J100000+420000', '/img/a.pbcor.fits', 150.0, 42.0, 25.0, 0.0241, 0.0010, 1763608150, 24.1, NULL, 0.1, 0),
        ('NVSS J100000+420000', '/img/a.pbcor.fits', 150.0, 42.0, 25.0, 0.0245, 0.0010, 1763609050, 24.5, NULL, 0.1, 0),
        ('NVSS J100200+420000', '/img/a.pbcor.fits', 150.5, 42.0, 12.0, 0.0119, 0.0010, 1763609050, 11.9, NULL, 0.4, 0),
        (NULL, '/img/a.pbcor.fits', 150.2, 42.1, NULL, 0.0050, 0.0010, 1763609050, 5.0, NULL, 0.2, 0),
        ('NVSS J100000+420000', '/img/b.fits', 150.0, 42.0, 25.0, 0.0230, 0.0011, 1763609150, 20.9, 60999.13, 0.3, 0);
      INSERT INTO variability_stats (source_id, ra_deg, dec_deg, nvss_flux_mjy, n_obs, mean_flux_mjy, std_flux_mjy, chi2_nu, sigma_deviation,
          last_mjd, updated_at) VALUES ('NVSS J100000+420000', 150.0, 42.0, 25.0, 2, 23.75, 1.06, 3.1, 4.2, 60999.13, 1763609300);
      INSERT INTO ese_candidates (source_id, flagged_at, flagged_by, significance, flag_type, notes, status, investigated_at, dismissed_at) VALUES
        ('NVSS J100000+420000', 1763609300, 'auto', 6.3, 'auto', NULL, 'active', NULL, NULL),
        ('NVSS J100000+420000', 1763500000, 'alice@caltech.edu', 3.0, 'user', 'looked fine', 'dismissed', NULL, 1763550000);
      INSERT INTO mosaics (path, name, created_at, start_mjd, end_mjd, integration_sec, n_images, noise_jy, thumbnail_path)
        VALUES ('/mosaics/2025-11-20_03.fits', '2025-11-20_hourly_03-04UTC', 1763612000, 60999.125, 60999.1667, 3600, 12, 0.0004, '/mosaics/2025-11-20_03.png');
      INSERT INTO qa_artifacts (group_id, name, path, created_at) VALUES
        ('2025-11-20T03:00:00', 'amplitude_vs_time.png', '/qa/2025-11-20T03:00:00/amplitude_vs_time.png', 1763608200),
        ('2025-11-20T03:00:00', 'summary.html', '/qa/2025-11-20T03:00:00/summary.html', 1763608210);
      INSERT INTO alert_history (source_id, alert_type, severity, message, sent_at, channel, success, error_msg)
        VALUES ('NVSS J100000+420000', 'ESE_CANDIDATE', 'warning', 'ESE candidate at 6.3 sigma', 1763609400, '#ese-alerts', 1, NULL);
      """;

  private static final String CATALOGUE_ROWS =
      """
      INSERT INTO sources (source_id, ra_deg, dec_deg, s_nvss, snr_nvss, s_vlass, alpha, resolved_flag, confusion_flag) VALUES
        (1, 150.0, 42.0, 0.025, 60.0, 0.018, -0.4, 0, 0),
        (2, 150.5, 42.0, 0.012, 30.0, NULL, NULL, 0, 0),
        (3, 200.0, -10.0, 0.500, 400.0, 0.300, -0.7, 1, 0);
      INSERT INTO meta (key, value) VALUES ('build_time_iso', '2025-11-01T00:00:00');
      """;

  /** The DDL of each file of a layout file, split at its "-- ===== name =====" markers. */
  private static Map<String, String> sections(String resource) throws Exception {
    Map<String, String> sections = new LinkedHashMap<>();
    String current = null;
    StringBuilder text = new StringBuilder();
    for (String line : SeedSchema.resource(resource).split("\n", -1)) {
      if (line.startsWith("-- ===== ") && line.endsWith(" =====")) {
        if (current != null) {
          sections.put(current, text.toString());
        }
        current = line.substring("-- ===== ".length(), line.length() - " =====".length()).strip();
        text.setLength(0);
      } else {
        text.append(line).append('\n');
      }
    }
    if (current != null) {
      sections.put(current, text.toString());
    }
    return sections;
  }

  /**
   * Runs the script through the sqlite3 command line into a new file, in WAL mode as the pipeline's
   * processes leave it.
   */
  private static void write(Path file, String script) throws Exception {
    Files.createDirectories(file.getParent());
    SeedSchema.sqlite3(file, "PRAGMA journal_mode=WAL;\n" + script);
  }
}
