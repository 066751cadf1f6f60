package org.dsa110.contimg.deploy;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the chosen roles in order, each with the whole configuration; the first failure stops the
 * start.
 */
public final class Hub {
  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

  private Hub() {}

  static Future<List<String>> deploy(Vertx vertx, JsonObject config, List<Role> roles) {
    List<String> deployments = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Role role : roles) {
      chain =
          chain.compose(
              done ->
                  vertx
                      .deployVerticle(role.create(), new DeploymentOptions().setConfig(config))
                      .onSuccess(id -> LOG.info("{} started", role.displayName()))
                      .map(
                          id -> {
                            deployments.add(id);
                            return null;
                          }));
    }
    return chain.map(done -> deployments);
  }

  /** Every role, for tests and embedders that want the whole hub in one JVM. */
  public static Future<List<String>> deployAll(Vertx vertx, JsonObject config) {
    return deploy(vertx, config, List.of(Role.values()));
  }
}
