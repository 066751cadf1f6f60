package org.dsa110.contimg.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.dsa110.contimg.common.config.HubConfig;

/**
 * What the modules' tests share: a configuration under a temp state dir, awaiting futures, bus
 * round trips.
 */
public final class HubTest {
  private HubTest() {}

  /** The real configuration path (defaults + environment), with state under {@code stateDir}. */
  public static JsonObject config(Path stateDir, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("CONTIMG_STATE_DIR", stateDir.toString());
    return HubConfig.resolve(new JsonObject(), all);
  }

  /**
   * Waits at most 30 s; a timeout carries the Vert.x threads' stacks, as {@link #await(Future, int,
   * String)}.
   */
  public static <T> T await(Future<T> future) throws Exception {
    return await(future, 30, "the result the calling line waits for");
  }

  /**
   * Waits at most {@code seconds} for what is named; on a timeout the failure names it and carries
   * the Vert.x threads' stacks, so a hang seen once on a loaded machine can be diagnosed from the
   * report alone.
   */
  public static <T> T await(Future<T> future, int seconds, String what) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (java.util.concurrent.TimeoutException e) {
      StringBuilder threads = new StringBuilder();
      Thread.getAllStackTraces()
          .forEach(
              (thread, stack) -> {
                if (thread.getName().startsWith("vert.x")
                    || thread.getName().startsWith("sqlite")) {
                  threads
                      .append("\n")
                      .append(thread.getName())
                      .append(" ")
                      .append(thread.getState());
                  for (int i = 0; i < Math.min(12, stack.length); i++) {
                    threads.append("\n    at ").append(stack[i]);
                  }
                }
              });
      throw new AssertionError("no answer within " + seconds + " s to " + what + threads, e);
    }
  }

  public static JsonObject request(Vertx vertx, String address, JsonObject body) throws Exception {
    return await(vertx.eventBus().<JsonObject>request(address, body).map(Message::body));
  }

  /** Sends a request that must fail, and returns the failure to look at. */
  public static ReplyException failure(Vertx vertx, String address, Object body) throws Exception {
    try {
      await(vertx.eventBus().request(address, body));
    } catch (ReplyException e) {
      return e;
    }
    return fail("expected " + address + " to fail for " + body);
  }

  /** Asserts a bus failure's code and that its message names what it should. */
  public static void assertFails(
      Vertx vertx, String address, Object body, int code, String mentions) throws Exception {
    ReplyException e = failure(vertx, address, body);
    assertThat(e.failureCode()).as(e.getMessage()).isEqualTo(code);
    assertThat(e.getMessage()).contains(mentions);
  }

  /**
   * A count read straight from the file with a connection of its own, not through the code under
   * test.
   */
  public static long count(Path database, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      return rs.getLong(1);
    }
  }
}
