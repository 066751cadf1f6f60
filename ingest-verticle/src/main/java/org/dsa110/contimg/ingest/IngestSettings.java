package org.dsa110.contimg.ingest;

import java.nio.file.Path;
import java.util.Optional;
import org.dsa110.contimg.common.config.Settings;

/** The {@code ingest.*} configuration keys, checked at start-up. */
record IngestSettings(
    Optional<Path> watchDir,
    long watchIntervalMs,
    double joinWindowSeconds,
    int expectedSubbands,
    int maxRetries,
    double leaseSeconds,
    double collectingTimeoutSeconds,
    long housekeepingIntervalMs) {

  static IngestSettings from(Settings settings) {
    return new IngestSettings(
        Optional.ofNullable(settings.stringOrNull("ingest.watch_dir")).map(Path::of),
        settings.integer("ingest.watch_interval_ms", 10, 3_600_000),
        settings.positive("ingest.join_window_seconds"),
        settings.integer("ingest.expected_subbands", 1, SubbandFile.SUBBANDS),
        settings.integer("ingest.max_retries", 0, 1000),
        settings.positive("ingest.lease_seconds"),
        settings.positive("ingest.collecting_timeout_seconds"),
        settings.integer("ingest.housekeeping_interval_ms", 10, 3_600_000));
  }
}
