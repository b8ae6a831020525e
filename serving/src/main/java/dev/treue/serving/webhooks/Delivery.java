package dev.treue.serving.webhooks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
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

  // Checks payloads without building them (isJsonObject); thread-safe.
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
    JsonObject head =
        new JsonObject()
            .put("delivery_id", deliveryId)
            .put("event_id", eventId)
            .put("kind", kind)
            .put("customer_id", customerId)
            .put("fired_at", firedAt);
    if (!isJsonObject(payload)) {
      // None, or not a JSON object: passed on as text (or null) rather than dropped.
      return head.put("payload", payload == null || payload.isBlank() ? null : payload).encode();
    }
    // The payload is spliced in as the trigger wrote it: parsing it into a tree and encoding it
    // again was most of delivery's CPU (its numbers are doubles) for the same text.
    String fields = head.encode();
    return fields.substring(0, fields.length() - 1) + ",\"payload\":" + payload + "}";
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

  /** The stored form. */
  public String encode() {
    return new JsonObject()
        .put("delivery_id", deliveryId)
        .put("subscription_id", subscriptionId)
        .put("event_id", eventId)
        .put("kind", kind)
        .put("customer_id", customerId)
        .put("fired_at", firedAt)
        .put("payload", payload)
        .put("status", status)
        .put("attempts", attempts)
        .put("last_status_code", lastStatusCode)
        .put("last_latency_ms", lastLatencyMs)
        .put("last_error", lastError)
        .put("created_at", createdAt)
        .put("last_attempt_at", lastAttemptAt)
        .put("next_attempt_at", nextAttemptAt)
        .put("delivered_at", deliveredAt)
        .encode();
  }

  /** Reads the stored form. */
  public static Delivery decode(String stored) {
    JsonObject o = new JsonObject(stored);
    return new Delivery(
        o.getString("delivery_id"),
        o.getString("subscription_id"),
        o.getString("event_id"),
        o.getString("kind"),
        o.getString("customer_id"),
        o.getString("fired_at"),
        o.getString("payload"),
        o.getString("status"),
        o.getInteger("attempts", 0),
        o.getInteger("last_status_code"),
        o.getLong("last_latency_ms"),
        o.getString("last_error"),
        o.getLong("created_at", 0L),
        o.getLong("last_attempt_at", 0L),
        o.getLong("next_attempt_at", 0L),
        o.getLong("delivered_at", 0L));
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
