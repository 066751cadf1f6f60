-- contimg-hub's own table beside the seed's: the running state of each source's statistics, so a new
-- measurement updates variability_stats in O(1) without reading the source's history. Welford's running
-- mean and sum of squared deviations (unweighted, and weighted by 1/sigma^2 over the measurements that have
-- an error) instead of raw power sums: the same O(1) update, without the cancellation that raw sums of F^2
-- suffer when a source's scatter is small against its flux.
CREATE TABLE IF NOT EXISTS hub_source_sums (
    source_id TEXT PRIMARY KEY,
    n INTEGER NOT NULL,
    mean REAL NOT NULL,
    m2 REAL NOT NULL,
    n_weighted INTEGER NOT NULL,
    sum_w REAL NOT NULL,
    mean_w REAL NOT NULL,
    s_w REAL NOT NULL,
    min_flux REAL NOT NULL,
    max_flux REAL NOT NULL,
    last_mjd REAL NOT NULL,
    last_flux REAL NOT NULL,
    last_err REAL
);
