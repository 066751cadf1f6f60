package org.dsa110.contimg.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The FUSE filesystem of {@code powercut_fs.py} mounted over a folder: data written under the mount
 * point reaches the folder only when fsynced, and a power cut (unmounting, with the process that
 * wrote killed first) throws away everything else. Needs /dev/fuse and Debian's python3-fusepy
 * (.ci/run installs fuse3 and python3-fusepy).
 */
final class PowerCutFilesystem implements AutoCloseable {
  private final Path mountPoint;
  private final Process process;

  private PowerCutFilesystem(Path mountPoint, Process process) {
    this.mountPoint = mountPoint;
    this.process = process;
  }

  /** Skips the test (or, on CI, fails it) where FUSE cannot be used. */
  static void assumeAvailable() throws Exception {
    boolean available =
        Files.exists(Path.of("/dev/fuse"))
            && new ProcessBuilder("/usr/bin/python3", "-c", "import fusepy").start().waitFor() == 0;
    if ("true".equals(System.getenv("CI"))) {
      if (!available) {
        throw new IllegalStateException(
            "the power-cut test needs /dev/fuse and python3-fusepy (apt-get install fuse3 python3-fusepy)");
      }
      return;
    }
    assumeTrue(available, "FUSE or python3-fusepy missing: the power-cut test cannot run here");
  }

  static PowerCutFilesystem mount(Path lower, Path mountPoint, Path log) throws Exception {
    Files.createDirectories(lower);
    Files.createDirectories(mountPoint);
    Path script = Files.createTempFile("powercut_fs", ".py");
    try (var in = PowerCutFilesystem.class.getClassLoader().getResourceAsStream("powercut_fs.py")) {
      Files.write(script, in.readAllBytes());
    }
    Process process =
        new ProcessBuilder(
                "/usr/bin/python3", script.toString(), lower.toString(), mountPoint.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    PowerCutFilesystem filesystem = new PowerCutFilesystem(mountPoint, process);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!filesystem.mounted()) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "the power-cut filesystem did not mount at "
                + mountPoint
                + " within 20 s (see "
                + log
                + ")");
      }
      Thread.sleep(50);
    }
    return filesystem;
  }

  private boolean mounted() throws IOException {
    return Files.readAllLines(Path.of("/proc/mounts")).stream()
        .anyMatch(line -> line.split(" ")[1].equals(mountPoint.toString()));
  }

  /**
   * The power goes: the filesystem is unmounted and its process ends, taking every unsynced byte
   * with it.
   */
  void cut() throws Exception {
    Process unmount =
        new ProcessBuilder("umount", "-l", mountPoint.toString()).redirectErrorStream(true).start();
    if (!unmount.waitFor(20, TimeUnit.SECONDS) || unmount.exitValue() != 0) {
      throw new IllegalStateException(
          "umount "
              + mountPoint
              + " failed: "
              + new String(unmount.getInputStream().readAllBytes()));
    }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      cut();
    }
  }
}
