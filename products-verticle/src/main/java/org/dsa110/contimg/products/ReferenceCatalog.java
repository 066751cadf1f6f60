package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsa110.contimg.common.bus.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which measured sources are final references of the master catalogue, asked of the catalogue's
 * owner on the bus (it may run on another node) and remembered: a transit telescope sees the same
 * sources every day, so after the first day nearly every answer comes from memory. Forgotten when a
 * catalogue import ends.
 */
final class ReferenceCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceCatalog.class);
  private static final double NOT_A_REFERENCE = Double.NaN;

  /**
   * A bound on memory: past this many remembered sources the memory starts again (about 100 bytes
   * each).
   */
  private static final int REMEMBER_AT_MOST = 1_000_000;

  private static final DeliveryOptions ASK = new DeliveryOptions().setSendTimeout(10_000);

  private final Vertx vertx;
  private final Map<String, Double> known = new HashMap<>();
  private long lastWarnedAt;

  ReferenceCatalog(Vertx vertx) {
    this.vertx = vertx;
  }

  void forget() {
    known.clear();
  }

  /**
   * The final references among the ids, with their NVSS flux in mJy; empty when the catalogue
   * cannot answer.
   */
  Future<Optional<Map<String, Double>>> among(Collection<String> ids) {
    List<String> unknown = ids.stream().filter(id -> !known.containsKey(id)).distinct().toList();
    Future<Void> asked =
        unknown.isEmpty()
            ? Future.succeededFuture()
            : vertx
                .eventBus()
                .<JsonObject>request(
                    Addresses.CATALOG_REFERENCES_AMONG,
                    new JsonObject().put("source_ids", new JsonArray(unknown)),
                    ASK)
                .map(Message::body)
                .map(
                    reply -> {
                      if (known.size() + unknown.size() > REMEMBER_AT_MOST) {
                        known.clear();
                      }
                      JsonObject references = reply.getJsonObject("references");
                      unknown.forEach(
                          id ->
                              known.put(
                                  id,
                                  references.containsKey(id)
                                      ? references.getDouble(id)
                                      : NOT_A_REFERENCE));
                      return null;
                    });
    return asked
        .map(
            done -> {
              Map<String, Double> references = new HashMap<>();
              ids.forEach(
                  id -> {
                    Double flux = known.get(id);
                    if (flux != null && !flux.isNaN()) {
                      references.put(id, flux);
                    }
                  });
              return Optional.of(references);
            })
        .recover(
            failure -> {
              long now = System.currentTimeMillis();
              if (now - lastWarnedAt > 60_000) {
                lastWarnedAt = now;
                LOG.warn(
                    "the master catalogue cannot say which sources are references ({}); images wait unnormalised until it can",
                    failure.getMessage());
              }
              return Future.succeededFuture(Optional.empty());
            });
  }
}
