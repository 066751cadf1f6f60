package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.dsa110.contimg.deploy.HubHarness.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests made from the served document alone, as a client written from it would make them,
 * against a real hub: every documented parameter of every operation is taken, every list answers
 * CSV, a value outside an enum or a range is refused naming the parameter, an undeclared parameter
 * is refused naming it, a write needs the token and names a missing required field. Every problem
 * is collected, so one run reports all of them.
 */
@ExtendWith(VertxExtension.class)
class ContractConformanceTest {
  private static final String TOKEN = "contract";
  private static final List<String> METHODS = List.of("get", "post", "patch");

  @TempDir Path stateDir;

  private JsonObject document;
  private HubHarness http;
  private final List<String> problems = new ArrayList<>();
  private int requests;

  @Test
  void everyOperationAnswersAsItsDocumentSays(Vertx vertx) throws Exception {
    http = HubHarness.startHub(vertx, stateDir, Map.of("CONTIMG_API_TOKEN", TOKEN));
    document = await(http.get("/api/v1/openapi.json")).body();
    int operations = 0;
    for (String path : document.getJsonObject("paths").fieldNames()) {
      JsonObject item = document.getJsonObject("paths").getJsonObject(path);
      for (String method : METHODS) {
        JsonObject operation = item.getJsonObject(method);
        if (operation == null || operation.getString("x-bus-address") == null) {
          continue;
        }
        operations++;
        if (method.equals("get")) {
          checkRead(path, operation);
        } else {
          checkWrite(method, path, operation);
        }
      }
    }
    assertThat(problems).as("what the hub answered otherwise than its document says").isEmpty();
    assertThat(operations).as("operations bound to the bus").isGreaterThanOrEqualTo(27);
    assertThat(requests).as("requests made").isGreaterThan(200);
  }

  private void checkRead(String path, JsonObject operation) throws Exception {
    String id = operation.getString("operationId");
    List<JsonObject> parameters = parameters(operation);
    // the required parameters and those with an example: together they make a request the owner's
    // rules across
    // parameters take too (a cone needs ra, dec and radius; a coverage end after its start)
    Map<String, String> required = new LinkedHashMap<>();
    for (JsonObject parameter : parameters) {
      if ("query".equals(parameter.getString("in"))
          && (parameter.getBoolean("required", false) || parameter.containsKey("example"))) {
        required.put(parameter.getString("name"), valid(parameter));
      }
    }
    String target = withPathParameters(path, parameters);
    Response base = get(target, required);
    expect(id + " with its required and exemplified parameters", base, List.of(200, 404));
    for (JsonObject parameter : parameters) {
      if (!"query".equals(parameter.getString("in"))) {
        continue;
      }
      String name = parameter.getString("name");
      JsonObject schema = parameter.getJsonObject("schema");
      Response taken = get(target, with(required, name, valid(parameter)));
      if (taken.status() == 400
          && (message(taken).contains("unknown field")
              || message(taken).contains("not a parameter"))) {
        problems.add(id + ": documented parameter " + name + " refused: " + message(taken));
      }
      if (taken.status() >= 500) {
        problems.add(
            id
                + ": "
                + name
                + "="
                + valid(parameter)
                + " answered "
                + taken.status()
                + " "
                + message(taken));
      }
      if (schema.containsKey("enum")) {
        refused(id, target, with(required, name, "zz_outside_the_enum"), name);
      }
      if (schema.containsKey("maximum")) {
        refused(
            id,
            target,
            with(required, name, number(schema.getNumber("maximum").doubleValue() + 1, schema)),
            name);
      }
      if (schema.containsKey("minimum")) {
        refused(
            id,
            target,
            with(required, name, number(schema.getNumber("minimum").doubleValue() - 1, schema)),
            name);
      }
      if ("integer".equals(schema.getString("type"))) {
        refused(id, target, with(required, name, "1.5"), name);
      }
      if ("boolean".equals(schema.getString("type"))) {
        for (String flag : List.of("true", "false", "1", "0")) {
          Response answer = get(target, with(required, name, flag));
          if (answer.status() == 400 && message(answer).startsWith(name + ":")) {
            problems.add(id + ": " + name + "=" + flag + " refused: " + message(answer));
          }
        }
        refused(id, target, with(required, name, "maybe"), name);
      }
    }
    refused(id, target, with(required, "zz_undeclared", "1"), "zz_undeclared");
    if (operation.getString("x-rows") != null) {
      HubHarness.Text csv = await(http.text(uri(target, with(required, "format", "csv"))));
      requests++;
      if (base.status() == 200
          && (csv.status() != 200 || !csv.contentType().startsWith("text/csv"))) {
        problems.add(
            id
                + ": ?format=csv answered "
                + csv.status()
                + " "
                + csv.contentType()
                + ": "
                + csv.body());
      }
    }
  }

