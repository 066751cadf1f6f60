-- catalogs/master_sources.sqlite3 as the seed (database-schema.md, section 4) writes it, verbatim.

CREATE TABLE IF NOT EXISTS sources (
    source_id TEXT PRIMARY KEY,            -- NVSS ID
    ra_deg REAL NOT NULL,
    dec_deg REAL NOT NULL,
    s_nvss REAL,                           -- NVSS flux (Jy)
    snr_nvss REAL,                         -- NVSS S/N
    s_vlass REAL,                          -- VLASS flux (Jy)
    alpha REAL,                            -- Spectral index (NVSS→VLASS)
    resolved_flag INTEGER DEFAULT 0,       -- From FIRST deconvolved size
    confusion_flag INTEGER DEFAULT 0,      -- Multiple matches within radius
    first_size_maj_arcsec REAL,           -- FIRST major axis
    first_size_min_arcsec REAL,           -- FIRST minor axis
    first_size_pa_deg REAL                 -- FIRST position angle
);

CREATE INDEX IF NOT EXISTS idx_sources_ra_dec ON sources(ra_deg, dec_deg);
CREATE INDEX IF NOT EXISTS idx_sources_flux ON sources(s_nvss);
CREATE INDEX IF NOT EXISTS idx_sources_alpha ON sources(alpha);

-- Good references: basic quality cuts
CREATE VIEW IF NOT EXISTS good_references AS
SELECT * FROM sources
WHERE s_nvss IS NOT NULL
  AND snr_nvss >= 7.0
  AND (alpha BETWEEN -1.5 AND 0.5 OR alpha IS NULL)
  AND resolved_flag = 0
  AND confusion_flag = 0;

-- Final references: stricter cuts
CREATE VIEW IF NOT EXISTS final_references AS
SELECT * FROM good_references
WHERE snr_nvss >= 10.0;
