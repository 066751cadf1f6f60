package org.dsa110.contimg.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validator's own errors, produced by the validator itself, put in the caller's words. */
class ContractErrorsTest {

  private static String wordsFor(JsonObject schema, Object value) {
    OutputUnit result =
        Validator.create(
                JsonSchema.of(schema),
                new JsonSchemaOptions()
                    .setDraft(Draft.DRAFT202012)
                    .setBaseUri("app://")
                    .setOutputFormat(OutputFormat.Basic))
            .validate(value);
    assertThat(result.getValid()).as("the validator refused " + value).isFalse();
    List<OutputUnit> errors = result.getErrors();
    OutputUnit last = errors == null || errors.isEmpty() ? result : errors.get(errors.size() - 1);
    return ContractErrors.inWords(last.getError());
  }

  @Test
  void enumsTypesRangesAndSizesAreSaidPlainly() {
    assertThat(
            wordsFor(new JsonObject().put("enum", new JsonArray().add("json").add("csv")), "xml"))
        .isEqualTo("must be one of json, csv");
    assertThat(wordsFor(new JsonObject().put("type", "integer"), "many"))
        .isEqualTo("must be an integer");
    assertThat(wordsFor(new JsonObject().put("type", "boolean"), "maybe"))
        .isEqualTo("must be true or false (or 1 or 0)");
    assertThat(
            wordsFor(new JsonObject().put("type", new JsonArray().add("number").add("null")), "x"))
        .isEqualTo("must be a number or null");
    assertThat(wordsFor(new JsonObject().put("type", "integer").put("maximum", 500), 501))
        .isEqualTo("501 is greater than 500");
    assertThat(wordsFor(new JsonObject().put("type", "array").put("minItems", 1), new JsonArray()))
        .isEqualTo("must have at least 1 item(s)");
    assertThat(wordsFor(new JsonObject().put("type", "string").put("maxLength", 3), "abcd"))
        .isEqualTo("must have at most 3 character(s)");
  }
}
