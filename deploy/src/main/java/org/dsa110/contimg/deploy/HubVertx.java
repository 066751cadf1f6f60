package org.dsa110.contimg.deploy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.Set;
import org.dsa110.contimg.common.config.BuildInfo;
import org.dsa110.contimg.common.config.Settings;

/**
 * The Vert.x instance the hub runs on: with Micrometer metrics (HTTP, event bus, pools, JVM) for
 * /metrics, and, with {@code --cluster}, a clustered event bus on Hazelcast: TCP-IP join with the
 * configured members, multicast off, listening on the configured interface only (Hazelcast's port
 * and the event bus's).
 */
public final class HubVertx {
  /** Meters Micrometer names against Prometheus's rules; see {@link #registry()}. */
  private static final Set<String> NOT_PROMETHEUS_CLEAN =
      Set.of("jvm.compilation.time", "process.cpu.time", "system.cpu.count");

  private HubVertx() {}

  public static Vertx create() {
    return Vertx.builder()
        .with(options())
        .withMetrics(new MicrometerMetricsFactory(registry()))
        .build();
  }

  public static Future<Vertx> createClustered(Settings settings) {
    String host = settings.string("cluster.host");
    VertxOptions options =
        options()
            .setEventBusOptions(
                new EventBusOptions()
                    .setHost(host)
                    .setPort(settings.integer("cluster.bus_port", 0, 65535)));
    return Vertx.builder()
        .with(options)
        .withMetrics(new MicrometerMetricsFactory(registry()))
        .withClusterManager(new HazelcastClusterManager(hazelcast(settings, host)))
        .buildClustered();
  }

  private static Config hazelcast(Settings settings, String host) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(settings.string("cluster.name"));
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // Listen on the configured interface only: by default Hazelcast binds every interface (0.0.0.0)
    // whatever
    // interface it is told to use, so CONTIMG_CLUSTER_HOST=127.0.0.1 still exposed the cluster port
    // to the network.
    config.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.integer("cluster.port", 1, 65535)).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(host));
    network.setPublicAddress(host + ":" + network.getPort());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    List<String> members =
        settings.root().getJsonObject("cluster").getJsonArray("members").stream()
            .map(String::valueOf)
            .toList();
    join.getTcpIpConfig()
        .setEnabled(true)
        .setMembers(members.isEmpty() ? List.of(host + ":" + network.getPort()) : members);
    return config;
  }

  /**
   * HTTP metrics are labelled by route template ({@code /api/v1/queue/:group_id}), never by path,
   * so a scan of random paths cannot grow the series without bound.
   */
  private static VertxOptions options() {
    MicrometerMetricsOptions metrics =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setJvmMetricsEnabled(true)
            .addLabels(Label.HTTP_ROUTE)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    return new VertxOptions().setMetricsOptions(metrics);
  }

  /**
   * The Prometheus registry, without the three JVM meters Micrometer names against Prometheus's
   * rules ({@code promtool check metrics}: units abbreviated in jvm_compilation_time_ms_total and
   * process_cpu_time_ns_total, a _count suffix on the gauge system_cpu_count). The JVM's other
   * meters stay. It carries the build's version.
   */
  private static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry
        .config()
        .meterFilter(MeterFilter.deny(id -> NOT_PROMETHEUS_CLEAN.contains(id.getName())));
    // on every node, gateway or not; not contimg_build_info: the Prometheus client keeps the _info
    // suffix for its
    // own Info type and drops it from a gauge
    Gauge.builder("contimg_build", () -> 1)
        .description("the running build; its version is the label")
        .tag("version", BuildInfo.version())
        .register(registry);
    return registry;
  }
}
