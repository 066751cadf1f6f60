package org.dsa110.contimg.common.bus;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The outcome of a write: the reply for the requester and the events to publish. Events are published
 * only once the transaction that produced them has committed, never from inside it.
 */
public record Committed(JsonObject reply, List<Event> events) {

  public record Event(String address, JsonObject body) {
  }

  public static Committed of(JsonObject reply) {
    return new Committed(reply, List.of());
  }

  public JsonObject publishTo(EventBus bus) {
    events.forEach(event -> bus.publish(event.address(), event.body()));
    return reply;
  }
}
