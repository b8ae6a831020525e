package dev.treue.serving.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.treue.core.i18n.Language;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Response bodies written field by field with Jackson's streaming generator, for the answers the
 * scoring calls return. A {@link JsonObject} tree encoded with {@code toBuffer} was 11% of
 * churn-risk's CPU samples (a map built per body, then walked by databind's serializers, looked up
 * per value); writing the same text directly skips both (the profile's share went; CPU per request,
 * measured side by side with the build before, moved within its noise). The text is what the tree
 * gave: the same field order, numbers written by the same generator methods, absent values as
 * {@code null}.
 */
public final class ResponseJson {
  // Characters beyond the BMP (emoji in ids and names) as their four UTF-8 bytes, as the tree's
  // encoding writes them, not as two escaped surrogates.
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  /** Writes one JSON value onto a generator. */
  @FunctionalInterface
  public interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  // Header values as Netty's ASCII strings (Vert.x's header names already are): hashed once and
  // copied as bytes, where a String is hashed and encoded char by char on every response.
  private static final CharSequence APPLICATION_JSON =
      HttpHeaders.createOptimized("application/json");
  private static final Map<Language, CharSequence> LANGUAGE = new EnumMap<>(Language.class);

  static {
    for (Language l : Language.values()) {
      LANGUAGE.put(l, HttpHeaders.createOptimized(l.wireName()));
    }
  }

  private ResponseJson() {}

  /** Ends {@code response} with the JSON {@code writer} writes, declared as JSON. */
  public static Future<Void> end(HttpServerResponse response, Writer writer) {
    return response.putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(of(writer));
  }

  /**
   * Ends {@code response} with the JSON {@code writer} writes, declared as JSON in {@code
   * language}'s words (the language its reasons and explanations are in).
   */
  public static Future<Void> end(HttpServerResponse response, Language language, Writer writer) {
    return response
        .putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
        .putHeader(HttpHeaders.CONTENT_LANGUAGE, LANGUAGE.get(language))
        .end(of(writer));
  }

  /** The UTF-8 text {@code writer} writes, as a buffer to end a response with. */
  public static Buffer of(Writer writer) {
    ByteArrayBuilder out = new ByteArrayBuilder(1024);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      writer.write(g);
    } catch (IOException e) {
      // Only a writer's own failure: the output is memory.
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  /** A number field, {@code null} when there is no number. */
  public static void number(JsonGenerator g, String field, Double value) throws IOException {
    g.writeFieldName(field);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeNumber(value.doubleValue());
    }
  }

  /** An array field of strings. */
  public static void strings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /**
   * The fields of a small object built as a tree elsewhere (where its one definition lives), written
   * by Vert.x's own encoder of tree values into the object being generated.
   */
  public static void fields(JsonGenerator g, JsonObject object) throws IOException {
    for (Map.Entry<String, Object> e : object) {
      g.writeFieldName(e.getKey());
      JacksonCodec.encodeJson(e.getValue(), g);
    }
  }
}
