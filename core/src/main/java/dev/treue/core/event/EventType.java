package dev.treue.core.event;

import java.util.Locale;

/** The kinds of loyalty event in the data contract, with their wire names. */
public enum EventType {
  PURCHASE,
  RETURN,
  POINTS_EARNED,
  POINTS_REDEEMED,
  POINTS_EXPIRED,
  OFFER_SENT,
  OFFER_VIEWED,
  OFFER_REDEEMED,
  APP_SESSION,
  EMAIL_OPEN,
  TIER_CHANGE;

  private static final java.util.Map<String, EventType> BY_WIRE_NAME = new java.util.HashMap<>();

  static {
    for (EventType t : values()) {
      BY_WIRE_NAME.put(t.wireName(), t);
    }
  }

  // Lower-cased once: an import asks for every event's (1.9% of a validate --out profile).
  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The name used in files and JSON, e.g. {@code points_earned}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static EventType fromWire(String name) {
    if (name != null) {
      // Exact names are the hot path (millions of rows); trimming is the tolerant fallback.
      EventType t = BY_WIRE_NAME.get(name);
      if (t == null) {
        t = BY_WIRE_NAME.get(name.trim());
      }
      if (t != null) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown event type '" + name + "', expected one of " + wireNames());
  }

  /** All wire names, comma separated, for error messages. */
  public static String wireNames() {
    StringBuilder b = new StringBuilder();
    for (EventType t : values()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(t.wireName());
    }
    return b.toString();
  }
}
