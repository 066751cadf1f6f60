-- cal_registry.sqlite3 as the seed (database-schema.md, section 2) writes it, verbatim.

CREATE TABLE IF NOT EXISTS caltables (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    set_name TEXT NOT NULL,                -- e.g., 'bp_3c286_60238'
    path TEXT NOT NULL UNIQUE,             -- Full path to caltable
    table_type TEXT NOT NULL,              -- 'K' | 'BP' | 'G'
    order_index INTEGER NOT NULL,          -- Application order (K=0, BP=1, G=2)
    valid_start_mjd REAL NOT NULL,         -- Start of validity window
    valid_end_mjd REAL NOT NULL,           -- End of validity window
    created_at REAL NOT NULL,              -- Unix timestamp
    active INTEGER DEFAULT 1               -- 0/1 boolean
);

CREATE INDEX IF NOT EXISTS idx_caltables_set ON caltables(set_name);
CREATE INDEX IF NOT EXISTS idx_caltables_valid ON caltables(valid_start_mjd, valid_end_mjd);
CREATE INDEX IF NOT EXISTS idx_caltables_active ON caltables(active);
