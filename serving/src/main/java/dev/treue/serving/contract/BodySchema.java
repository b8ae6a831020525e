package dev.treue.serving.contract;

import dev.treue.serving.http.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A request body schema from the contract's components, validated with Vert.x JSON Schema (draft
 * 2020-12, as OpenAPI 3.1 uses). Problems name the JSON path of the field ({@code events[3].type})
 * and what the schema expected there; errors of enclosing objects that only repeat a deeper error
 * are left out. A {@link SchemaShortcut} lets plainly valid values through without the validator,
 * which alone refuses.
 */
public final class BodySchema {
  private static final int MAX_ERRORS = 20;
  private static final Set<String> EXPLAINED =
      Set.of(
          "pattern",
          "enum",
          "maxLength",
          "minLength",
          "maximum",
          "minimum",
          "maxItems",
          "minItems",
          "type",
          "required");

  private static final java.util.regex.Pattern MISSING =
      java.util.regex.Pattern.compile("required property \"([^\"/~]+)\"");

  private final String name;
  private final JsonObject schema;
  private final Validator validator;
  private final SchemaShortcut shortcut;

  BodySchema(String name, JsonObject schema, Validator validator) {
    this.name = name;
    this.schema = schema;
    this.validator = validator;
    this.shortcut = SchemaShortcut.of(schema);
  }

  public String name() {
    return name;
  }

  /** Problems with the value (a Vert.x JsonObject/JsonArray tree), empty when valid. */
  public List<FieldError> problems(Object value, String prefix) {
    // Plainly valid bodies skip the validator; anything else is judged, and explained, by it.
    if (shortcut != null && shortcut.conforms(value)) {
      return List.of();
    }
    OutputUnit result = validator.validate(value);
    if (Boolean.TRUE.equals(result.getValid())) {
      return List.of();
    }
    List<OutputUnit> leaves = new ArrayList<>();
    collect(result, leaves);
    List<FieldError> out = new ArrayList<>();
    for (OutputUnit u : leaves) {
      String at = u.getInstanceLocation() == null ? "" : u.getInstanceLocation();
      String keyword = u.getKeywordLocation() == null ? "" : u.getKeywordLocation();
      // An error that only says "a part of me is wrong" is left out when the part's own error is
      // there.
      boolean deeperExists =
          leaves.stream()
              .anyMatch(
                  o ->
                      o != u
                          && o.getInstanceLocation() != null
                          && (o.getInstanceLocation().startsWith(at + "/")
                              || o.getInstanceLocation().equals(at)
                                  && o.getKeywordLocation() != null
                                  && o.getKeywordLocation().startsWith(keyword + "/")));
      // The validator also reports a property that failed its own schema as "not matching
      // additionalProperties"; the property's own error says it better.
      boolean echo =
          keyword.endsWith("/additionalProperties")
              && leaves.stream()
                  .anyMatch(
                      o ->
                          o != u
                              && at.equals(o.getInstanceLocation())
                              && o.getKeywordLocation() != null
                              && !o.getKeywordLocation().endsWith("/additionalProperties"));
      if (deeperExists || echo || out.size() >= MAX_ERRORS) {
        continue;
      }
      FieldError e = missingProperty(prefix, at, u);
      if (e == null) {
        e = new FieldError(path(prefix, at), explain(u));
      }
      if (!out.contains(e)) {
        out.add(e);
      }
    }
    if (out.isEmpty()) {
      out.add(
          new FieldError(
              prefix.isEmpty() ? "body" : prefix, "does not match the " + name + " schema"));
    }
    return out;
  }

  /** A missing required property is the property's error, not its parent's. */
  private static FieldError missingProperty(String prefix, String at, OutputUnit u) {
    String keyword = u.getKeywordLocation();
    if (keyword == null || !keyword.endsWith("/required") || u.getError() == null) {
      return null;
    }
    java.util.regex.Matcher m = MISSING.matcher(u.getError());
    if (!m.find()) {
      return null;
    }
    return new FieldError(
        path(prefix, at + "/" + m.group(1)), "missing; this property is required");
  }

  private String explain(OutputUnit u) {
    String error = u.getError() == null ? "invalid" : u.getError();
    String keyword = u.getKeywordLocation();
    if (keyword == null) {
      return error;
    }
    String[] parts = keyword.replaceFirst("^#", "").split("/");
    String last = parts[parts.length - 1];
    if (last.equals("additionalProperties")) {
      return "unknown property; " + name + " has no field of that name";
    }
    if (!EXPLAINED.contains(last)) {
      return error;
    }
    Object node = schema;
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      if (node instanceof JsonObject o) {
        node = o.getValue(part);
      } else if (node instanceof JsonArray a && part.chars().allMatch(Character::isDigit)) {
        node = a.getValue(Integer.parseInt(part));
      } else {
        return error;
      }
    }
    if (node == null) {
      return error;
    }
    String expected =
        switch (last) {
          case "pattern" -> "a string matching " + node;
          case "enum" ->
              "one of "
                  + String.join(", ", ((JsonArray) node).stream().map(String::valueOf).toList());
          case "maxLength" -> "at most " + node + " characters";
          case "minLength" -> "at least " + node + " characters";
          case "maximum" -> "at most " + node;
          case "minimum" -> "at least " + node;
          case "maxItems" -> "at most " + node + " items";
          case "minItems" -> "at least " + node + " items";
          case "type" ->
              "type "
                  + (node instanceof JsonArray a
                      ? String.join(" or ", a.stream().map(String::valueOf).toList())
                      : node);
          case "required" ->
              "the properties "
                  + String.join(", ", ((JsonArray) node).stream().map(String::valueOf).toList());
          default -> null;
        };
    if (expected == null) {
      return error;
    }
    return (last.equals("enum") ? "not an allowed value" : error) + "; expected " + expected;
  }

  /** The shortcut's verdict (true: certainly valid), for the tests that hold it to the validator. */
  boolean shortcutConforms(Object value) {
    return shortcut != null && shortcut.conforms(value);
  }

  /** The JSON Schema validator's verdict alone. */
  boolean validatorAccepts(Object value) {
    return Boolean.TRUE.equals(validator.validate(value).getValid());
  }

  private static void collect(OutputUnit unit, List<OutputUnit> leaves) {
    if (unit.getErrors() != null && !unit.getErrors().isEmpty()) {
      for (OutputUnit e : unit.getErrors()) {
        collect(e, leaves);
      }
    } else if (unit.getError() != null) {
      leaves.add(unit);
    }
  }

  /** {@code /events/3/type} as {@code events[3].type}. */
  static String path(String prefix, String pointer) {
    StringBuilder b = new StringBuilder(prefix);
    if (pointer != null) {
      String p = pointer.startsWith("#") ? pointer.substring(1) : pointer;
      for (String part : p.split("/")) {
        if (part.isEmpty()) {
          continue;
        }
        if (part.chars().allMatch(Character::isDigit)) {
          b.append('[').append(part).append(']');
        } else {
          b.append(b.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
        }
      }
    }
    return b.length() == 0 ? "body" : b.toString();
  }
}
