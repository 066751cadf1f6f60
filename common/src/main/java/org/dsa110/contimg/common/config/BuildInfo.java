package org.dsa110.contimg.common.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What this build is: the project version Maven wrote into {@code contimg-build.properties}. */
public final class BuildInfo {
  private static final String VERSION = load().getProperty("version", "unknown");

  private BuildInfo() {}

  public static String version() {
    return VERSION;
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in =
        BuildInfo.class.getClassLoader().getResourceAsStream("contimg-build.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
