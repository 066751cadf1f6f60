package org.dsa110.contimg.deploy.cli;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --limit} and {@code --offset} of every list command, as the API's query parameters. */
final class Paging {
  @Option(names = "--limit", defaultValue = "50", description = "1-500 (default: ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--offset", defaultValue = "0")
  int offset;

  /** A query to add the command's own filters to (null ones are left out of the request). */
  Map<String, Object> query() {
    return new HashMap<>(Map.of("limit", limit, "offset", offset));
  }
}
