package org.dsa110.contimg.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryWatcherTest extends IngestTestBase {
  @TempDir Path incoming;

  @Test
  void aBacklogAndNewFilesAreAddedOnceAndOtherFilesIgnored(Vertx vertx) throws Exception {
    for (int sb = 0; sb < 8; sb++) {
      Files.writeString(
          incoming.resolve(SubbandFile.GROUP_ID.format(T0) + String.format("_sb%02d.hdf5", sb)),
          "x".repeat(sb));
    }
    Files.writeString(incoming.resolve("README.txt"), "not a subband");
    deploy(
        vertx,
        Map.of(
            "CONTIMG_INGEST_WATCH_DIR",
            incoming.toString(),
            "CONTIMG_INGEST_WATCH_INTERVAL_MS",
            "50"));

    await().atMost(Duration.ofSeconds(10)).until(() -> files(group(id(T0))).size() == 8);
    for (int sb = 8; sb < 16; sb++) {
      Files.writeString(
          incoming.resolve(
              SubbandFile.GROUP_ID.format(T0.plusSeconds(1)) + String.format("_sb%02d.hdf5", sb)),
          "y");
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> group(id(T0)).getString("state").equals("pending"));
    assertThat(files(group(id(T0)))).hasSize(16);
    assertThat(files(group(id(T0))).getJsonObject(7).getLong("file_size")).isEqualTo(7L);
    Thread.sleep(300);
    assertThat(
            org.dsa110.contimg.common.testing.HubTest.count(
                database(), "SELECT COUNT(*) FROM ingest_queue"))
        .isEqualTo(1);
  }
}
