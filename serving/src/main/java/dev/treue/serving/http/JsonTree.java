package dev.treue.serving.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The one parser of request bodies, into Vert.x's JSON tree, with two rules the default codec does
 * not have:
 *
 * <ul>
 *   <li>a key given twice in one object is refused (400 naming it, e.g. {@code events[3].customer_id}),
 *       rather than the last one silently winning (checked here while the tree is built, which gives
 *       the path; Jackson's STRICT_DUPLICATE_DETECTION would only give the key);
 *   <li>a number is read exactly: one with an integral value is an integer however it is written
 *       ({@code 15}, {@code 15.0}, {@code 1.5e1}, {@code 1e15}), so the contract's {@code integer}
 *       type and its bounds judge the value, not the spelling; other numbers are doubles as before.
 * </ul>
 */
final class JsonTree {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(64).build())
          .build();
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private JsonTree() {}

  /**
   * The JSON value of the bytes: a JsonObject, JsonArray, String, Number, Boolean or null.
   *
   * @throws ApiException 400 naming what is wrong
   */
  static Object parse(byte[] json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      Object value = value(p, p.nextToken());
      if (p.nextToken() != null) {
        throw ApiException.invalid(
            "body", "has more after the JSON value; expected one JSON object");
      }
      return value;
    } catch (DuplicateKey e) {
      throw ApiException.invalid(e.path, "duplicate key; each key may appear once in an object");
    } catch (NumberFormatException | ArithmeticException e) {
      // An exponent beyond what BigDecimal holds (1e-2147483649): no amount or count looks like
      // that.
      throw ApiException.invalid("body", "holds a number out of range (exponent too large)");
    } catch (JsonProcessingException e) {
      throw ApiException.invalid("body", "not valid JSON (" + shown(e.getOriginalMessage()) + ")");
    } catch (IOException e) {
      throw ApiException.invalid("body", "cannot be read as JSON");
    }
  }

  private static Object value(JsonParser p, JsonToken token) throws IOException {
    if (token == null) {
      throw ApiException.invalid("body", "empty; expected a JSON object");
    }
    return switch (token) {
      case START_OBJECT -> object(p);
      case START_ARRAY -> array(p);
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getNumberValue();
      case VALUE_NUMBER_FLOAT -> decimal(p);
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default ->
          throw ApiException.invalid("body", "unexpected " + token + "; expected a JSON value");
    };
  }

  private static JsonObject object(JsonParser p) throws IOException {
    JsonObject o = new JsonObject();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      if (o.containsKey(name)) {
        throw new DuplicateKey(name);
      }
      try {
        o.put(name, value(p, p.nextToken()));
      } catch (DuplicateKey e) {
        throw e.under(name);
      }
    }
    return o;
  }

  private static JsonArray array(JsonParser p) throws IOException {
    JsonArray a = new JsonArray();
    try {
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        a.add(value(p, t));
      }
    } catch (DuplicateKey e) {
      throw e.at(a.size());
    }
    return a;
  }

  /**
   * A number written with a fraction or exponent: an Integer or Long when its exact value is integral
   * and fits, otherwise a Double. Most such numbers (amounts) are plainly not integral as doubles and
   * take the fast path; only integral-looking ones are checked exactly.
   */
  private static Number decimal(JsonParser p) throws IOException {
    double d = p.getDoubleValue();
    if (d != Math.rint(d) || Double.isInfinite(d)) {
      return d;
    }
    BigDecimal exact = p.getDecimalValue();
    if (exact.signum() == 0) {
      return 0;
    }
    if ((exact.scale() <= 0 || exact.stripTrailingZeros().scale() <= 0)
        && exact.compareTo(LONG_MIN) >= 0
        && exact.compareTo(LONG_MAX) <= 0) {
      long n = exact.longValueExact();
      return n == (int) n ? (Number) (int) n : (Number) n;
    }
    return d;
  }

  private static String shown(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.split("\n", 2)[0];
    return line.length() > 160 ? line.substring(0, 160) + "..." : line;
  }

  /** A repeated key, with the JSON path to it built up as the parse unwinds. */
  private static final class DuplicateKey extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String path;

    DuplicateKey(String path) {
      super(path, null, false, false);
      this.path = path;
    }

    DuplicateKey under(String key) {
      return key == null ? this : new DuplicateKey(key + (path.startsWith("[") ? "" : ".") + path);
    }

    DuplicateKey at(int index) {
      return new DuplicateKey("[" + index + "]" + (path.startsWith("[") ? "" : ".") + path);
    }
  }
}
