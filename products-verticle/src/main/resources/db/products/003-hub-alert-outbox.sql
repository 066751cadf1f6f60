-- contimg-hub's own table beside the seed's: alerts decided but not yet delivered to Slack. An alert is written
-- here before delivery starts and leaves (in the same transaction as its alert_history row) when delivery has
-- ended, so alerts pending at a crash or restart are delivered when the alerts owner comes back.
CREATE TABLE IF NOT EXISTS hub_alert_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at REAL NOT NULL,
    alert TEXT NOT NULL
);
