package org.dsa110.contimg.common.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads and validates the fields of a request body. Every problem is a {@link HubException} 400
 * whose message names the field, so nothing invalid ever reaches a database.
 *
 * <p>Numbers and booleans may also arrive as strings (HTTP query parameters are strings).
 */
public final class Fields {
  private static final int DEFAULT_MAX_STRING = 4096;

  private final JsonObject body;
  private final String prefix;

  private Fields(JsonObject body, String prefix) {
    this.body = body == null ? new JsonObject() : body;
    this.prefix = prefix;
  }

  public static Fields of(JsonObject body) {
    return new Fields(body, "");
  }

  /** The fields of a nested object; errors name the whole path, e.g. {@code tables[2].path}. */
  public static Fields of(JsonObject body, String path) {
    return new Fields(body, path + ".");
  }

  /**
   * The objects of an array field, each read with its own path ({@code tables[0]}, {@code
   * tables[1]}, …).
   */
  public List<Fields> objects(String field) {
    JsonArray array = requiredArray(field);
    if (array.isEmpty()) {
      throw HubException.badRequest(name(field), "must not be empty");
    }
    List<Fields> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject item)) {
        throw HubException.badRequest(name(field) + "[" + i + "]", "must be an object");
      }
      items.add(new Fields(item, name(field) + "[" + i + "]."));
    }
    return items;
  }

  /** The full name of a field, for messages. */
  public String name(String field) {
    return prefix + field;
  }

  /** Refuses fields the operation does not know, so a typo is not silently ignored. */
  public Fields allowOnly(Collection<String> known) {
    Set<String> unknown = new TreeSet<>(body.fieldNames());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw HubException.badRequest(
          name(unknown.iterator().next()),
          "unknown field (expected one of " + new TreeSet<>(known) + ")");
    }
    return this;
  }

  public boolean has(String field) {
    return body.getValue(field) != null;
  }

  public String requiredString(String field) {
    return optionalString(field)
        .orElseThrow(() -> HubException.badRequest(name(field), "is required"));
  }

  public Optional<String> optionalString(String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw HubException.badRequest(name(field), "must be a string");
    }
    if (text.isBlank()) {
      throw HubException.badRequest(name(field), "must not be empty");
    }
    if (text.length() > DEFAULT_MAX_STRING) {
      throw HubException.badRequest(
          name(field), "is longer than " + DEFAULT_MAX_STRING + " characters");
    }
    if (text.indexOf('\0') >= 0) {
      throw HubException.badRequest(name(field), "must not contain a NUL character");
    }
    return Optional.of(text);
  }

  public String requiredEnum(String field, Set<String> allowed) {
    return optionalEnum(field, allowed)
        .orElseThrow(() -> HubException.badRequest(name(field), "is required"));
  }

  public Optional<String> optionalEnum(String field, Set<String> allowed) {
    Optional<String> value = optionalString(field);
    value
        .filter(v -> !allowed.contains(v))
        .ifPresent(
            v -> {
              throw HubException.badRequest(
                  name(field), "must be one of " + new TreeSet<>(allowed) + ", got '" + v + "'");
            });
    return value;
  }

  public boolean requiredBoolean(String field) {
    return optionalBoolean(field)
        .orElseThrow(() -> HubException.badRequest(name(field), "is required"));
  }

  /**
   * true or false, and 1 or 0 as well: the specification's booleans are SQLite integers, and a
   * Python service sends what it read from its own database (an audit saw {@code cal_applied: 1}
   * refused).
   */
  public Optional<Boolean> optionalBoolean(String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Boolean flag) {
      return Optional.of(flag);
    }
    if (value instanceof Number number
        && (number.doubleValue() == 0 || number.doubleValue() == 1)) {
      return Optional.of(number.doubleValue() == 1);
    }
    if ("true".equals(value) || "1".equals(value)) {
      return Optional.of(true);
    }
    if ("false".equals(value) || "0".equals(value)) {
      return Optional.of(false);
    }
    throw HubException.badRequest(name(field), "must be true, false, 1 or 0");
  }

  public Optional<Long> optionalLong(String field, long min, long max) {
    Object value = body.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    long number;
    if (value instanceof Integer || value instanceof Long) {
      number = ((Number) value).longValue();
    } else if (value instanceof String text && text.matches("-?\\d{1,18}")) {
      number = Long.parseLong(text);
    } else {
      throw HubException.badRequest(name(field), "must be an integer");
    }
    if (number < min || number > max) {
      throw HubException.badRequest(
          name(field), "must be between " + min + " and " + max + ", got " + number);
    }
    return Optional.of(number);
  }

  public int intOrDefault(String field, int fallback, int min, int max) {
    return optionalLong(field, min, max).map(Long::intValue).orElse(fallback);
  }

  public double requiredDouble(String field) {
    return optionalDouble(field)
        .orElseThrow(() -> HubException.badRequest(name(field), "is required"));
  }

  /** A finite number: NaN and infinities are refused. */
  public Optional<Double> optionalDouble(String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    double number;
    if (value instanceof Number n) {
      number = n.doubleValue();
    } else if (value instanceof String text) {
      try {
        number = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw HubException.badRequest(name(field), "must be a number");
      }
    } else {
      throw HubException.badRequest(name(field), "must be a number");
    }
    if (!Double.isFinite(number)) {
      throw HubException.badRequest(name(field), "must be a finite number");
    }
    return Optional.of(number);
  }

  /**
   * A number, or a string the parser reads as an angle in degrees (sexagesimal notation, for
   * instance).
   */
  public Optional<Double> optionalAngle(String field, Function<String, Optional<Double>> parser) {
    Object value = body.getValue(field);
    if (value instanceof String text) {
      return Optional.of(
          parser
              .apply(text)
              .orElseThrow(
                  () -> HubException.badRequest(name(field), "'" + text + "' is not an angle")));
    }
    return optionalDouble(field);
  }

  public Optional<Double> optionalNonNegative(String field) {
    Optional<Double> value = optionalDouble(field);
    value
        .filter(v -> v < 0)
        .ifPresent(
            v -> {
              throw HubException.badRequest(name(field), "must not be negative, got " + v);
            });
    return value;
  }

  public Optional<Double> optionalPositive(String field) {
    Optional<Double> value = optionalDouble(field);
    value
        .filter(v -> !(v > 0))
        .ifPresent(
            v -> {
              throw HubException.badRequest(name(field), "must be positive, got " + v);
            });
    return value;
  }

  public JsonArray requiredArray(String field) {
    Object value = body.getValue(field);
    if (value == null) {
      throw HubException.badRequest(name(field), "is required");
    }
    if (!(value instanceof JsonArray array)) {
      throw HubException.badRequest(name(field), "must be an array");
    }
    return array;
  }

  public Optional<JsonObject> optionalObject(String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof JsonObject object)) {
      throw HubException.badRequest(name(field), "must be an object");
    }
    return Optional.of(object);
  }
}
