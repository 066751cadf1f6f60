package org.dsa110.contimg.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dsa110.contimg.common.bus.Addresses.INGEST_SUBBAND_ADD;
import static org.dsa110.contimg.common.testing.HubTest.assertFails;
import static org.dsa110.contimg.common.testing.HubTest.count;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubbandCollectionTest extends IngestTestBase {

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    deploy(vertx, Map.of());
  }

  @Test
  void sixteenSubbandsFillAGroupWhichThenBecomesPending() throws Exception {
    for (int sb = 0; sb < 15; sb++) {
      JsonObject reply = add(file(T0.plusSeconds(sb % 3), sb));
      assertThat(reply.getString("group_id")).isEqualTo(id(T0));
      assertThat(reply.getString("state")).isEqualTo("collecting");
      assertThat(reply.getInteger("subbands")).isEqualTo(sb + 1);
    }
    JsonObject last = add(file(T0.plusSeconds(2), 15));
    assertThat(last.getString("state")).isEqualTo("pending");
    assertThat(last.getInteger("subbands")).isEqualTo(16);

    JsonObject group = group(id(T0));
    assertThat(files(group)).hasSize(16);
    assertThat(files(group).getJsonObject(3).getString("file_path")).isEqualTo(file(T0, 3));
    assertThat(files(group).getJsonObject(3).getLong("file_size")).isEqualTo(1024L);
    await().until(() -> transitions(queueEvents, id(T0)).size() == 2);
    assertThat(transitions(queueEvents, id(T0)))
        .containsExactly("null->collecting", "collecting->pending");
    assertThat(queueEvents.get(0).getInteger("subbands")).isEqualTo(1);
    JsonObject pending = queueEvents.get(1);
    assertThat(pending.getInteger("subbands")).isEqualTo(16);
    assertThat(pending.getInteger("retry_count")).isZero();
    assertThat(pending.getDouble("at")).isPositive();
  }

  @Test
  void theSameFileTwiceChangesNothing() throws Exception {
    add(file(T0, 0));
    JsonObject again = add(file(T0, 0));
    assertThat(again.getBoolean("added")).isFalse();
    assertThat(again.getInteger("subbands")).isEqualTo(1);
    assertThat(count(database(), "SELECT COUNT(*) FROM subband_files")).isEqualTo(1);
    assertThat(count(database(), "SELECT COUNT(*) FROM ingest_queue")).isEqualTo(1);
  }

  @Test
  void theSameFileAfterItsGroupMovedOnIsStillANoOp() throws Exception {
    addGroup(T0);
    claim("w1");
    JsonObject again = add(file(T0, 0));
    assertThat(again.getBoolean("added")).isFalse();
    assertThat(again.getString("state")).isEqualTo("in_progress");
    assertThat(count(database(), "SELECT COUNT(*) FROM ingest_queue")).isEqualTo(1);
  }

  @Test
  void theSameSubbandFromAnotherPathIsAConflict() throws Exception {
    add(file(T0, 5));
    assertFails(
        vertx,
        INGEST_SUBBAND_ADD,
        new JsonObject().put("file_path", "/other/" + id(T0) + "_sb05.hdf5"),
        409,
        "subband 05");
    assertThat(count(database(), "SELECT COUNT(*) FROM subband_files")).isEqualTo(1);
  }

  @Test
  void filesWithinTheWindowJoinTheNearestGroupAndOthersStartTheirOwn() throws Exception {
    add(file(T0, 0));
    add(file(T0.plusSeconds(300), 0));
    JsonObject nearSecond = add(file(T0.plusSeconds(290), 1));
    assertThat(nearSecond.getString("group_id")).isEqualTo(id(T0.plusSeconds(300)));
    JsonObject nearFirst = add(file(T0.minusSeconds(59), 1));
    assertThat(nearFirst.getString("group_id")).isEqualTo(id(T0));
    JsonObject outside = add(file(T0.plusSeconds(120), 2));
    assertThat(outside.getString("group_id")).isEqualTo(id(T0.plusSeconds(120)));
    assertThat(count(database(), "SELECT COUNT(*) FROM ingest_queue")).isEqualTo(3);
  }

  @Test
  void aSpaceInsteadOfTIsAccepted() throws Exception {
    JsonObject reply = add("/data/incoming/2025-10-24 12:00:00_sb00.hdf5");
    assertThat(reply.getString("group_id")).isEqualTo("2025-10-24T12:00:00");
  }

  @Test
  void aLateFileForAGroupAlreadyInProgressIsAConflict() throws Exception {
    addGroup(T0);
    claim("w1");
    assertFails(
        vertx,
        INGEST_SUBBAND_ADD,
        new JsonObject().put("file_path", "/elsewhere/" + id(T0) + "_sb03.hdf5"),
        409,
        "in_progress");
    assertThat(count(database(), "SELECT COUNT(*) FROM subband_files")).isEqualTo(16);
  }
}
