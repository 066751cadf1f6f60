package org.dsa110.contimg.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsa110.contimg.common.bus.Addresses;
import org.junit.jupiter.api.Test;

class ConcurrentClaimTest extends IngestTestBase {
  private static final int GROUPS = 200;
  private static final int CLAIMERS = 4;

  @Test
  void fourConcurrentClaimersClaimEveryGroupExactlyOnce(Vertx vertx) throws Exception {
    deploy(vertx, Map.of("CONTIMG_INGEST_EXPECTED_SUBBANDS", "1"));
    for (int i = 0; i < GROUPS; i++) {
      add(file(T0.plusSeconds(300L * i), 0));
    }

    List<Future<List<String>>> claimers = new ArrayList<>();
    for (int c = 0; c < CLAIMERS; c++) {
      claimers.add(claimUntilEmpty("worker-" + c, new ArrayList<>()));
    }
    List<String> all = new ArrayList<>();
    for (Future<List<String>> claimer : claimers) {
      List<String> mine = await(claimer);
      assertThat(mine).as("each claimer got work while groups were pending").isNotEmpty();
      all.addAll(mine);
    }
    Set<String> distinct = new HashSet<>(all);
    assertThat(all).hasSize(GROUPS);
    assertThat(distinct).hasSize(GROUPS);
  }

  /** Claims in a loop, the way a worker does, until the queue answers that nothing is pending. */
  private Future<List<String>> claimUntilEmpty(String worker, List<String> claimed) {
    Promise<List<String>> done = Promise.promise();
    vertx
        .eventBus()
        .<JsonObject>request(Addresses.INGEST_GROUP_CLAIM, new JsonObject().put("worker", worker))
        .map(Message::body)
        .onFailure(done::fail)
        .onSuccess(
            reply -> {
              if (!reply.getBoolean("claimed")) {
                done.complete(claimed);
                return;
              }
              claimed.add(reply.getJsonObject("group").getString("group_id"));
              claimUntilEmpty(worker, claimed).onComplete(done);
            });
    return done.future();
  }
}
