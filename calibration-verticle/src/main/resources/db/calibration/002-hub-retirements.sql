-- contimg-hub's own table beside the seed's: why and when a set was retired (caltables has only active 0/1).
CREATE TABLE IF NOT EXISTS hub_set_retirements (
    set_name TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    retired_at REAL NOT NULL
);
