package org.dsa110.contimg.deploy;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hub in a JVM of its own, started from the test's classpath, so it can be killed like a real
 * process.
 */
final class ChildHub implements AutoCloseable {
  private final Process process;

  private ChildHub(Process process) {
    this.process = process;
  }

  static ChildHub start(Path log, Map<String, String> env, String... args) throws IOException {
    return start(log, List.of("-Xmx256m"), env, args);
  }

  /** With JVM options of the test's choosing (a heap bound, -XX:+ExitOnOutOfMemoryError). */
  static ChildHub start(Path log, List<String> jvmOptions, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), HubCommand.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    return new ChildHub(builder.start());
  }

  /** Waits until something accepts connections on the port (or the process dies). */
  void awaitPort(int port, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the hub exited with " + process.exitValue());
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("the hub did not open port " + port + " within " + timeout);
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  Process process() {
    return process;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
