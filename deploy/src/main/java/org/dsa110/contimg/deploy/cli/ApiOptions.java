package org.dsa110.contimg.deploy.cli;

import picocli.CommandLine.Option;

/** How every operator command reaches the running hub, and how it prints what it got. */
final class ApiOptions {
  @Option(
      names = "--url",
      defaultValue = "http://127.0.0.1:8080",
      description = "the hub's HTTP address (default: ${DEFAULT-VALUE})")
  String url;

  @Option(
      names = "--token",
      defaultValue = "${env:CONTIMG_API_TOKEN}",
      description =
          "bearer token for writes (default: $CONTIMG_API_TOKEN; prefer the environment: arguments show in ps)")
  String token;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table, json or csv (default: ${DEFAULT-VALUE})")
  Table output;

  HubApi api() {
    return new HubApi(url, token);
  }
}
