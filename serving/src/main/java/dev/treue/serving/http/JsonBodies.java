package dev.treue.serving.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Reading JSON request bodies: 415 for other media types, 400 naming what is wrong with the JSON
 * (every body is parsed by {@link JsonTree}: duplicate keys refused, numbers exact).
 */
public final class JsonBodies {
  private JsonBodies() {}

  /** Route handler: the body must be declared {@code application/json} (415 otherwise). */
  public static void requireJson(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String base =
        type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    if (!base.equals("application/json")) {
      ctx.fail(
          new ApiException(
              415,
              "unsupported-media-type",
              "Unsupported media type",
              "Content-Type is "
                  + (type == null ? "missing" : "'" + ParameterText.shown(type) + "'")
                  + "; expected application/json"));
      return;
    }
    ctx.next();
  }

  /**
   * The body as a JSON object.
   *
   * @throws ApiException 400 when it is empty, not JSON, not an object, or repeats a key
   */
  public static JsonObject object(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiException.invalid("body", "empty; expected a JSON object");
    }
    Object value = JsonTree.parse(body.getBytes());
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

  /** Shortening of values echoed in messages. */
  static final class ParameterText {
    private ParameterText() {}

    static String shown(String v) {
      String s = v.length() > 60 ? v.substring(0, 60) + "..." : v;
      return s.replaceAll("[\\p{Cntrl}]", "?");
    }
  }
}
