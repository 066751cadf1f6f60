package org.dsa110.contimg.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Owner;

/**
 * Ready means every owner answers on the bus and has just proved its database writable. {@code
 * /health/ready} is open to anyone (probes carry no token), so it names databases by file name,
 * never by their absolute paths.
 */
final class ReadinessChecks {
  private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?:/[^/\\s()]+)+/([^/\\s()]+)");

  private ReadinessChecks() {}

  static HealthChecks create(
      Vertx vertx, OwnerClient owners, List<Owner> required, long timeoutMs) {
    HealthChecks checks = HealthChecks.create(vertx);
    for (Owner owner : required) {
      checks.register(
          owner.displayName(),
          timeoutMs,
          promise ->
              owners
                  .request(Addresses.health(owner), new JsonObject())
                  .onSuccess(reply -> promise.complete(Status.OK(publicView(reply))))
                  .onFailure(
                      failure ->
                          promise.complete(
                              Status.KO(
                                  new JsonObject()
                                      .put("error", withoutPaths(failure.getMessage()))))));
    }
    return checks;
  }

  private static JsonObject publicView(JsonObject reply) {
    JsonObject view = reply.copy();
    String database = view.getString("database");
    if (database != null) {
      view.put("database", Path.of(database).getFileName().toString());
    }
    return view;
  }

  static String withoutPaths(String message) {
    if (message == null) {
      return null;
    }
    Matcher matcher = ABSOLUTE_PATH.matcher(message);
    return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
  }
}
