package org.dsa110.contimg.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the edge refused and why ({@code contimg_refusals_total{listener, reason}}), and how many
 * connections each listener holds ({@code contimg_connections{listener}}): the figures that show an
 * attack and what the limits did.
 */
final class EdgeMetrics {
  static final String HTTP = "http";
  static final String BRIDGE = "bridge";
  static final String SOCKJS = "sockjs";

  private final MeterRegistry registry;
  private final Map<String, Long> sinceSummary = new TreeMap<>();

  EdgeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void refused(String listener, String reason) {
    Counter.builder("contimg_refusals")
        .description("connections and requests refused at the edge, by listener and reason")
        .tags("listener", listener, "reason", reason)
        .register(registry)
        .increment();
    synchronized (sinceSummary) {
      sinceSummary.merge(listener + " " + reason, 1L, Long::sum);
    }
  }

  /**
   * The refusals since the last call ("http header_timeout 1834, bridge token 3"), or empty:
   * anonymous refusals are logged at DEBUG one by one, so an attack shows in the log as one summary
   * line a minute instead of a flood.
   */
  Optional<String> summary() {
    synchronized (sinceSummary) {
      if (sinceSummary.isEmpty()) {
        return Optional.empty();
      }
      String text =
          sinceSummary.entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue())
              .collect(Collectors.joining(", "));
      sinceSummary.clear();
      return Optional.of(text);
    }
  }

  /**
   * Reports a listener's open connections; a gateway deployed again in the same JVM replaces its
   * predecessor's gauge.
   */
  void connections(String listener, Supplier<Number> open) {
    Gauge previous = registry.find("contimg_connections").tag("listener", listener).gauge();
    if (previous != null) {
      registry.remove(previous);
    }
    Gauge.builder("contimg_connections", open)
        .tag("listener", listener)
        .description("connections open now")
        .register(registry);
  }
}
