package org.dsa110.contimg.gateway;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The operations dashboard: static files from the {@code webroot} resource folder (plain ES modules
 * and the vendored Vert.x event-bus client, so nothing is built at run time). It reads the HTTP API
 * and listens on the SockJS bridge.
 */
final class Dashboard {
  private Dashboard() {}

  static void mount(Router router) {
    // Revalidated on every load (answered 304 when unchanged), so an upgraded hub never runs
    // yesterday's modules.
    StaticHandler files =
        StaticHandler.create("webroot").setMaxAgeSeconds(0).setIncludeHidden(false);
    // Same origin only (SecurityHeaders, on every response): the page talks to nothing but this
    // gateway, and no
    // inline script can run in it.
    router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(files);
  }
}
