package dev.treue.serving.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading JSON request bodies: 415 for other media types, 400 naming what is wrong with the JSON. */
public final class JsonBodies {
  private JsonBodies() {}

  /** Route handler: the body must be declared {@code application/json} (415 otherwise). */
  public static void requireJson(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    if (!base.equals("application/json")) {
      ctx.fail(new ApiException(415, "unsupported-media-type", "Unsupported media type",
          "Content-Type is " + (type == null ? "missing" : "'" + ParameterText.shown(type) + "'")
              + "; expected application/json"));
      return;
    }
    ctx.next();
  }

  /**
   * The body as a JSON object.
   *
   * @throws ApiException 400 when it is empty, not JSON, or not an object
   */
  public static JsonObject object(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiException.invalid("body", "empty; expected a JSON object");
    }
    Object value;
    try {
      value = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw ApiException.invalid("body", "not valid JSON (" + firstLine(e.getMessage()) + "); expected a JSON object");
    }
    if (!(value instanceof JsonObject o)) {
      throw ApiException.invalid("body", "is a JSON " + kind(value) + "; expected a JSON object");
    }
    return o;
  }

  private static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof io.vertx.core.json.JsonArray) {
      return "array";
    }
    return value instanceof String ? "string" : value instanceof Number ? "number" : "boolean";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.split("\n", 2)[0];
    int at = line.indexOf(" at [Source");
    line = at > 0 ? line.substring(0, at) : line;
    return line.length() > 160 ? line.substring(0, 160) + "..." : line;
  }

  /** Shortening of values echoed in messages. */
  static final class ParameterText {
    private ParameterText() {}

    static String shown(String v) {
      String s = v.length() > 60 ? v.substring(0, 60) + "..." : v;
      return s.replaceAll("[\\p{Cntrl}]", "?");
    }
  }
}
