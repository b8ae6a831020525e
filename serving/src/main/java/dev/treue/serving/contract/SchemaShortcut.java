package dev.treue.serving.contract;

import dev.treue.core.id.IdRule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A body schema compiled into plain checks that say "certainly valid" for the bodies a busy route
 * sees, so that the JSON Schema validator runs only for the rest. {@code POST /v1/events} spent about
 * 8% of the service's CPU in the validator for bodies that were valid.
 *
 * <p>The shortcut never refuses anything: {@link #conforms} answers true only when every keyword of
 * the schema holds for the value, and false when any does not or when it cannot be sure (a number
 * type it does not know, a string whose UTF-16 and code-point lengths fall on different sides of a
 * bound). The validator then judges the value as before, and its problems (field names, wording) are
 * the only ones answered: a refusal is the same with or without the shortcut. Derived from the same
 * contract schema as the validator (patterns already spelt for Java, see {@link EcmaPattern}), so the
 * two read one definition; a schema with a keyword the shortcut does not implement gets none
 * ({@link #of} returns null), so a keyword can never be skipped silently.
 */
final class SchemaShortcut {
  private static final Set<String> SUPPORTED =
      Set.of(
          "type",
          "properties",
          "additionalProperties",
          "required",
          "items",
          "minItems",
          "maxItems",
          "minLength",
          "maxLength",
          "pattern",
          "minimum",
          "maximum",
          "enum",
          "description");

  /** Integers beyond this compare inexactly with a double bound: left to the validator. */
  private static final long EXACT_DOUBLE = 1L << 53;

  private final Set<String> types;
  private final Map<String, SchemaShortcut> properties;
  private final boolean closed;
  private final List<String> required;
  private final SchemaShortcut items;
  private final int minItems;
  private final int maxItems;
  private final int minLength;
  private final int maxLength;
  private final Pattern pattern;
  // The id rule the pattern spells, checked without the regex engine; null for other patterns.
  private final IdRule idRule;
  private final double minimum;
  private final double maximum;
  private final Set<String> allowed;

  private SchemaShortcut(
      Set<String> types,
      Map<String, SchemaShortcut> properties,
      boolean closed,
      List<String> required,
      SchemaShortcut items,
      JsonObject schema) {
    this.types = types;
    this.properties = properties;
    this.closed = closed;
    this.required = required;
    this.items = items;
    this.minItems = schema.getInteger("minItems", 0);
    this.maxItems = schema.getInteger("maxItems", Integer.MAX_VALUE);
    this.minLength = schema.getInteger("minLength", 0);
    this.maxLength = schema.getInteger("maxLength", Integer.MAX_VALUE);
    String regex = schema.getString("pattern");
    this.pattern = regex == null ? null : Pattern.compile(regex);
    this.idRule = regex == null ? null : ContractIds.ruleOf(regex);
    this.minimum = schema.getNumber("minimum", Double.NEGATIVE_INFINITY).doubleValue();
    this.maximum = schema.getNumber("maximum", Double.POSITIVE_INFINITY).doubleValue();
    JsonArray values = schema.getJsonArray("enum");
    this.allowed = values == null ? null : Set.copyOf(values.getList());
  }

  /**
   * The shortcut of an inlined schema (no {@code $ref} left), or null when it uses a keyword or a
   * form the shortcut does not implement.
   */
  static SchemaShortcut of(JsonObject schema) {
    for (String key : schema.fieldNames()) {
      // Keys starting "__" are the validator library's bookkeeping (its base URIs), as in
      // ParameterRule.
      if (!SUPPORTED.contains(key) && !key.startsWith("__")) {
        return null;
      }
    }
    Object type = schema.getValue("type");
    Set<String> types;
    if (type instanceof String t) {
      types = Set.of(t);
    } else if (type instanceof JsonArray list && list.stream().allMatch(String.class::isInstance)) {
      types = Set.copyOf(list.getList());
    } else {
      return null;
    }
    Object additional = schema.getValue("additionalProperties", Boolean.TRUE);
    if (!(additional instanceof Boolean)) {
      return null;
    }
    Map<String, SchemaShortcut> properties = new HashMap<>();
    JsonObject declared = schema.getJsonObject("properties", new JsonObject());
    for (String name : declared.fieldNames()) {
      if (!(declared.getValue(name) instanceof JsonObject sub)) {
        return null;
      }
      SchemaShortcut compiled = of(sub);
      if (compiled == null) {
        return null;
      }
      properties.put(name, compiled);
    }
    List<String> required = new ArrayList<>();
    for (Object name : schema.getJsonArray("required", new JsonArray())) {
      if (!(name instanceof String n)) {
        return null;
      }
      required.add(n);
    }
    SchemaShortcut items = null;
    if (schema.containsKey("items")) {
      if (!(schema.getValue("items") instanceof JsonObject sub) || (items = of(sub)) == null) {
        return null;
      }
    }
    for (String bound : List.of("minItems", "maxItems", "minLength", "maxLength")) {
      if (schema.containsKey(bound) && !(schema.getValue(bound) instanceof Integer)) {
        return null;
      }
    }
    for (String bound : List.of("minimum", "maximum")) {
      if (schema.containsKey(bound) && !(schema.getValue(bound) instanceof Number)) {
        return null;
      }
    }
    if (schema.containsKey("pattern") && !(schema.getValue("pattern") instanceof String)) {
      return null;
    }
    if (schema.containsKey("enum")
        && !(schema.getValue("enum") instanceof JsonArray values
            && values.stream().allMatch(String.class::isInstance))) {
      return null;
    }
    return new SchemaShortcut(
        types, properties, Boolean.FALSE.equals(additional), List.copyOf(required), items, schema);
  }

  /** True only when the value certainly conforms to the schema; false: ask the validator. */
  boolean conforms(Object value) {
    if (value == null) {
      return types.contains("null");
    }
    if (value instanceof String s) {
      return types.contains("string") && string(s);
    }
    if (value instanceof Boolean) {
      return types.contains("boolean");
    }
    if (value instanceof Integer || value instanceof Long) {
      long n = ((Number) value).longValue();
      return (types.contains("integer") || types.contains("number"))
          && Math.abs(n) < EXACT_DOUBLE
          && n >= minimum
          && n <= maximum;
    }
    if (value instanceof Double d) {
      return types.contains("number")
          && Double.isFinite(d)
          && d != Math.rint(d)
          && d >= minimum
          && d <= maximum;
    }
    if (value instanceof JsonObject o) {
      return types.contains("object") && object(o);
    }
    if (value instanceof JsonArray a) {
      return types.contains("array") && array(a);
    }
    // BigInteger, BigDecimal, Float, a Map or List inside a tree built by hand: the validator.
    return false;
  }

  private boolean string(String s) {
    if (s.length() > maxLength || (minLength > 0 && s.codePointCount(0, s.length()) < minLength)) {
      return false;
    }
    if (allowed != null && !allowed.contains(s)) {
      return false;
    }
    return pattern == null || (idRule != null ? idRule.accepts(s) : pattern.matcher(s).matches());
  }

  private boolean object(JsonObject o) {
    for (String name : required) {
      if (!o.containsKey(name)) {
        return false;
      }
    }
    for (Map.Entry<String, Object> field : o) {
      SchemaShortcut property = properties.get(field.getKey());
      if (property == null ? closed : !property.conforms(field.getValue())) {
        return false;
      }
    }
    return true;
  }

  private boolean array(JsonArray a) {
    if (a.size() < minItems || a.size() > maxItems) {
      return false;
    }
    if (items != null) {
      for (int i = 0; i < a.size(); i++) {
        if (!items.conforms(a.getValue(i))) {
          return false;
        }
      }
    }
    return true;
  }
}
