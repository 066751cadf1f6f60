package org.dsa110.contimg.gateway;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request the contract refuses, said the way every other 400 of the hub is: {@code field:
 * problem}. The validator words its refusals for a developer of the validator ("The value of query
 * parameter limit is invalid. Reason: ..."); the field is taken from them and the schema's own
 * error kept.
 */
final class ContractErrors {
  private static final Pattern PARAMETER =
      Pattern.compile("(?:query|path|header|cookie) parameter (\\S+?)[ .,]");
  private static final Pattern REQUIRED =
      Pattern.compile("required (?:query|path|header|cookie) parameter (\\S+)$");
  private static final Pattern MISSING = Pattern.compile("required property \"([^\"]+)\"");
  private static final Pattern UNDECLARED =
      Pattern.compile("^Property \"[^\"]+\" does not match additional properties schema");

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
      return parameter.group(1) + ": " + (problem == null ? message : problem.problem());
    }
    if (problem != null) {
      return problem.field() + ": " + problem.problem();
    }
    if (message.contains("required body")) {
      return "body: a JSON object is required";
    }
    if (message.contains("body")) {
      return message.contains("can't be decoded")
          ? "body: not valid JSON" + decodeProblem(ctx)
          : "body: " + message;
    }
    return message;
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
   * The deepest error the schema reported, at the field (a JSON pointer into the body) where it is.
   */
  private static Problem schemaProblem(OutputUnit unit) {
    List<OutputUnit> errors = unit == null ? null : unit.getErrors();
    if (errors == null || errors.isEmpty()) {
      return null;
    }
    OutputUnit deepest = errors.get(errors.size() - 1);
    String location =
        deepest.getInstanceLocation() == null
            ? ""
            : deepest.getInstanceLocation().replaceFirst("^#?/?", "").replace('/', '.');
    String error = deepest.getError();
    Matcher missing = MISSING.matcher(error);
    if (missing.find()) {
      return new Problem(
          location.isEmpty() ? missing.group(1) : location + "." + missing.group(1), "is required");
    }
    String field = location.isEmpty() ? "body" : location;
    return new Problem(
        field, UNDECLARED.matcher(error).find() ? "not a field of this operation" : error);
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
