package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Python client's own test suite (pytest, {@code clients/python/tests}): it starts real hubs in
 * child JVMs on this test's classpath (so it needs no packaged jar), kills and restarts them, and
 * drives the client against them.
 *
 * <p>It runs in the virtual environment {@code .ci/run} makes ({@code clients/python/.venv}, the
 * package installed by {@code pip install ./clients/python}); without one, in the machine's python3
 * with the source tree on PYTHONPATH. It is skipped only when python3 or pytest is missing, and
 * never on CI ({@code CI=true}), where .ci/run installs them.
 */
class PythonClientTest {
  private static final Path CLIENT_DIR =
      Path.of("..", "clients", "python").toAbsolutePath().normalize();
  private static final Path VENV_PYTHON =
      CLIENT_DIR.resolve(".venv").resolve("bin").resolve("python");
  private static final Path LOG = Path.of("target", "python-client-tests.log").toAbsolutePath();
  private static final long TIMEOUT_MINUTES = 20;

  private record Python(String executable, boolean installed) {}

  @Test
  void thePytestSuitePassesAgainstRealHubs() throws Exception {
    Python python = python();
    List<String> command =
        new ArrayList<>(
            List.of(
                python.executable(),
                "-m",
                "pytest",
                "-p",
                "no:cacheprovider",
                "-q",
                "-rfEs",
                "--junitxml=" + Path.of("target", "python-client-tests.xml").toAbsolutePath(),
                "tests"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(CLIENT_DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(LOG.toFile());
    Map<String, String> env = builder.environment();
    env.put("CONTIMG_HUB_COMMAND", hubCommand());
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    env.put("PYTHONUNBUFFERED", "1");
    if (!python.installed()) {
      env.put("PYTHONPATH", CLIENT_DIR.resolve("src").toString());
    }
    Files.createDirectories(LOG.getParent());
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail(
          "pytest did not finish within "
              + TIMEOUT_MINUTES
              + " minutes:\n"
              + tail(Files.readString(LOG)));
    }
    String output = Files.readString(LOG, StandardCharsets.UTF_8);
    System.out.println(
        "pytest ("
            + python.executable()
            + (python.installed() ? ", installed package" : ", source tree")
            + "):\n"
            + tail(output));
    assertThat(process.exitValue()).as("pytest failed (%s):%n%s", LOG, tail(output)).isZero();
    assertThat(output).as("pytest ran no test:%n%s", output).containsPattern("\\d+ passed");
  }

  /**
   * The venv's python if .ci/run made one, else python3 with pytest; a skip only off CI when
   * neither exists.
   */
  private static Python python() throws InterruptedException {
    if (Files.isExecutable(VENV_PYTHON)) {
      return new Python(VENV_PYTHON.toString(), true);
    }
    boolean onCi = "true".equalsIgnoreCase(System.getenv("CI"));
    String why;
    try {
      Process probe =
          new ProcessBuilder("python3", "-c", "import pytest").redirectErrorStream(true).start();
      if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
        return new Python("python3", false);
      }
      why = "python3 has no pytest";
    } catch (IOException e) {
      why = "python3 is not installed";
    }
    if (onCi) {
      fail(
          why
              + " and "
              + VENV_PYTHON
              + " does not exist: .ci/run makes it before running the tests");
    }
    assumeTrue(
        false, why + ": the Python client's tests cannot run (.ci/run installs what they need)");
    throw new AssertionError("unreachable");
  }

  /**
   * A hub in a JVM of its own on this test's classpath, as ChildHub starts one; pytest adds ports
   * and state.
   */
  private static String hubCommand() {
    return new JsonArray(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                HubCommand.class.getName()))
        .encode();
  }

  private static String tail(String output) {
    int max = 30_000;
    return output.length() <= max ? output : "...\n" + output.substring(output.length() - max);
  }
}
