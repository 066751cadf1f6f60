package org.dsa110.contimg.common.bus;

import io.vertx.core.eventbus.Message;

/**
 * Who a request on the bus was made for. The TCP bridge marks what pipeline services send through
 * it with {@value #HEADER}: {@value #PIPELINE}; the bridges strip any value a client gave that
 * header, and the HTTP API never sets it. A request without the mark comes from a reader (a
 * dashboard, an HTTP client), and a read made for a reader must not write, publish or alert.
 */
public final class Callers {
  public static final String HEADER = "contimg.caller";
  public static final String PIPELINE = "pipeline";

  private Callers() {}

  public static boolean isPipeline(Message<?> message) {
    return PIPELINE.equals(message.headers().get(HEADER));
  }
}
