package org.dsa110.contimg.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A fresh, empty browser profile folder for one test browser, removed with everything in it
 * afterwards.
 */
record BrowserProfile(Path dir) implements AutoCloseable {
  static BrowserProfile create(String browser) throws IOException {
    return new BrowserProfile(Files.createTempDirectory("contimg-" + browser));
  }

  @Override
  public void close() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
