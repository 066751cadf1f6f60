package org.dsa110.contimg.deploy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.dsa110.contimg.common.bus.BusOperation;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What the README and the Python client say of the API, rendered from the two declarations: the
 * HTTP table from {@code openapi.yaml}, the bus table and the client's {@code bus_operations.json}
 * from {@link BusOperation}.
 */
final class ContractTables {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path CONTRACT = REPO.resolve("gateway/src/main/resources/openapi.yaml");
  static final Path README = REPO.resolve("README.md");
  static final Path PYTHON_OPERATIONS =
      REPO.resolve("clients/python/src/contimg_hub/bus_operations.json");
  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

  private ContractTables() {}

  static JsonObject contract() throws IOException {
    Map<String, Object> parsed =
        new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(CONTRACT));
    return new JsonObject(parsed);
  }

  /**
   * One row per operation, in the document's order: the request, who may send it, the bus
   * operation, what it does.
   */
  static String httpTable(JsonObject contract) {
    StringBuilder table =
        new StringBuilder(
            "| operation | parameters | token | bus | what |\n|---|---|---|---|---|\n");
    contract
        .getJsonObject("paths")
        .forEach(
            path -> {
              JsonObject item = (JsonObject) path.getValue();
              for (String method : METHODS) {
                JsonObject operation = item.getJsonObject(method);
                if (operation == null) {
                  continue;
                }
                String address = operation.getString("x-bus-address");
                table
                    .append("| `")
                    .append(method.toUpperCase(Locale.ROOT))
                    .append(' ')
                    .append(path.getKey())
                    .append("` (")
                    .append(operation.getString("operationId"))
                    .append(") | ")
                    .append(parameters(contract, item, operation))
                    .append(" | ")
                    .append(token(operation))
                    .append(" | ")
                    .append(address == null ? "" : "`" + address + "`")
                    .append(" | ")
                    .append(cell(operation.getString("summary")))
                    .append(" |\n");
              }
            });
    return table.toString();
  }

  private static String parameters(JsonObject contract, JsonObject item, JsonObject operation) {
    List<String> names = new ArrayList<>();
    for (JsonArray list :
        Arrays.asList(item.getJsonArray("parameters"), operation.getJsonArray("parameters"))) {
      if (list == null) {
        continue;
      }
      for (Object entry : list) {
        JsonObject parameter = resolve(contract, (JsonObject) entry);
        if ("query".equals(parameter.getString("in"))) {
          names.add("`" + parameter.getString("name") + "`");
        }
      }
    }
    return String.join(", ", names);
  }

  private static String token(JsonObject operation) {
    JsonArray security = operation.getJsonArray("security");
    if (security == null || security.isEmpty()) {
      return "no";
    }
    return security.stream().anyMatch(requirement -> ((JsonObject) requirement).isEmpty())
        ? "if reads need it"
        : "yes";
  }

  /** What a {@code $ref} into the document points at, or the object itself when it is none. */
  static JsonObject resolve(JsonObject contract, JsonObject maybeReference) {
    String reference = maybeReference.getString("$ref");
    if (reference == null) {
      return maybeReference;
    }
    JsonObject target = contract;
    for (String part : reference.replaceFirst("^#/", "").split("/")) {
      target = target.getJsonObject(part);
    }
    return target;
  }

  private static String cell(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ").replace("|", "\\|");
  }

  /**
   * Every bus operation: its owner, whether it writes, who may send it, and the HTTP operations
   * that forward to it.
   */
  static String busTable(JsonObject contract) {
    Map<String, List<String>> forwarded = new TreeMap<>();
    contract
        .getJsonObject("paths")
        .forEach(
            path -> {
              JsonObject item = (JsonObject) path.getValue();
              for (String method : METHODS) {
                JsonObject operation = item.getJsonObject(method);
                if (operation != null && operation.getString("x-bus-address") != null) {
                  forwarded
                      .computeIfAbsent(operation.getString("x-bus-address"), a -> new ArrayList<>())
                      .add("`" + method.toUpperCase(Locale.ROOT) + " " + path.getKey() + "`");
                }
              }
            });
    StringBuilder table =
        new StringBuilder(
            "| address | owner | kind | who may send it | over HTTP |\n|---|---|---|---|---|\n");
    for (BusOperation operation : BusOperation.values()) {
      table
          .append("| `")
          .append(operation.address())
          .append("` | ")
          .append(operation.owner().displayName())
          .append(" | ")
          .append(operation.kind().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(reach(operation.reach()))
          .append(" | ")
          .append(String.join(", ", forwarded.getOrDefault(operation.address(), List.of())))
          .append(" |\n");
    }
    return table.toString();
  }

  private static String reach(BusOperation.Reach reach) {
    return switch (reach) {
      case INTERNAL -> "the hub's own verticles";
      case PIPELINE -> "pipeline (TCP bridge)";
      case BROWSER -> "pipeline, browsers (SockJS)";
    };
  }

  /**
   * The table as the Python client reads it: which operations exist, whose, whether they write, how
   * far they reach.
   */
  static String pythonOperations() {
    JsonArray operations =
        new JsonArray(
            Arrays.stream(BusOperation.values())
                .map(
                    operation ->
                        new JsonObject()
                            .put("address", operation.address())
                            .put("owner", operation.owner().displayName())
                            .put("kind", operation.kind().name().toLowerCase(Locale.ROOT))
                            .put("reach", operation.reach().name().toLowerCase(Locale.ROOT)))
                .collect(Collectors.toList()));
    return new JsonObject()
            .put(
                "generated_from",
                "common/src/main/java/org/dsa110/contimg/common/bus/BusOperation.java by ContractDocumentsTest")
            .put("operations", operations)
            .encodePrettily()
        + "\n";
  }

  /** The text between {@code <!-- generated: name -->} and {@code <!-- end: name -->}. */
  static String section(String document, String name) {
    String begin = "<!-- generated: " + name + " -->\n";
    String end = "<!-- end: " + name + " -->";
    int from = document.indexOf(begin);
    int to = document.indexOf(end);
    if (from < 0 || to < from) {
      throw new AssertionError("README.md has no section " + begin.strip() + " ... " + end);
    }
    return document.substring(from + begin.length(), to);
  }

  static String withSection(String document, String name, String content) {
    String begin = "<!-- generated: " + name + " -->\n";
    int from = document.indexOf(begin) + begin.length();
    int to = document.indexOf("<!-- end: " + name + " -->");
    return document.substring(0, from) + content + document.substring(to);
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
