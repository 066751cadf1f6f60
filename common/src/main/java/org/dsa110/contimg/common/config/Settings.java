package org.dsa110.contimg.common.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Typed reads of a resolved configuration with range checks; a value out of range is a {@link
 * ConfigException} naming the key, thrown at start-up rather than discovered later.
 */
public final class Settings {
  private final JsonObject root;

  public Settings(JsonObject root) {
    this.root = root;
  }

  public Path stateDir() {
    return Path.of(string("state_dir"));
  }

  public String string(String path) {
    Object value = value(path);
    if (value == null) {
      throw new ConfigException(
          "config key " + path + " (" + HubConfig.envName(path) + ") is required");
    }
    return value.toString();
  }

  public String stringOrNull(String path) {
    Object value = value(path);
    return value == null ? null : value.toString();
  }

  public int integer(String path, int min, int max) {
    int value = ((Number) value(path)).intValue();
    if (value < min || value > max) {
      throw new ConfigException(
          "config key "
              + path
              + " ("
              + HubConfig.envName(path)
              + ") must be between "
              + min
              + " and "
              + max
              + ", got "
              + value);
    }
    return value;
  }

  /** A text value from a fixed set (compared in upper case). */
  public String oneOf(String path, Set<String> allowed) {
    String value = string(path).strip().toUpperCase(Locale.ROOT);
    if (!allowed.contains(value)) {
      throw new ConfigException(
          "config key "
              + path
              + " ("
              + HubConfig.envName(path)
              + ") must be one of "
              + new java.util.TreeSet<>(allowed)
              + ", got '"
              + string(path)
              + "'");
    }
    return value;
  }

  public boolean bool(String path) {
    return Boolean.TRUE.equals(value(path));
  }

  public double positive(String path) {
    double value = ((Number) value(path)).doubleValue();
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new ConfigException(
          "config key "
              + path
              + " ("
              + HubConfig.envName(path)
              + ") must be a positive number, got "
              + value);
    }
    return value;
  }

  public JsonObject root() {
    return root;
  }

  private Object value(String path) {
    JsonObject node = root;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.getJsonObject(parts[i], new JsonObject());
    }
    return node.getValue(parts[parts.length - 1]);
  }
}
