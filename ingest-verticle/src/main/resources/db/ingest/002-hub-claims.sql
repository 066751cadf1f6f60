-- contimg-hub's own table beside the seed's: which worker holds each in_progress group, so a worker
-- whose lease expired and was given to another cannot complete or fail the group behind its back.
CREATE TABLE IF NOT EXISTS hub_claims (
    group_id TEXT PRIMARY KEY,
    worker TEXT NOT NULL,
    claimed_at REAL NOT NULL,
    FOREIGN KEY (group_id) REFERENCES ingest_queue(group_id)
);
