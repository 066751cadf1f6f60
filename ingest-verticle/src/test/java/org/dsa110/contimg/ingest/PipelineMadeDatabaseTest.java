package org.dsa110.contimg.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.count;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.SeedSchema;
import org.junit.jupiter.api.Test;

/**
 * A file made by the existing pipeline (the seed's DDL run by the sqlite3 command line, not by us)
 * opens unchanged.
 */
class PipelineMadeDatabaseTest extends IngestTestBase {

  @Test
  void aDatabaseMadeBySqlite3FromTheSeedOpensWithItsRows(Vertx vertx) throws Exception {
    Path seed = Path.of(getClass().getClassLoader().getResource("db/ingest/001-seed.sql").toURI());
    String rows =
        """
        INSERT INTO ingest_queue (group_id, state, received_at, last_update, expected_subbands, has_calibrator, calibrators, retry_count)
          VALUES ('2025-10-20T03:00:00', 'pending', 1760929200.5, 1760929300.0, 16, 1, '["3C48"]', 1);
        INSERT INTO ingest_queue (group_id, state, received_at, last_update)
          VALUES ('2025-10-20T03:05:00', 'collecting', 1760929500, CAST(strftime('%s', 'now') AS REAL));
        INSERT INTO subband_files (group_id, subband_idx, file_path, file_size, discovered_at)
          VALUES ('2025-10-20T03:00:00', 0, '/data/incoming/2025-10-20T03:00:00_sb00.hdf5', 123456789, 1760929201);
        INSERT INTO subband_files (group_id, subband_idx, file_path, discovered_at)
          VALUES ('2025-10-20T03:05:00', 4, '/data/incoming/2025-10-20T03:05:01_sb04.hdf5', 1760929501);
        """;
    SeedSchema.sqlite3(database(), Files.readString(seed) + rows);
    assertThat(count(database(), "PRAGMA user_version")).isZero();

    deploy(vertx, Map.of());

    JsonObject group = group("2025-10-20T03:00:00");
    assertThat(group.getString("state")).isEqualTo("pending");
    assertThat(group.getDouble("received_at")).isEqualTo(1760929200.5);
    assertThat(group.getBoolean("has_calibrator")).isTrue();
    assertThat(group.getJsonArray("calibrators").getString(0)).isEqualTo("3C48");
    assertThat(group.getInteger("retry_count")).isEqualTo(1);
    assertThat(files(group).getJsonObject(0).getLong("file_size")).isEqualTo(123456789L);

    JsonObject collecting = group("2025-10-20T03:05:00");
    assertThat(collecting.getInteger("expected_subbands")).isEqualTo(16);
    assertThat(collecting.getInteger("retry_count")).isZero();

    JsonObject joined = add("/data/incoming/2025-10-20T03:05:02_sb05.hdf5");
    assertThat(joined.getString("group_id")).isEqualTo("2025-10-20T03:05:00");
    assertThat(joined.getInteger("subbands")).isEqualTo(2);

    JsonObject claimed = claim("w");
    assertThat(claimed.getJsonObject("group").getString("group_id"))
        .isEqualTo("2025-10-20T03:00:00");
    JsonObject stats = request(vertx, Addresses.INGEST_QUEUE_STATS, new JsonObject());
    assertThat(stats.getInteger("total")).isEqualTo(2);
    assertThat(count(database(), "PRAGMA user_version")).isEqualTo(2);
    assertThat(
            count(
                database(),
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_%'"))
        .isEqualTo(4);
  }

  @Test
  void theSchemaWeCreateIsTheSeedsSchema(Vertx vertx) throws Exception {
    deploy(vertx, Map.of());
    SeedSchema.assertMatchesSeed(database(), "db/ingest/001-seed.sql", stateDir);
  }
}
