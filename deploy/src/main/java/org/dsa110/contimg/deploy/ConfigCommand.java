package org.dsa110.contimg.deploy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.dsa110.contimg.common.config.ConfigException;
import org.dsa110.contimg.common.config.HubConfig;
import picocli.CommandLine.Command;

/**
 * {@code config print}: the configuration the hub would start with, from the same sources, secrets
 * masked.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "The effective configuration.",
    subcommands = ConfigCommand.Print.class)
final class ConfigCommand {

  @Command(
      name = "print",
      mixinStandardHelpOptions = true,
      description =
          "Print the configuration the hub would start with (defaults, CONTIMG_CONFIG, CONTIMG_ variables) as JSON; "
              + "tokens and webhooks show as \"***\" when set.")
  static final class Print implements Callable<Integer> {
    private static final String MASK = "***";

    @Override
    public Integer call() throws Exception {
      Vertx vertx = Vertx.vertx();
      try {
        JsonObject config = HubConfig.load(vertx, System.getenv()).await(60, TimeUnit.SECONDS);
        System.out.println(masked(config).encodePrettily());
        return 0;
      } catch (ConfigException e) {
        System.err.println("cannot read the configuration: " + e.getMessage());
        return 2;
      } finally {
        vertx.close().await();
      }
    }

    /** "#channel=url" keeps its channel. */
    private static String maskedEntry(Object entry) {
      String text = String.valueOf(entry);
      int equals = text.indexOf('=');
      return equals < 0 ? MASK : text.substring(0, equals + 1) + MASK;
    }

    /** A key naming a token or a webhook keeps only whether it is set. */
    static JsonObject masked(JsonObject section) {
      JsonObject copy = new JsonObject();
      for (String key : section.fieldNames()) {
        Object value = section.getValue(key);
        boolean secret =
            key.contains("token") && !key.startsWith("reads_require") || key.contains("webhook");
        if (value instanceof JsonObject inner) {
          copy.put(key, masked(inner));
        } else if (secret && value instanceof JsonArray list) {
          copy.put(
              key, new JsonArray(list.stream().map(ConfigCommand.Print::maskedEntry).toList()));
        } else if (secret && value != null && !"".equals(value)) {
          copy.put(key, MASK);
        } else {
          copy.put(key, value);
        }
      }
      return copy;
    }
  }
}
