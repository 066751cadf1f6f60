package org.dsa110.contimg.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The HTTP API's one declaration, {@code openapi.yaml}: the router is built from it, requests are
 * validated against it, an operation's {@code x-bus-address} names the owner's operation it
 * forwards to, and the document is served as written (YAML, and the same as JSON).
 */
record ApiContract(OpenAPIContract contract, Buffer yaml, Buffer json) {
  static final String RESOURCE = "openapi.yaml";

  /** The {@link org.dsa110.contimg.common.bus.BusOperation} an operation forwards to. */
  static final String BUS_ADDRESS = "x-bus-address";

  /** HTTP parameter name to the owner's field name, where they differ. */
  static final String BUS_FIELDS = "x-bus-fields";

  /** The reply's field holding the rows, for a list that answers {@code ?format=csv}. */
  static final String ROWS = "x-rows";

  static Future<ApiContract> load(Vertx vertx) {
    return vertx
        .executeBlocking(() -> vertx.fileSystem().readFileBlocking(RESOURCE), false)
        .compose(
            yaml -> {
              JsonObject document = parse(yaml);
              return OpenAPIContract.from(vertx, loadable(document))
                  .map(contract -> new ApiContract(contract, yaml, document.toBuffer()));
            });
  }

  private static JsonObject parse(Buffer yaml) {
    Map<String, Object> parsed =
        new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml.toString());
    return new JsonObject(parsed);
  }

  /**
   * The document as vertx-openapi 5.0.8 can load it, which is all the router needs (it validates
   * requests, not responses): without {@code servers}, whose {@code url: /} it refuses as
   * "malformed" though it is the default server, and without the response media types it does not
   * know (text/csv, application/yaml, images), which it refuses too. The document is served as
   * written.
   */
  static JsonObject loadable(JsonObject document) {
    JsonObject loadable = document.copy();
    loadable.remove("servers");
    JsonObject paths = loadable.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String member : item.fieldNames()) {
        if (item.getValue(member) instanceof JsonObject operation
            && operation.getValue("responses") instanceof JsonObject responses) {
          for (String status : responses.fieldNames()) {
            withoutUnknownMediaTypes(responses.getJsonObject(status));
          }
        }
      }
    }
    return loadable;
  }

  private static void withoutUnknownMediaTypes(JsonObject response) {
    if (response.getValue("content") instanceof JsonObject content) {
      content.getMap().keySet().removeIf(type -> !MediaType.isMediaTypeSupported(type));
      if (content.isEmpty()) {
        response.remove("content");
      }
    }
  }

  static Optional<String> busAddress(Operation operation) {
    return Optional.ofNullable((String) operation.getExtensions().get(BUS_ADDRESS));
  }

  static Optional<String> rows(Operation operation) {
    return Optional.ofNullable((String) operation.getExtensions().get(ROWS));
  }

  static Map<String, String> busFields(Operation operation) {
    Map<String, String> fields = new HashMap<>();
    if (operation.getExtensions().get(BUS_FIELDS) instanceof JsonObject names) {
      names.forEach(entry -> fields.put(entry.getKey(), String.valueOf(entry.getValue())));
    }
    return fields;
  }
}
