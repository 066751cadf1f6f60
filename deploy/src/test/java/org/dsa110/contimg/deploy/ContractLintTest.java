package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The document a running hub serves is the one in the repository, passes a standard linter
 * (Redocly's recommended rules), and generates a client that compiles: openapi-typescript's types
 * used through openapi-fetch, checked by tsc --strict, including calls that must not compile (an
 * enum value outside its enum, a path that does not exist). The Node.js tools are those .ci/run
 * installs into .ci/contract at the versions its package-lock.json pins.
 */
@ExtendWith(VertxExtension.class)
class ContractLintTest {
  private static final Path TOOLS = ContractTables.REPO.resolve(".ci/contract/node_modules");

  @TempDir Path work;

  @Test
  void theServedDocumentIsTheRepositorysLintCleanAndGeneratesACompilingClient(Vertx vertx)
      throws Exception {
    HubHarness http = HubHarness.startHub(vertx, work.resolve("state"), Map.of());
    HubHarness.Text yaml = await(http.text("/api/v1/openapi.yaml"));
    assertThat(yaml.status()).isEqualTo(200);
    assertThat(yaml.body()).isEqualTo(ContractTables.read(ContractTables.CONTRACT));
    assertThat(await(http.get("/api/v1/openapi.json")).body()).isEqualTo(ContractTables.contract());
    Path served = work.resolve("openapi.yaml");
    Files.writeString(served, yaml.body());

    assertThat(TOOLS.resolve(".bin/redocly"))
        .as("the contract tools: bash .ci/run installs them (npm ci --prefix .ci/contract)")
        .exists();
    String lint =
        run(
            List.of(
                TOOLS.resolve(".bin/redocly").toString(),
                "lint",
                "--config",
                TOOLS.resolveSibling("redocly.yaml").toString(),
                "--format=stylish",
                served.toString()));
    // (Redocly also prints a banner about Node.js 20 that says "warning"; a finding is a
    // line:column row)
    assertThat(lint)
        .as("redocly lint")
        .startsWith("exit 0:")
        .contains("Your API description is valid")
        .doesNotContainPattern("(?m)^\\s+\\d+:\\d+\\s+(error|warning)\\s")
        .doesNotContain("You have");

    Files.copy(Path.of("src/test/resources/contract/client.ts"), work.resolve("client.ts"));
    Files.createSymbolicLink(work.resolve("node_modules"), TOOLS);
    assertThat(
            run(
                List.of(
                    TOOLS.resolve(".bin/openapi-typescript").toString(),
                    served.toString(),
                    "-o",
                    work.resolve("api.d.ts").toString())))
        .startsWith("exit 0:");
    String compiled =
        run(
            List.of(
                TOOLS.resolve(".bin/tsc").toString(),
                "--noEmit",
                "--strict",
                "--target",
                "es2022",
                "--module",
                "esnext",
                "--moduleResolution",
                "bundler",
                "client.ts"));
    assertThat(compiled)
        .as("tsc --strict on a client of the generated types")
        .isEqualTo("exit 0: ");
  }

  /** A tool's exit status and what it printed, within two minutes. */
  private String run(List<String> command) throws IOException, InterruptedException {
    Path output = Files.createTempFile(work, "tool", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put("REDOCLY_TELEMETRY", "off");
    builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    builder.environment().put("NO_COLOR", "1");
    Process tool = builder.start();
    assertThat(tool.waitFor(2, TimeUnit.MINUTES))
        .as(command.get(0) + " finished within 2 minutes")
        .isTrue();
    return "exit "
        + tool.exitValue()
        + ": "
        + Files.readString(output, StandardCharsets.UTF_8).strip();
  }
}
