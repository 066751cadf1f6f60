package org.dsa110.contimg.gateway;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request the contract refuses, said the way every other 400 of the hub is: {@code field:
 * problem}. The validator words its refusals for a developer of the validator ("The value of query
 * parameter limit is invalid. Reason: Instance type string is invalid. Expected integer"); here the
 * field is taken from them, the most precise of the schema's errors is chosen and put in words for
 * the caller, with the value a query or path parameter was given.
 */
final class ContractErrors {
  private static final Pattern PARAMETER =
      Pattern.compile("(query|path|header|cookie) parameter (\\S+?)[ .,]");
  private static final Pattern REQUIRED =
      Pattern.compile("required (?:query|path|header|cookie) parameter (\\S+)$");
  private static final Pattern MISSING = Pattern.compile("required property \"([^\"]+)\"");
  private static final Pattern UNDECLARED =
      Pattern.compile("^Property \"[^\"]+\" does not match additional properties schema");

  /** Errors that only say a part failed, whose cause is another error of the same list. */
  private static final Pattern SUMMARY =
      Pattern.compile("(does|did) not match schema$|subschema|\"then\"|\"else\"");

  private static final Pattern ENUM = Pattern.compile("^Instance does not match any of \\[(.*)]$");
  private static final Pattern TYPE =
      Pattern.compile("^Instance type \\S+ is invalid\\. Expected (.+)$");
  private static final Pattern FORMAT = Pattern.compile("^Integer does not match the format");
  private static final Pattern COUNT =
      Pattern.compile("^Array has too (few items|many items) \\(.*[<>] (\\d+)\\)$");
  private static final Pattern LENGTH =
      Pattern.compile("^String is too (short|long) \\(.*[<>] (\\d+)\\)$");

  private ContractErrors() {}

  /**
   * The refusal of the request as {@code field: problem}, or null when its failure is not the
   * validator's.
   */
  static String describe(RoutingContext ctx) {
    ValidatorException refusal = validatorException(ctx.failure());
    if (refusal == null) {
      return null;
    }
    String message = refusal.getMessage();
    Matcher required = REQUIRED.matcher(message);
    if (required.find()) {
      return required.group(1) + ": is required";
    }
    Problem problem =
        refusal instanceof SchemaValidationException schema
            ? schemaProblem(schema.getOutputUnit())
            : null;
    Matcher parameter = PARAMETER.matcher(message);
    if (parameter.find()) {
      String name = parameter.group(2);
      String given =
          parameter.group(1).equals("query") ? ctx.queryParams().get(name) : ctx.pathParam(name);
      String said = problem == null ? message : problem.problem();
      return name
          + ": "
          + said
          + (given == null || said.contains(given) ? "" : ", got '" + given + "'");
    }
    if (problem != null) {
      return problem.field() + ": " + problem.problem();
    }
    if (message.contains("required body")) {
      return "body: a JSON object is required";
    }
    if (message.contains("can't be decoded")) {
      return "body: not valid JSON" + decodeProblem(ctx);
    }
    if (message.contains("body is not supported")) {
      return "body: must be sent as Content-Type: application/json, not "
          + ctx.request().getHeader("Content-Type");
    }
    return message.contains("body") ? "body: " + message : message;
  }

  /** Where the JSON went wrong, which the validator does not say. */
  private static String decodeProblem(RoutingContext ctx) {
    try {
      if (ctx.body() != null && ctx.body().buffer() != null) {
        Json.decodeValue(ctx.body().buffer());
      }
      return "";
    } catch (DecodeException e) {
      return ": " + e.getMessage();
    }
  }

  private record Problem(String field, String problem) {}

  /**
   * The most precise error the schema reported: not one that only says a part failed, nor (while
   * there is another) an undeclared property, which is also what an object whose property failed is
   * reported as having; the deepest into the body of the rest, at the field (a JSON pointer into
   * the body) where it is.
   */
  private static Problem schemaProblem(OutputUnit unit) {
    if (unit == null) {
      return null;
    }
    // a single error is the unit itself
    List<OutputUnit> errors =
        unit.getErrors() == null || unit.getErrors().isEmpty() ? List.of(unit) : unit.getErrors();
    if (errors.get(0).getError() == null) {
      return null;
    }
    List<OutputUnit> precise =
        errors.stream().filter(error -> !SUMMARY.matcher(error.getError()).find()).toList();
    OutputUnit chosen =
        precise.stream()
            .filter(
                error -> !UNDECLARED.matcher(error.getError()).find() || !explained(error, precise))
            .max(Comparator.comparingInt(error -> location(error).length()))
            .orElse(errors.get(errors.size() - 1));
    String location = location(chosen);
    String error = chosen.getError();
    Matcher missing = MISSING.matcher(error);
    if (missing.find()) {
      return new Problem(
          location.isEmpty() ? missing.group(1) : location + "." + missing.group(1), "is required");
    }
    String field = location.isEmpty() ? "body" : location;
    return new Problem(
        field, UNDECLARED.matcher(error).find() ? "not a field of this operation" : inWords(error));
  }

  /**
   * An "undeclared" property that another error, at it or inside it, says is declared but wrong.
   */
  private static boolean explained(OutputUnit undeclared, List<OutputUnit> errors) {
    String at = location(undeclared);
    return errors.stream()
        .anyMatch(
            error ->
                !UNDECLARED.matcher(error.getError()).find()
                    && (location(error).equals(at)
                        || location(error).startsWith(at + ".")
                        || location(error).startsWith(at + "[")));
  }

  /** A JSON pointer as the owners name fields: {@code /tables/0/path} is {@code tables[0].path}. */
  private static String location(OutputUnit error) {
    String pointer = error.getInstanceLocation();
    return pointer == null
        ? ""
        : pointer.replaceFirst("^#?/?", "").replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
  }

  /** The schema's error as the caller would say it. */
  static String inWords(String error) {
    Matcher values = ENUM.matcher(error);
    if (values.find()) {
      return "must be one of " + values.group(1).replace("\"", "").replace(",", ", ");
    }
    Matcher type = TYPE.matcher(error);
    if (type.find()) {
      return switch (type.group(1)) {
        case "boolean" -> "must be true or false (or 1 or 0)";
        case "integer" -> "must be an integer";
        case "object" -> "must be a JSON object";
        case "array" -> "must be a list";
        default -> "must be a " + type.group(1).replace(", ", " or ");
      };
    }
    if (FORMAT.matcher(error).find()) {
      return "must be an integer";
    }
    Matcher count = COUNT.matcher(error);
    if (count.find()) {
      return (count.group(1).equals("few items") ? "must have at least " : "must have at most ")
          + count.group(2)
          + " item(s)";
    }
    Matcher length = LENGTH.matcher(error);
    if (length.find()) {
      return (length.group(1).equals("short") ? "must have at least " : "must have at most ")
          + length.group(2)
          + " character(s)";
    }
    return error;
  }

  private static ValidatorException validatorException(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ValidatorException refusal) {
        return refusal;
      }
    }
    return null;
  }
}
