package org.dsa110.contimg.common.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hub's configuration: built-in defaults, then the file named by {@code CONTIMG_CONFIG} (JSON
 * or YAML), then environment variables. Every key of the defaults can be set from the environment:
 * the variable is {@code CONTIMG_} plus the key's path in capitals with dots as underscores ({@code
 * http.port} is {@code CONTIMG_HTTP_PORT}). Unknown keys and values of the wrong type are refused,
 * naming the key.
 */
public final class HubConfig {
  public static final String CONFIG_FILE_VARIABLE = "CONTIMG_CONFIG";

  /**
   * Variables that are not config keys: the config file, logback's level and format, the systemd
   * unit's arguments, and the Python client's test harness (which starts hubs with its own
   * environment).
   */
  private static final Set<String> OTHER_VARIABLES =
      Set.of(
          CONFIG_FILE_VARIABLE,
          "CONTIMG_LOG_LEVEL",
          "CONTIMG_LOG_FORMAT",
          "CONTIMG_ARGS",
          "CONTIMG_HUB_JAR",
          "CONTIMG_HUB_COMMAND");

  private static final String DEFAULTS_RESOURCE = "contimg-defaults.json";

  private HubConfig() {}

  /** The built-in defaults: every key there is. */
  public static JsonObject defaults() {
    try (InputStream in = HubConfig.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the file named in the environment (if any) through vertx-config, then applies the
   * environment.
   */
  public static Future<JsonObject> load(Vertx vertx, Map<String, String> env) {
    String file = env.get(CONFIG_FILE_VARIABLE);
    if (file == null || file.isBlank()) {
      return Future.succeededFuture(resolve(new JsonObject(), env));
    }
    String format = file.endsWith(".yaml") || file.endsWith(".yml") ? "yaml" : "json";
    ConfigStoreOptions store =
        new ConfigStoreOptions()
            .setType("file")
            .setFormat(format)
            .setConfig(new JsonObject().put("path", file));
    ConfigRetriever retriever =
        ConfigRetriever.create(
            vertx, new ConfigRetrieverOptions().addStore(store).setScanPeriod(-1));
    return retriever
        .getConfig()
        .recover(
            failure ->
                Future.failedFuture(
                    new ConfigException(
                        "config file "
                            + file
                            + " ("
                            + CONFIG_FILE_VARIABLE
                            + "): "
                            + rootMessage(failure))))
        .map(fromFile -> resolve(fromFile, env))
        .eventually(retriever::close);
  }

  /**
   * Defaults, overlaid with the file's values and then the environment's, each checked against the
   * default's type.
   */
  public static JsonObject resolve(JsonObject fromFile, Map<String, String> env) {
    JsonObject merged = defaults();
    overlay(merged, fromFile, "");
    refuseUnknownVariables(merged, env);
    applyEnvironment(merged, "", env);
    return merged;
  }

  /**
   * A mistyped variable is refused like a mistyped key: {@code CONTIMG_INGEST_WACH_DIR} once gave a
   * hub without a watcher, silently. Besides the keys' own variables the hub's process may see
   * those its launchers use.
   */
  private static void refuseUnknownVariables(JsonObject config, Map<String, String> env) {
    Set<String> known = new TreeSet<>(OTHER_VARIABLES);
    collectVariables(config, "", known);
    for (String name : new TreeSet<>(env.keySet())) {
      if (name.startsWith("CONTIMG_") && !known.contains(name)) {
        String closest =
            known.stream()
                .min(Comparator.comparingInt(candidate -> editDistance(name, candidate)))
                .orElseThrow();
        throw new ConfigException(
            "unknown environment variable "
                + name
                + (editDistance(name, closest) <= 3 ? " (did you mean " + closest + "?)" : "")
                + "; every CONTIMG_ variable names a config key (see README, Configuration)");
      }
    }
  }

  private static void collectVariables(JsonObject section, String prefix, Set<String> into) {
    for (String key : section.fieldNames()) {
      if (section.getValue(key) instanceof JsonObject inner) {
        collectVariables(inner, prefix + key + ".", into);
      } else {
        into.add(envName(prefix + key));
      }
    }
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] current = new int[b.length() + 1];
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      previous = current;
    }
    return previous[b.length()];
  }

  public static String envName(String keyPath) {
    return "CONTIMG_" + keyPath.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  private static void overlay(JsonObject target, JsonObject source, String prefix) {
    for (String key : source.fieldNames()) {
      String path = prefix + key;
      if (!target.containsKey(key)) {
        throw new ConfigException("unknown config key " + path);
      }
      Object current = target.getValue(key);
      Object value = source.getValue(key);
      if (current instanceof JsonObject section) {
        if (!(value instanceof JsonObject given)) {
          throw new ConfigException("config key " + path + " must be an object");
        }
        overlay(section, given, path + ".");
      } else {
        target.put(key, checked(path, current, value));
      }
    }
  }

  private static void applyEnvironment(JsonObject target, String prefix, Map<String, String> env) {
    for (String key : target.fieldNames()) {
      String path = prefix + key;
      Object current = target.getValue(key);
      if (current instanceof JsonObject section) {
        applyEnvironment(section, path + ".", env);
        continue;
      }
      String raw = env.get(envName(path));
      if (raw != null) {
        target.put(key, parseEnvironment(path, current, raw));
      }
    }
  }

  private static Object parseEnvironment(String path, Object current, String raw) {
    if (current instanceof JsonArray) {
      return new JsonArray(
          Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
    if (current instanceof Boolean) {
      if (!raw.equals("true") && !raw.equals("false")) {
        throw invalid(path, "true or false", raw);
      }
      return Boolean.parseBoolean(raw);
    }
    if (current instanceof Integer || current instanceof Long) {
      try {
        return Integer.parseInt(raw.strip());
      } catch (NumberFormatException e) {
        throw invalid(path, "an integer", raw);
      }
    }
    if (current instanceof Number) {
      try {
        return Double.parseDouble(raw.strip());
      } catch (NumberFormatException e) {
        throw invalid(path, "a number", raw);
      }
    }
    return raw.isEmpty() ? null : raw;
  }

  private static Object checked(String path, Object current, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String text && !(current instanceof String) && current != null) {
      // a quoted value in the file ("8080", 'true') is read as the same text in the environment
      // would be
      return parseEnvironment(path, current, text);
    }
    boolean ok;
    String expected;
    if (current instanceof Integer || current instanceof Long) {
      ok = value instanceof Integer || value instanceof Long;
      expected = "an integer";
    } else if (current instanceof Number) {
      ok = value instanceof Number;
      expected = "a number";
    } else if (current instanceof Boolean) {
      ok = value instanceof Boolean;
      expected = "true or false";
    } else if (current instanceof JsonArray) {
      ok = value instanceof JsonArray;
      expected = "a list";
    } else if (value instanceof Number number) {
      // a text key given as a bare YAML/JSON number (a floor of 0.01, a numeric token) means that
      // text
      return number.toString();
    } else {
      ok = value instanceof String;
      expected = "a string";
    }
    if (!ok) {
      throw invalid(path, expected, String.valueOf(value));
    }
    return value;
  }

  private static ConfigException invalid(String path, String expected, String got) {
    return new ConfigException(
        "config key "
            + path
            + " ("
            + envName(path)
            + ") must be "
            + expected
            + ", got '"
            + got
            + "'");
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
