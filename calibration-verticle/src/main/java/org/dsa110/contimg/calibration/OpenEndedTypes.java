package org.dsa110.contimg.calibration;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The table types that have an open-ended table (valid until superseded), which lookups must search
 * for apart from the windows LongestWindow bounds. The owner is the only writer, so it knows them;
 * the set only grows here, which keeps it safe (a type searched in vain, never an open-ended table
 * missed), and a registry without open ends costs lookups nothing.
 */
final class OpenEndedTypes {
  private final Set<String> types = ConcurrentHashMap.newKeySet();

  OpenEndedTypes(Set<String> initial) {
    types.addAll(initial);
  }

  Set<String> types() {
    return Set.copyOf(types);
  }

  void add(String type) {
    types.add(type);
  }
}
