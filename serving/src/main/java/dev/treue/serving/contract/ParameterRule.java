package dev.treue.serving.contract;

import dev.treue.core.id.IdRule;
import io.vertx.core.json.JsonArray;
import io.vertx.json.schema.JsonSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One path or query parameter's schema from the contract, compiled into a plain check: type
 * (string, integer, number), pattern, lengths, bounds and enum. Cheaper than running a JSON Schema
 * validator on every request, and derived from the same contract, so the two cannot disagree. The
 * compiler refuses schema keywords it does not implement, so the contract cannot silently promise a
 * check that is not made.
 */
final class ParameterRule {
  // Compiled once: String.matches compiled the regex again on every request (JFR showed it on the
  // rewards path, whose limit is an integer parameter).
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?");
  private static final Set<String> SUPPORTED =
      Set.of(
          "type",
          "pattern",
          "minLength",
          "maxLength",
          "minimum",
          "maximum",
          "enum",
          "format",
          "default",
          "description");

  final String name;
  final boolean path;
  final boolean required;
  private final String type;
  private final Pattern pattern;
  // The id rule the pattern spells, checked without the regex engine; null for other patterns.
  private final IdRule idRule;
  private final int minLength;
  private final int maxLength;
  private final double minimum;
  private final double maximum;
  private final List<String> allowed;

  private ParameterRule(String name, boolean path, boolean required, JsonSchema schema) {
    for (String key : schema.fieldNames()) {
      if (!SUPPORTED.contains(key) && !key.startsWith("__")) {
        throw new IllegalStateException(
            "parameter '"
                + name
                + "' uses schema keyword '"
                + key
                + "' that the precompiled checks do not implement; supported: "
                + SUPPORTED);
      }
    }
    this.name = name;
    this.path = path;
    this.required = required;
    this.type = schema.get("type", "string");
    String regex = schema.get("pattern");
    this.pattern = regex == null ? null : Pattern.compile(EcmaPattern.toJava(regex));
    this.idRule = regex == null ? null : ContractIds.ruleOf(EcmaPattern.toJava(regex));
    this.minLength = schema.<Number>get("minLength", 0).intValue();
    this.maxLength = schema.<Number>get("maxLength", Integer.MAX_VALUE).intValue();
    this.minimum = schema.<Number>get("minimum", Double.NEGATIVE_INFINITY).doubleValue();
    this.maximum = schema.<Number>get("maximum", Double.POSITIVE_INFINITY).doubleValue();
    JsonArray values = schema.get("enum");
    List<String> list = new ArrayList<>();
    if (values != null) {
      values.forEach(v -> list.add(String.valueOf(v)));
    }
    this.allowed = List.copyOf(list);
    if (!Set.of("string", "integer", "number").contains(type)) {
      throw new IllegalStateException(
          "parameter '"
              + name
              + "' has type '"
              + type
              + "'; the precompiled checks"
              + " handle string, integer and number");
    }
  }

  static ParameterRule of(String name, boolean path, boolean required, JsonSchema schema) {
    return new ParameterRule(name, path, required, schema);
  }

  /** Why the value breaks the rule, or null when it is fine. */
  String problem(String value) {
    if (value == null) {
      return required ? "missing; " + expected() : null;
    }
    switch (type) {
      case "integer" -> {
        if (value.length() > 10 || !INTEGER.matcher(value).matches()) {
          return "expected " + expected() + ", got " + shown(value);
        }
        long n = Long.parseLong(value);
        if (n < minimum || n > maximum) {
          return shown(value) + " is out of range; expected " + expected();
        }
      }
      case "number" -> {
        double d;
        try {
          d =
              value.length() > 32 || !NUMBER.matcher(value).matches()
                  ? Double.NaN
                  : Double.parseDouble(value);
        } catch (NumberFormatException e) {
          d = Double.NaN;
        }
        if (Double.isNaN(d)) {
          return "expected " + expected() + ", got " + shown(value);
        }
        if (d < minimum || d > maximum) {
          return shown(value) + " is out of range; expected " + expected();
        }
      }
      default -> {
        if (value.length() < minLength || value.length() > maxLength) {
          return "length " + value.length() + " is out of range; expected " + expected();
        }
        if (!allowed.isEmpty() && !allowed.contains(value)) {
          return "expected one of " + String.join(", ", allowed) + ", got " + shown(value);
        }
        if (pattern != null
            && !(idRule != null ? idRule.accepts(value) : pattern.matcher(value).matches())) {
          return shown(value) + " does not match; expected " + expected();
        }
      }
    }
    return null;
  }

  private String expected() {
    return switch (type) {
      case "integer" -> "a whole number" + range();
      case "number" -> "a number" + range();
      default ->
          !allowed.isEmpty()
              ? "one of " + String.join(", ", allowed)
              : "a string"
                  + (maxLength < Integer.MAX_VALUE
                      ? " of " + minLength + " to " + maxLength + " characters"
                      : "")
                  + (pattern == null ? "" : " matching " + pattern.pattern());
    };
  }

  private String range() {
    boolean low = minimum > Double.NEGATIVE_INFINITY;
    boolean high = maximum < Double.POSITIVE_INFINITY;
    if (low && high) {
      return " from " + plain(minimum) + " to " + plain(maximum);
    }
    return low ? " >= " + plain(minimum) : high ? " <= " + plain(maximum) : "";
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  static String shown(String value) {
    String v = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    StringBuilder b = new StringBuilder("'");
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return b.append('\'').toString();
  }
}
