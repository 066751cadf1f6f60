package org.dsa110.contimg.alerts;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.dsa110.contimg.common.bus.Addresses;

/**
 * The alerts' bookkeeping in products.sqlite3 (outbox entries, outcomes), written in batches: at
 * most one request of each kind is in flight, and whatever arrives meanwhile goes in the next one.
 * However many alerts a storm raises, the products owner sees at most two of them at a time beside
 * the pipeline's own writes (which are never refused because of alerts), and each is one
 * transaction for up to {@value #MAX_BATCH} alerts.
 */
final class AlertBook {
  static final int MAX_BATCH = 500;
  private static final DeliveryOptions PRODUCTS = new DeliveryOptions().setSendTimeout(30_000);

  private final Vertx vertx;
  private final Batcher<JsonObject, Long> outbox =
      new Batcher<>(Addresses.PRODUCTS_ALERTS_ENQUEUE, "alerts", "outbox_ids") {
        @Override
        Long result(Object item) {
          return ((Number) item).longValue();
        }
      };
  private final Batcher<JsonObject, JsonObject> outcomes =
      new Batcher<>(Addresses.PRODUCTS_ALERTS_RECORD, "outcomes", "recorded") {
        @Override
        JsonObject result(Object item) {
          return (JsonObject) item;
        }
      };

  AlertBook(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Puts the alert in the outbox; its outbox id once committed. */
  Future<Long> enqueue(Alert alert) {
    return outbox.add(alert.toJson());
  }

  /**
   * Records an outcome in alert_history (and takes it out of the outbox); the recorded row once
   * committed.
   */
  Future<JsonObject> record(JsonObject outcome) {
    return outcomes.add(outcome);
  }

  private abstract class Batcher<T, R> {
    private final String address;
    private final String field;
    private final String replyField;
    private final Deque<T> items = new ArrayDeque<>();
    private final Deque<Promise<R>> promises = new ArrayDeque<>();
    private boolean inFlight;

    Batcher(String address, String field, String replyField) {
      this.address = address;
      this.field = field;
      this.replyField = replyField;
    }

    abstract R result(Object item);

    Future<R> add(T item) {
      Promise<R> promise = Promise.promise();
      items.add(item);
      promises.add(promise);
      flush();
      return promise.future();
    }

    private void flush() {
      if (inFlight || items.isEmpty()) {
        return;
      }
      inFlight = true;
      JsonArray batch = new JsonArray();
      List<Promise<R>> waiting = new ArrayList<>();
      while (!items.isEmpty() && batch.size() < MAX_BATCH) {
        batch.add(items.poll());
        waiting.add(promises.poll());
      }
      vertx
          .eventBus()
          .<JsonObject>request(address, new JsonObject().put(field, batch), PRODUCTS)
          .map(Message::body)
          .onComplete(
              done -> {
                inFlight = false;
                if (done.succeeded()) {
                  JsonArray results = done.result().getJsonArray(replyField);
                  for (int i = 0; i < waiting.size(); i++) {
                    waiting.get(i).complete(result(results.getValue(i)));
                  }
                } else {
                  waiting.forEach(p -> p.fail(done.cause()));
                }
                flush();
              });
    }
  }
}
