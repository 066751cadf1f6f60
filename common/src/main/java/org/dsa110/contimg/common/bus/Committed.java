package org.dsa110.contimg.common.bus;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome of a write: the reply for the requester and the events to publish. Events are
 * published only once the transaction that produced them has committed, never from inside it.
 */
public record Committed(JsonObject reply, List<Event> events) {
  private static final Logger LOG = LoggerFactory.getLogger(Committed.class);

  public record Event(String address, JsonObject body) {}

  public static Committed of(JsonObject reply) {
    return new Committed(reply, List.of());
  }

  /** Publishes the events, each also logged as one line, and gives back the reply. */
  public JsonObject publishTo(EventBus bus) {
    events.forEach(
        event -> {
          LOG.info("{} {}", event.address(), event.body().encode());
          bus.publish(event.address(), event.body());
        });
    return reply;
  }
}
