package dev.treue.serving.webhooks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One firing's delivery to one subscription, as the delivery log keeps it: what is sent and how the
 * attempts went. The {@code delivery_id} is derived from the subscription and the firing, so a
 * firing read twice is the same delivery and every retry carries the same id.
 *
 * @param deliveryId {@code dlv_} and 32 hex digits of SHA-256(subscription id, firing id)
 * @param subscriptionId the subscription
 * @param eventId the firing id
 * @param kind the trigger kind
 * @param customerId the member
 * @param firedAt when it fired (ISO-8601 UTC, as on the stream)
 * @param payload the firing's payload, JSON object text
 * @param status pending, delivered, failed (retrying), dead or held_out
 * @param attempts attempts made
 * @param lastStatusCode the receiver's last HTTP status, or null (no answer yet, or none)
 * @param lastLatencyMs the last attempt's time in milliseconds, or null
 * @param lastError why the last attempt failed, or null
 * @param createdAt epoch millis the delivery became due first (or was replayed): the age to give up by
 * @param lastAttemptAt epoch millis of the last attempt, or 0
 * @param nextAttemptAt epoch millis of the next attempt, or 0
 * @param deliveredAt epoch millis it was delivered, or 0
 */
public record Delivery(
    String deliveryId,
    String subscriptionId,
    String eventId,
    String kind,
    String customerId,
    String firedAt,
    String payload,
    String status,
    int attempts,
    Integer lastStatusCode,
    Long lastLatencyMs,
    String lastError,
    long createdAt,
    long lastAttemptAt,
    long nextAttemptAt,
    long deliveredAt) {

  public static final String PENDING = "pending";
  public static final String DELIVERED = "delivered";
  public static final String FAILED = "failed";
  public static final String DEAD = "dead";
  public static final String HELD_OUT = "held_out";

  // Reads and writes records and bodies field by field, without trees; thread-safe.
  private static final JsonFactory JSON = new JsonFactory();

  /** A new delivery of a firing: pending, or held_out when the member is in the control group. */
  public static Delivery of(
      String subscriptionId,
      String eventId,
      String kind,
      String customerId,
      String firedAt,
      String payload,
      boolean heldOut,
      long nowMillis) {
    return new Delivery(
        id(subscriptionId, eventId),
        subscriptionId,
        eventId,
        kind,
        customerId,
        firedAt,
        payload,
        heldOut ? HELD_OUT : PENDING,
        0,
        null,
        null,
        null,
        nowMillis,
        0,
        heldOut ? 0 : nowMillis,
        0);
  }

  /** The stable delivery id of a firing to a subscription. */
  public static String id(String subscriptionId, String eventId) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((subscriptionId + "\n" + eventId).getBytes(StandardCharsets.UTF_8));
      return "dlv_" + HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JVM", e);
    }
  }

  /** The body posted to the receiver: the same bytes on every attempt. */
  public String body() {
    StringWriter out = new StringWriter(256 + (payload == null ? 0 : payload.length()));
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("delivery_id", deliveryId);
      g.writeStringField("event_id", eventId);
      g.writeStringField("kind", kind);
      g.writeStringField("customer_id", customerId);
      g.writeStringField("fired_at", firedAt);
      g.writeFieldName("payload");
      if (isJsonObject(payload)) {
        // Spliced in as the trigger wrote it: parsing it into a tree and encoding it again was
        // most of delivery's CPU (its numbers are doubles) for the same text.
        g.writeRawValue(payload);
      } else if (payload == null || payload.isBlank()) {
        g.writeNull();
      } else {
        // Not a JSON object: passed on as text rather than dropped.
        g.writeString(payload);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Whether {@code text} is exactly one well-formed JSON object, checked without building it. */
  static boolean isJsonObject(String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /** After an attempt. */
  public Delivery attempted(
      String newStatus, Integer code, long latencyMs, String error, long now, long next) {
    return new Delivery(
        deliveryId,
        subscriptionId,
        eventId,
        kind,
        customerId,
        firedAt,
        payload,
        newStatus,
        attempts + 1,
        code,
        latencyMs,
        error,
        createdAt,
        now,
        next,
        newStatus.equals(DELIVERED) ? now : deliveredAt);
  }

  /** Parked without an attempt (the subscription is off) until {@code next}. */
  public Delivery parked(long next) {
    return new Delivery(
        deliveryId,
        subscriptionId,
        eventId,
        kind,
        customerId,
        firedAt,
        payload,
        status,
        attempts,
        lastStatusCode,
        lastLatencyMs,
        "subscription disabled",
        createdAt,
        lastAttemptAt,
        next,
        deliveredAt);
  }

  /** Due again now, as if new (a replay): its age counts from now. */
  public Delivery replayed(long now) {
    return new Delivery(
        deliveryId,
        subscriptionId,
        eventId,
        kind,
        customerId,
        firedAt,
        payload,
        PENDING,
        attempts,
        lastStatusCode,
        lastLatencyMs,
        lastError,
        now,
        lastAttemptAt,
        now,
        deliveredAt);
  }

  /**
   * The stored form: a JSON object with the fields of {@link #decode}, written field by field (a
   * delivery is stored twice and read once on its way out, and a tree per step was most of
   * delivery's garbage).
   */
  public String encode() {
    StringWriter out = new StringWriter(384 + (payload == null ? 0 : payload.length() * 2));
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("delivery_id", deliveryId);
      g.writeStringField("subscription_id", subscriptionId);
      g.writeStringField("event_id", eventId);
      g.writeStringField("kind", kind);
      g.writeStringField("customer_id", customerId);
      g.writeStringField("fired_at", firedAt);
      g.writeStringField("payload", payload);
      g.writeStringField("status", status);
      g.writeNumberField("attempts", attempts);
      g.writeFieldName("last_status_code");
      if (lastStatusCode == null) {
        g.writeNull();
      } else {
        g.writeNumber(lastStatusCode);
      }
      g.writeFieldName("last_latency_ms");
      if (lastLatencyMs == null) {
        g.writeNull();
      } else {
        g.writeNumber(lastLatencyMs);
      }
      g.writeStringField("last_error", lastError);
      g.writeNumberField("created_at", createdAt);
      g.writeNumberField("last_attempt_at", lastAttemptAt);
      g.writeNumberField("next_attempt_at", nextAttemptAt);
      g.writeNumberField("delivered_at", deliveredAt);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Reads the stored form ({@link #encode}); fields it does not know are skipped, missing ones read
   * as null or 0.
   *
   * @throws IllegalArgumentException when {@code stored} is not a JSON object or a field has the
   *     wrong type
   */
  public static Delivery decode(String stored) {
    String deliveryId = null;
    String subscriptionId = null;
    String eventId = null;
    String kind = null;
    String customerId = null;
    String firedAt = null;
    String payload = null;
    String status = null;
    int attempts = 0;
    Integer lastStatusCode = null;
    Long lastLatencyMs = null;
    String lastError = null;
    long createdAt = 0;
    long lastAttemptAt = 0;
    long nextAttemptAt = 0;
    long deliveredAt = 0;
    try (JsonParser p = JSON.createParser(stored)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("a stored delivery is a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "delivery_id" -> deliveryId = text(p, field);
          case "subscription_id" -> subscriptionId = text(p, field);
          case "event_id" -> eventId = text(p, field);
          case "kind" -> kind = text(p, field);
          case "customer_id" -> customerId = text(p, field);
          case "fired_at" -> firedAt = text(p, field);
          case "payload" -> payload = text(p, field);
          case "status" -> status = text(p, field);
          case "attempts" ->
              attempts = value == JsonToken.VALUE_NULL ? 0 : whole(p, field).intValue();
          case "last_status_code" ->
              lastStatusCode = value == JsonToken.VALUE_NULL ? null : whole(p, field).intValue();
          case "last_latency_ms" ->
              lastLatencyMs = value == JsonToken.VALUE_NULL ? null : whole(p, field);
          case "last_error" -> lastError = text(p, field);
          case "created_at" -> createdAt = millis(p, value, field);
          case "last_attempt_at" -> lastAttemptAt = millis(p, value, field);
          case "next_attempt_at" -> nextAttemptAt = millis(p, value, field);
          case "delivered_at" -> deliveredAt = millis(p, value, field);
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("a stored delivery is not JSON: " + e.getMessage(), e);
    }
    return new Delivery(
        deliveryId,
        subscriptionId,
        eventId,
        kind,
        customerId,
        firedAt,
        payload,
        status,
        attempts,
        lastStatusCode,
        lastLatencyMs,
        lastError,
        createdAt,
        lastAttemptAt,
        nextAttemptAt,
        deliveredAt);
  }

  private static String text(JsonParser p, String field) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_NULL -> null;
      case VALUE_STRING -> p.getText();
      default -> throw new IllegalArgumentException(field + " of a stored delivery is not text");
    };
  }

  private static Long whole(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw new IllegalArgumentException(field + " of a stored delivery is not a whole number");
    }
    return p.getLongValue();
  }

  private static long millis(JsonParser p, JsonToken value, String field) throws IOException {
    return value == JsonToken.VALUE_NULL ? 0 : whole(p, field);
  }

  /** What the delivery log shows. */
  public JsonObject view() {
    JsonObject o =
        new JsonObject()
            .put("delivery_id", deliveryId)
            .put("event_id", eventId)
            .put("kind", kind)
            .put("customer_id", customerId)
            .put("fired_at", firedAt)
            .put("status", status)
            .put("attempts", attempts)
            .put("last_status_code", lastStatusCode)
            .put("last_latency_ms", lastLatencyMs)
            .put("last_error", lastError)
            .put("created_at", Instant.ofEpochMilli(createdAt).toString());
    o.put(
        "last_attempt_at",
        lastAttemptAt == 0 ? null : Instant.ofEpochMilli(lastAttemptAt).toString());
    o.put(
        "next_attempt_at",
        nextAttemptAt == 0 ? null : Instant.ofEpochMilli(nextAttemptAt).toString());
    o.put("delivered_at", deliveredAt == 0 ? null : Instant.ofEpochMilli(deliveredAt).toString());
    return o;
  }
}
