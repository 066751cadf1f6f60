-- products.sqlite3 as the seed (database-schema.md, section 3) writes it, verbatim.

CREATE TABLE IF NOT EXISTS ms_index (
    path TEXT PRIMARY KEY,                 -- Full path to MS
    start_mjd REAL,
    end_mjd REAL,
    mid_mjd REAL,                          -- For time-based queries
    processed_at REAL,                     -- Unix timestamp
    status TEXT,                           -- 'ok' | 'failed' | 'flagged'
    stage TEXT,                            -- 'converted' | 'calibrated' | 'imaged' | 'photometry_complete'
    stage_updated_at REAL,                 -- Unix timestamp
    cal_applied INTEGER DEFAULT 0,         -- Boolean: calibration applied
    imagename TEXT,                        -- Path to primary image (if imaged)
    field_name TEXT,                       -- Field ID (e.g., 'J1234+42')
    pointing_ra_deg REAL,                  -- Pointing center RA
    pointing_dec_deg REAL                  -- Pointing center Dec
);

CREATE INDEX IF NOT EXISTS idx_ms_index_stage_path ON ms_index(stage, path);
CREATE INDEX IF NOT EXISTS idx_ms_index_status ON ms_index(status);
CREATE INDEX IF NOT EXISTS idx_ms_index_mjd ON ms_index(mid_mjd);
CREATE INDEX IF NOT EXISTS idx_ms_index_field ON ms_index(field_name);

CREATE TABLE IF NOT EXISTS images (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL UNIQUE,             -- Full path to image file
    ms_path TEXT NOT NULL,                 -- Source MS
    created_at REAL NOT NULL,              -- Unix timestamp
    type TEXT NOT NULL,                    -- 'image' | 'pbcor' | 'residual' | 'mosaic'
    format TEXT DEFAULT 'fits',            -- 'fits' | 'casa'
    beam_major_arcsec REAL,                -- Restoring beam major axis
    beam_minor_arcsec REAL,
    beam_pa_deg REAL,
    noise_jy REAL,                         -- Image RMS noise (Jy/beam)
    dynamic_range REAL,                    -- Peak / RMS
    pbcor INTEGER DEFAULT 0,               -- Boolean: primary beam corrected
    field_name TEXT,
    center_ra_deg REAL,
    center_dec_deg REAL,
    imsize_x INTEGER,
    imsize_y INTEGER,
    cellsize_arcsec REAL,
    freq_ghz REAL,
    bandwidth_mhz REAL,
    integration_sec REAL,                  -- Total integration time
    FOREIGN KEY (ms_path) REFERENCES ms_index(path)
);

CREATE INDEX IF NOT EXISTS idx_images_ms_path ON images(ms_path);
CREATE INDEX IF NOT EXISTS idx_images_type ON images(type);
CREATE INDEX IF NOT EXISTS idx_images_created ON images(created_at);
CREATE INDEX IF NOT EXISTS idx_images_field ON images(field_name);

CREATE TABLE IF NOT EXISTS photometry (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    image_path TEXT NOT NULL,              -- Which image
    source_id TEXT NOT NULL,               -- NVSS ID (e.g., 'NVSS J123456.7+420312')
    ra_deg REAL NOT NULL,
    dec_deg REAL NOT NULL,
    nvss_flux_mjy REAL,                    -- Reference NVSS flux
    peak_jyb REAL NOT NULL,                -- Measured peak (Jy/beam)
    peak_err_jyb REAL,                     -- Uncertainty
    snr REAL,                              -- S/N ratio
    measured_at REAL NOT NULL,             -- Unix timestamp
    mjd REAL,                              -- MJD of observation (for timeseries)
    sep_from_center_deg REAL,              -- Distance from image center
    flags INTEGER DEFAULT 0,               -- Bit flags for quality issues
    FOREIGN KEY (image_path) REFERENCES images(path)
);

CREATE INDEX IF NOT EXISTS idx_photometry_image ON photometry(image_path);
CREATE INDEX IF NOT EXISTS idx_photometry_source ON photometry(source_id);
CREATE INDEX IF NOT EXISTS idx_photometry_mjd ON photometry(mjd);
CREATE INDEX IF NOT EXISTS idx_photometry_source_mjd ON photometry(source_id, mjd);

CREATE TABLE IF NOT EXISTS variability_stats (
    source_id TEXT PRIMARY KEY,            -- NVSS ID
    ra_deg REAL NOT NULL,
    dec_deg REAL NOT NULL,
    nvss_flux_mjy REAL,
    n_obs INTEGER DEFAULT 0,               -- Number of measurements
    mean_flux_mjy REAL,                    -- Mean measured flux
    std_flux_mjy REAL,                     -- Standard deviation
    min_flux_mjy REAL,
    max_flux_mjy REAL,
    chi2_nu REAL,                          -- Reduced chi-square for constant model
    sigma_deviation REAL,                  -- Max deviation in sigma units
    last_measured_at REAL,                 -- Unix timestamp of last measurement
    last_mjd REAL,
    updated_at REAL NOT NULL               -- When stats were computed
);

