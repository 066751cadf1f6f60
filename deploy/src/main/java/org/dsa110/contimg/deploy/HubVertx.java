package org.dsa110.contimg.deploy;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

/** The Vert.x instance the hub runs on: with Micrometer metrics (HTTP, event bus, pools, JVM) for /metrics. */
public final class HubVertx {
  private HubVertx() {
  }

  public static Vertx create() {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    return Vertx.builder().with(new VertxOptions().setMetricsOptions(metrics)).withMetrics(new MicrometerMetricsFactory()).build();
  }
}
