-- contimg-hub's own tables beside the seed's, for ensemble normalisation and the ESE detectors.
--
-- Each image's gain, measured from the reference sources in it: normalised flux = flux / gain. status is
-- normalised, disabled (normalisation turned off: gain 1), too_few_references or catalogue_unavailable (the
-- image's points wait, outside the statistics, until it can be normalised). floor_used is the fractional
-- systematic error added to every error of the image; floor_estimate what this image's references measured.
CREATE TABLE IF NOT EXISTS hub_image_gains (
    image_path TEXT PRIMARY KEY,
    mjd REAL NOT NULL,
    status TEXT NOT NULL,
    gain REAL NOT NULL,
    gain_err REAL NOT NULL,
    scatter REAL,
    floor_estimate REAL,
    floor_used REAL NOT NULL,
    n_references INTEGER NOT NULL,
    n_used INTEGER NOT NULL,
    computed_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_hub_image_gains_status ON hub_image_gains(status);

-- The references an image's gain was measured from: each one's flux over its baseline, whether it was used,
-- and what it added to its own baseline (so a replaced image can take it back out).
CREATE TABLE IF NOT EXISTS hub_image_references (
    image_path TEXT NOT NULL,
    source_id TEXT NOT NULL,
    ratio REAL NOT NULL,
    baseline_from TEXT NOT NULL,
    used INTEGER NOT NULL,
    norm_flux_mjy REAL,
    weight REAL,
    PRIMARY KEY (image_path, source_id)
);

-- Each reference's own baseline: the weighted mean of its normalised flux over the images that accepted it.
CREATE TABLE IF NOT EXISTS hub_reference_baselines (
    source_id TEXT PRIMARY KEY,
    epochs INTEGER NOT NULL,
    sum_w REAL NOT NULL,
    mean_mjy REAL NOT NULL
);

-- The running state of each source's statistics on normalised fluxes (RunningStatistics, encoded), with the
-- named statistics beside it for queries: eta, V, the weighted mean and N_w, the largest significant
-- two-epoch |Vs| and |m|, and the strongest detector's significance now.
DROP TABLE IF EXISTS hub_source_sums;
CREATE TABLE IF NOT EXISTS hub_source_state (
    source_id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    eta REAL,
    v REAL,
    weighted_mean_mjy REAL,
    n_w INTEGER NOT NULL,
    vs_max REAL,
    m_max REAL,
    significance REAL,
    detector TEXT,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_hub_source_state_significance ON hub_source_state(significance);

-- What made a candidate: one row per detector that passed the threshold when the candidate was flagged or
-- grew stronger. significance is sigma-equivalent after trials; at_mjd the newest measurement then; depth
-- the fractional departure (negative: a dip); start_mjd/end_mjd where the departure lies (end NULL while it is
-- still in progress).
CREATE TABLE IF NOT EXISTS hub_candidate_evidence (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    candidate_id INTEGER NOT NULL,
    source_id TEXT NOT NULL,
    detector TEXT NOT NULL,
    significance REAL NOT NULL,
    local_sigma REAL NOT NULL,
    trials REAL NOT NULL,
    at_mjd REAL NOT NULL,
    scale_days REAL,
    depth REAL,
    direction TEXT,
    start_mjd REAL,
    end_mjd REAL,
    n_points INTEGER,
    recorded_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_hub_candidate_evidence_candidate ON hub_candidate_evidence(candidate_id);
CREATE INDEX IF NOT EXISTS idx_hub_candidate_evidence_source ON hub_candidate_evidence(source_id);
