package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.dsa110.contimg.common.config.BuildInfo;
import org.junit.jupiter.api.Test;

/**
 * --version says which build this is: the project's version as Maven wrote it, never a blank line.
 */
class VersionTest {
  @Test
  void versionPrintsTheBuildsVersion() {
    StringWriter out = new StringWriter();
    int exit = HubCommand.commandLine().setOut(new PrintWriter(out)).execute("--version");
    assertThat(exit).isZero();
    assertThat(BuildInfo.version())
        .as("filtered from the pom at build time")
        .matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(out.toString().strip()).isEqualTo("contimg-hub " + BuildInfo.version());
  }
}
