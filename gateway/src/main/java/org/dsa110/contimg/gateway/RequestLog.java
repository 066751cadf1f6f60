package org.dsa110.contimg.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.dsa110.contimg.common.bus.BusReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every HTTP request an id (the caller's {@code X-Request-Id} when it is a sane token, else a
 * new one), returns it in the response, passes it to the owner with the bus request, and logs one
 * line when the response ends: writes and failures at INFO, successful reads at DEBUG (dashboards
 * poll).
 */
final class RequestLog implements Handler<RoutingContext> {
  static final String KEY = BusReplies.REQUEST_ID;
  static final String HEADER = "X-Request-Id";
  private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id =
        given != null && SANE.matcher(given).matches()
            ? given
            : Long.toHexString(ThreadLocalRandom.current().nextLong());
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    long start = System.nanoTime();
    ctx.addEndHandler(
        done -> {
          int status = ctx.response().getStatusCode();
          double ms = (System.nanoTime() - start) / 1e6;
          String uri = LogSafe.field(ctx.request().uri());
          boolean notable = status >= 400 || !"GET".equals(ctx.request().method().name());
          (notable ? LOG.atInfo() : LOG.atDebug())
              .addKeyValue(KEY, id)
              .addKeyValue("method", ctx.request().method().name())
              .addKeyValue("path", LogSafe.field(ctx.request().path()))
              .addKeyValue("status", status)
              .log(
                  "[{}] {} {} {} {} ms",
                  id,
                  ctx.request().method(),
                  uri,
                  status,
                  String.format("%.1f", ms));
        });
    ctx.next();
  }

  static String id(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id == null ? "-" : id;
  }
}
