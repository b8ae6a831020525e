package dev.treue.serving.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A response body written field by field straight to bytes, for answers on the hot path: building a
 * {@code JsonObject} tree first (a map entry per field, then Jackson's map serializer looking up a
 * serializer per value) was most of the JSON cost of a rewards answer. Values are written as
 * Vert.x's {@code JsonObject.toBuffer()} writes them (the same Jackson generator calls), so a body
 * has the same bytes either way. Not thread safe; one per response.
 */
public final class JsonOut {
  private static final JsonFactory JSON = new JsonFactory();

  private final ByteArrayOutputStream bytes;
  private final JsonGenerator g;

  /** @param sizeHint the bytes the body usually takes */
  public JsonOut(int sizeHint) {
    bytes = new ByteArrayOutputStream(sizeHint);
    try {
      g = JSON.createGenerator(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens an object: the body's, or a field's value when a field name was written before. */
  public JsonOut startObject() {
    try {
      g.writeStartObject();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes the innermost open object. */
  public JsonOut endObject() {
    try {
      g.writeEndObject();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens an array as the value of field {@code name}. */
  public JsonOut startArray(String name) {
    try {
      g.writeArrayFieldStart(name);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes the innermost open array. */
  public JsonOut endArray() {
    try {
      g.writeEndArray();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens an object as the value of field {@code name}. */
  public JsonOut startObject(String name) {
    try {
      g.writeObjectFieldStart(name);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One field: {@code value} null, a String, a Boolean, an Integer, Long, Float or Double, or a
   * List of those (as a JSON array).
   */
  public JsonOut field(String name, Object value) {
    try {
      g.writeFieldName(name);
      value(value);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void value(Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Float f) {
      g.writeNumber(f);
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object v : list) {
        value(v);
      }
      g.writeEndArray();
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }

  /** The body written so far (complete once the outermost object is closed). */
  public Buffer toBuffer() {
    try {
      g.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(bytes.toByteArray());
  }
}