CREATE INDEX IF NOT EXISTS idx_variability_chi2 ON variability_stats(chi2_nu);
CREATE INDEX IF NOT EXISTS idx_variability_sigma ON variability_stats(sigma_deviation);
CREATE INDEX IF NOT EXISTS idx_variability_last_mjd ON variability_stats(last_mjd);

CREATE TABLE IF NOT EXISTS ese_candidates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id TEXT NOT NULL,               -- NVSS ID
    flagged_at REAL NOT NULL,              -- Unix timestamp
    flagged_by TEXT DEFAULT 'auto',        -- 'auto' | user email/ID
    significance REAL NOT NULL,            -- Chi-square or sigma value
    flag_type TEXT NOT NULL,               -- 'variability' | 'rapid_change' | 'user'
    notes TEXT,                            -- User notes
    status TEXT DEFAULT 'active',          -- 'active' | 'investigated' | 'dismissed'
    investigated_at REAL,                  -- When marked as investigated
    dismissed_at REAL,
    FOREIGN KEY (source_id) REFERENCES variability_stats(source_id)
);

CREATE INDEX IF NOT EXISTS idx_ese_source ON ese_candidates(source_id);
CREATE INDEX IF NOT EXISTS idx_ese_status ON ese_candidates(status);
CREATE INDEX IF NOT EXISTS idx_ese_flagged ON ese_candidates(flagged_at);

CREATE TABLE IF NOT EXISTS mosaics (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL UNIQUE,             -- Full path to mosaic FITS
    name TEXT NOT NULL,                    -- Descriptive name (e.g., '2025-10-24_hourly_12-13UTC')
    created_at REAL NOT NULL,              -- Unix timestamp
    start_mjd REAL NOT NULL,               -- Time range covered
    end_mjd REAL NOT NULL,
    integration_sec REAL,                  -- Total integration time
    n_images INTEGER,                      -- Number of input images
    center_ra_deg REAL,
    center_dec_deg REAL,
    dec_min_deg REAL,                      -- Coverage bounds
    dec_max_deg REAL,
    noise_jy REAL,                         -- Mosaic RMS noise
    beam_major_arcsec REAL,
    beam_minor_arcsec REAL,
    beam_pa_deg REAL,
    n_sources INTEGER,                     -- Source count
    thumbnail_path TEXT                    -- Path to PNG preview
);

CREATE INDEX IF NOT EXISTS idx_mosaics_created ON mosaics(created_at);
CREATE INDEX IF NOT EXISTS idx_mosaics_mjd ON mosaics(start_mjd, end_mjd);

CREATE TABLE IF NOT EXISTS qa_artifacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id TEXT NOT NULL,                -- Observation group
    name TEXT NOT NULL,                    -- Filename (e.g., 'amplitude_vs_time.png')
    path TEXT NOT NULL,                    -- Full path
    type TEXT,                             -- 'plot' | 'table' | 'report'
    category TEXT,                         -- 'calibration' | 'imaging' | 'system'
    created_at REAL NOT NULL,
    UNIQUE(group_id, name)
);

CREATE INDEX IF NOT EXISTS idx_qa_group ON qa_artifacts(group_id);
CREATE INDEX IF NOT EXISTS idx_qa_created ON qa_artifacts(created_at);

CREATE TABLE IF NOT EXISTS pointing_history (
    timestamp REAL PRIMARY KEY,            -- Unix timestamp
    mjd REAL,
    ra_deg REAL NOT NULL,
    dec_deg REAL NOT NULL,
    alt_deg REAL,                          -- Elevation
    az_deg REAL,                           -- Azimuth
    lst_hours REAL,                        -- Local sidereal time
    field_name TEXT                        -- Associated field ID
);

CREATE INDEX IF NOT EXISTS idx_pointing_mjd ON pointing_history(mjd);
CREATE INDEX IF NOT EXISTS idx_pointing_dec ON pointing_history(dec_deg);

CREATE TABLE IF NOT EXISTS alert_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id TEXT NOT NULL,
    alert_type TEXT NOT NULL,              -- 'ese_candidate' | 'calibrator_missing' | 'system_error'
    severity TEXT NOT NULL,                -- 'info' | 'warning' | 'critical'
    message TEXT NOT NULL,
    sent_at REAL NOT NULL,                 -- Unix timestamp
    channel TEXT,                          -- Slack channel (e.g., '#ese-alerts')
    success INTEGER DEFAULT 1,             -- Boolean: delivery success
    error_msg TEXT                         -- Error if delivery failed
);

CREATE INDEX IF NOT EXISTS idx_alert_source ON alert_history(source_id);
CREATE INDEX IF NOT EXISTS idx_alert_sent ON alert_history(sent_at);
CREATE INDEX IF NOT EXISTS idx_alert_type ON alert_history(alert_type);
