package org.dsa110.contimg.common.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbered schema steps of one database. Step 1 is the seed's DDL verbatim (all {@code IF NOT
 * EXISTS}, so a file made by the existing pipeline opens unchanged); step n is recorded as {@code
 * PRAGMA user_version = n}.
 */
public final class Migrations {
  private final List<List<String>> steps;

  private Migrations(List<List<String>> steps) {
    this.steps = List.copyOf(steps);
  }

  /** Loads each classpath resource as one step, in the order given. */
  public static Migrations fromResources(ClassLoader loader, String... resources) {
    List<List<String>> steps = new ArrayList<>();
    for (String resource : resources) {
      steps.add(SqlScript.statements(read(loader, resource)));
    }
    return new Migrations(steps);
  }

  public int latestVersion() {
    return steps.size();
  }

  /** The statements of step {@code version} (1-based). */
  public List<String> step(int version) {
    return steps.get(version - 1);
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing from the build: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
