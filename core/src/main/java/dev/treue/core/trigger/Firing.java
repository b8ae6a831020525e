package dev.treue.core.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One firing of a trigger, as it is kept in a member's outbox and as it is written to the tenant's
 * firing stream: the fields of {@link #fields()}.
 *
 * @param firingId stable unique id: the relay appends each id to the stream once, by this id
 * @param kind what fired
 * @param customerId the member
 * @param firedAt when the fold that fired it ran
 * @param heldOut true when the member is in the tenant's control group: recorded, never delivered
 * @param payload a JSON object: churn figures, reasons, CLV, value at risk, best reward (or null)
 *     and the kind's own fields
 */
public record Firing(
    String firingId,
    TriggerKind kind,
    String customerId,
    Instant firedAt,
    boolean heldOut,
    String payload) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The firing id of a kind for a member at a state revision, e.g. {@code
   * first_purchase:c-17:r4.1733390000000}: unique because a member's revisions only grow and the fold
   * time tells apart the revisions of a member erased and created again.
   *
   * @param part a kind-specific suffix (e.g. the milestone reached), or null
   */
  public static String id(
      TriggerKind kind, String customerId, long revision, Instant at, String part) {
    return kind.wireName()
        + ":"
        + customerId
        + ":r"
        + revision
        + "."
        + at.toEpochMilli()
        + (part == null ? "" : ":" + part);
  }

  /** The stream entry's fields, in the contract's names. */
  public Map<String, String> fields() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("firing_id", firingId);
    m.put("kind", kind.wireName());
    m.put("customer_id", customerId);
    m.put("fired_at", firedAt.toString());
    m.put("held_out", Boolean.toString(heldOut));
    m.put("payload", payload);
    return m;
  }

  /** The firing as one JSON text (how the outbox keeps it). */
  public String encode() {
    try {
      return JSON.writeValueAsString(fields());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads {@link #encode()}'s text, or a stream entry's fields. */
  public static Firing decode(String text) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, String> m = JSON.readValue(text, Map.class);
      return of(m);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a stored firing: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * A firing from stream entry fields.
   *
   * @throws IllegalArgumentException naming a field missing or unreadable
   */
  public static Firing of(Map<String, String> m) {
    for (String field :
        List.of("firing_id", "kind", "customer_id", "fired_at", "held_out", "payload")) {
      if (m.get(field) == null) {
        throw new IllegalArgumentException("not a firing: " + field + " is missing");
      }
    }
    try {
      Instant.parse(m.get("fired_at"));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "not a firing: fired_at is not an instant: " + m.get("fired_at"));
    }
    return new Firing(
        m.get("firing_id"),
        TriggerKind.fromWire(m.get("kind")),
        m.get("customer_id"),
        Instant.parse(m.get("fired_at")),
        Boolean.parseBoolean(m.get("held_out")),
        m.get("payload"));
  }
}
