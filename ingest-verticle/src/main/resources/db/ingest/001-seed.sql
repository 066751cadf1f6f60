-- ingest.sqlite3 as the seed (database-schema.md, section 1) writes it, verbatim.

CREATE TABLE IF NOT EXISTS ingest_queue (
    group_id TEXT PRIMARY KEY,              -- YYYY-MM-DDTHH:MM:SS format
    state TEXT NOT NULL,                    -- collecting|pending|in_progress|completed|failed
    received_at REAL NOT NULL,              -- Unix timestamp
    last_update REAL NOT NULL,              -- Unix timestamp
    expected_subbands INTEGER DEFAULT 16,   -- Usually 16
    has_calibrator INTEGER,                 -- 0/1 boolean (NULL if not checked yet)
    calibrators TEXT,                       -- JSON array of matched calibrators
    retry_count INTEGER DEFAULT 0,          -- Number of retry attempts
    error_message TEXT                      -- Error details if failed
);

CREATE INDEX IF NOT EXISTS idx_ingest_state ON ingest_queue(state);
CREATE INDEX IF NOT EXISTS idx_ingest_received ON ingest_queue(received_at);

CREATE TABLE IF NOT EXISTS subband_files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id TEXT NOT NULL,
    subband_idx INTEGER NOT NULL,          -- 0-15
    file_path TEXT NOT NULL,
    file_size INTEGER,
    discovered_at REAL NOT NULL,
    FOREIGN KEY (group_id) REFERENCES ingest_queue(group_id),
    UNIQUE(group_id, subband_idx)
);

CREATE INDEX IF NOT EXISTS idx_subband_group ON subband_files(group_id);

CREATE TABLE IF NOT EXISTS performance_metrics (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id TEXT NOT NULL UNIQUE,
    writer_type TEXT,                      -- 'direct-subband' | 'pyuvdata' | 'auto'
    conversion_time REAL,                  -- Seconds
    concat_time REAL,
    k_solve_time REAL,
    bp_solve_time REAL,
    g_solve_time REAL,
    imaging_time REAL,
    photometry_time REAL,
    total_time REAL,
    recorded_at REAL NOT NULL,
    FOREIGN KEY (group_id) REFERENCES ingest_queue(group_id)
);

CREATE INDEX IF NOT EXISTS idx_perf_group ON performance_metrics(group_id);