  private void checkWrite(String method, String path, JsonObject operation) throws Exception {
    String id = operation.getString("operationId");
    String target = withPathParameters(path, parameters(operation));
    HttpMethod verb = HttpMethod.valueOf(method.toUpperCase(Locale.ROOT));
    Response anonymous = await(http.call(verb, target, null, new JsonObject()));
    requests++;
    if (anonymous.status() != 401) {
      problems.add(
          id + ": without the token answered " + anonymous.status() + " " + message(anonymous));
    }
    JsonObject body = requestSchema(operation);
    if (body == null) {
      return;
    }
    JsonArray required = body.getJsonArray("required", new JsonArray());
    if (!required.isEmpty()) {
      Response empty = await(http.call(verb, target, TOKEN, new JsonObject()));
      requests++;
      if (empty.status() != 400
          || required.stream().noneMatch(field -> message(empty).startsWith(field + ":"))) {
        problems.add(
            id
                + ": an empty body answered "
                + empty.status()
                + " "
                + message(empty)
                + " (required: "
                + required
                + ")");
      }
    }
    if (Boolean.FALSE.equals(body.getValue("additionalProperties"))) {
      Response extra =
          await(http.call(verb, target, TOKEN, new JsonObject().put("zz_undeclared", 1)));
      requests++;
      if (extra.status() != 400 || !message(extra).contains("zz_undeclared")) {
        problems.add(
            id + ": an undeclared body field answered " + extra.status() + " " + message(extra));
      }
    }
  }

  private void refused(String id, String target, Map<String, String> query, String name)
      throws Exception {
    Response answer = get(target, query);
    if (answer.status() != 400 || !message(answer).startsWith(name + ":")) {
      problems.add(
          id
              + ": "
              + query
              + " answered "
              + answer.status()
              + " "
              + message(answer)
              + ", not a 400 naming "
              + name);
    }
  }

  private void expect(String what, Response answer, List<Integer> statuses) {
    if (!statuses.contains(answer.status())) {
      problems.add(what + " answered " + answer.status() + " " + message(answer));
    }
  }

  private Response get(String target, Map<String, String> query) throws Exception {
    requests++;
    return await(http.get(uri(target, query)));
  }

  private static String uri(String target, Map<String, String> query) {
    return query.isEmpty()
        ? target
        : target
            + "?"
            + query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
  }

  private static Map<String, String> with(Map<String, String> base, String name, String value) {
    Map<String, String> query = new LinkedHashMap<>(base);
    query.put(name, value);
    return query;
  }

  /**
   * A value the parameter's schema takes: its example, default or first enum value, else one of its
   * type in range.
   */
  private static String valid(JsonObject parameter) {
    JsonObject schema = parameter.getJsonObject("schema");
    Object example = parameter.getValue("example");
    if (example == null && schema.getJsonArray("examples") != null) {
      example = schema.getJsonArray("examples").getValue(0);
    }
    if (example == null) {
      example = schema.getValue("default");
    }
    if (example == null && schema.getJsonArray("enum") != null) {
      example = schema.getJsonArray("enum").getValue(0);
    }
    if (example != null) {
      return String.valueOf(example);
    }
    return switch (schema.getString("type")) {
      case "integer", "number" -> number(schema.getNumber("minimum", 1).doubleValue(), schema);
      case "boolean" -> "true";
      default -> "x";
    };
  }

  private static String number(double value, JsonObject schema) {
    return "integer".equals(schema.getString("type"))
        ? String.valueOf((long) value)
        : String.valueOf(value);
  }

  private String withPathParameters(String path, List<JsonObject> parameters) {
    String target = path;
    for (JsonObject parameter : parameters) {
      if ("path".equals(parameter.getString("in"))) {
        target = target.replace("{" + parameter.getString("name") + "}", encode(valid(parameter)));
      }
    }
    return target;
  }

  private List<JsonObject> parameters(JsonObject operation) {
    List<JsonObject> parameters = new ArrayList<>();
    for (Object parameter : operation.getJsonArray("parameters", new JsonArray())) {
      parameters.add(resolve((JsonObject) parameter));
    }
    return parameters;
  }

  private JsonObject requestSchema(JsonObject operation) {
    JsonObject body = operation.getJsonObject("requestBody");
    if (body == null) {
      return null;
    }
    return resolve(
        resolve(body)
            .getJsonObject("content")
            .getJsonObject("application/json")
            .getJsonObject("schema"));
  }

  private JsonObject resolve(JsonObject maybeReference) {
    return ContractTables.resolve(document, maybeReference);
  }

  private static String message(Response response) {
    return response.body().getString("message", "");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
