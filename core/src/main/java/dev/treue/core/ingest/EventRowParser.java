package dev.treue.core.ingest;

import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.id.IdRule;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates one row of the {@code events} table and turns it into a {@link LoyaltyEvent}, or into the
 * reason it was rejected. Thread-safe; create one per import (or per request) with the "now" that
 * future events are judged against.
 *
 * <p>Rules, checked in column order (the first failure is the reason):
 *
 * <ul>
 *   <li>{@code event_id}, {@code customer_id}: required, {@link IdRule#EVENT} and {@link IdRule#MEMBER},
 *       taken exactly as given (never trimmed)
 *   <li>{@code ts}: required, see {@link Timestamps}; not after "now"
 *   <li>{@code type}: required, one of the {@link EventType} wire names
 *   <li>{@code amount}: decimal, empty = 0; at most {@link #MAX_AMOUNT} in magnitude and at most
 *       {@link #AMOUNT_DECIMALS} decimal places (no amount overflows a sum; a member's sums of such
 *       amounts are exact while they stay below about 9e11, and the lifetime caps bound them); not
 *       negative for {@code purchase} and {@code return} (a return carries the positive value given back)
 *   <li>{@code points}: whole number, empty = 0, never negative (the type says the direction), at
 *       most {@link #MAX_POINTS}
 *   <li>{@code offer_id}: optional, empty = null, otherwise {@link IdRule#OFFER}
 *   <li>{@code category}, {@code channel}: optional text, blank = null
 * </ul>
 */
public final class EventRowParser {
  /** The contract columns in the order {@link #parse(String[])} expects them. */
  public static final List<String> COLUMNS =
      List.of(
          "event_id",
          "customer_id",
          "ts",
          "type",
          "amount",
          "points",
          "category",
          "offer_id",
          "channel");

  /** Columns a file must have; the others may be left out. */
  public static final Set<String> REQUIRED_COLUMNS =
      Set.of("event_id", "customer_id", "ts", "type");

  /** Largest amount of one event, in magnitude. */
  public static final double MAX_AMOUNT = 1e12;

  /** Most decimal places of an amount (0.0001 is the smallest non-zero amount). */
  public static final int AMOUNT_DECIMALS = 4;

  /** Most points of one event. */
  public static final long MAX_POINTS = 1_000_000_000_000_000L;

  private static final Map<String, EventType> TYPES = new HashMap<>();

  static {
    for (EventType t : EventType.values()) {
      TYPES.put(t.wireName(), t);
    }
  }

  private final long nowMillis;

  /** @param now events after this instant are rejected as coming from the future */
  public EventRowParser(Instant now) {
    this.nowMillis = now.toEpochMilli();
  }

  /** Resolves a file header against {@link #COLUMNS}; see {@link ColumnLayout#of}. */
  public static ColumnLayout layout(String[] header, String source) {
    return ColumnLayout.of(COLUMNS, REQUIRED_COLUMNS, header, source);
  }

  /** Validates a row given by column name (absent keys count as empty), e.g. a JSON body. */
  public Parsed<LoyaltyEvent> parse(Map<String, String> row) {
    String[] values = new String[COLUMNS.size()];
    for (int c = 0; c < values.length; c++) {
      values[c] = row.get(COLUMNS.get(c));
    }
    return parse(values);
  }

  /**
   * Validates a row given as values in {@link #COLUMNS} order (as {@link ColumnLayout#pick} returns
   * them); null means absent.
   */
  public Parsed<LoyaltyEvent> parse(String[] values) {
    if (values.length != COLUMNS.size()) {
      throw new IllegalArgumentException(
          "expected " + COLUMNS.size() + " values " + COLUMNS + ", got " + values.length);
    }
    String eventId = values[0];
    if (eventId == null || eventId.isBlank()) {
      return Parsed.reject("event_id: missing; expected a non-empty event id");
    }
    if (!IdRule.EVENT.accepts(eventId)) {
      return Parsed.reject(Fields.badId("event_id", eventId, IdRule.EVENT));
    }
    String customerId = values[1];
    if (customerId == null || customerId.isBlank()) {
      return Parsed.reject("customer_id: missing; expected a non-empty member id");
    }
    if (!IdRule.MEMBER.accepts(customerId)) {
      return Parsed.reject(Fields.badId("customer_id", customerId, IdRule.MEMBER));
    }
    String tsText = Fields.clean(values[2]);
    if (tsText == null) {
      return Parsed.reject("ts: missing; expected " + Timestamps.EXPECTED);
    }
    long ts = Timestamps.parseEpochMillis(tsText);
    if (ts == Timestamps.NO_OFFSET) {
      return Parsed.reject(
          "ts: " + Fields.shown(tsText) + " has no offset; expected " + Timestamps.EXPECTED);
    }
    if (ts == Timestamps.INVALID) {
      return Parsed.reject("ts: expected " + Timestamps.EXPECTED + ", got " + Fields.shown(tsText));
    }
    if (ts > nowMillis) {
      return Parsed.reject(
          "ts: "
              + Fields.shown(tsText)
              + " is in the future; expected a time at or before "
              + Instant.ofEpochMilli(nowMillis));
    }
    String typeText = Fields.clean(values[3]);
    EventType type = typeText == null ? null : TYPES.get(typeText);
    if (type == null) {
      return Parsed.reject("type: " + unknownTypeMessage(typeText));
    }
    double amount = 0;
    String amountText = Fields.clean(values[4]);
    if (amountText != null) {
      amount = Fields.decimal(amountText);
      if (Double.isNaN(amount)) {
        return Parsed.reject(
            "amount: expected a decimal number such as 12.50 (dot as decimal"
                + " separator), got "
                + Fields.shown(amountText));
      }
      if (!(Math.abs(amount) <= MAX_AMOUNT)) {
        return Parsed.reject(
            "amount: "
                + Fields.shown(amountText)
                + " is too large; expected at most 1e12 in"
                + " magnitude");
      }
      if (tooPrecise(amountText)) {
        return Parsed.reject(
            "amount: "
                + Fields.shown(amountText)
                + " has more than "
                + AMOUNT_DECIMALS
                + " decimal places; expected a multiple of 0.0001");
      }
      if (amount < 0 && (type == EventType.PURCHASE || type == EventType.RETURN)) {
        return Parsed.reject(
            "amount: "
                + Fields.shown(amountText)
                + " is negative; expected the"
                + " positive value of the "
                + type.wireName()
                + " (a refund is a return event with a positive amount)");
      }
    }
    long points = 0;
    String pointsText = Fields.clean(values[5]);
    if (pointsText != null) {
      points = Fields.whole(pointsText);
      if (points == Fields.NOT_WHOLE) {
        return Parsed.reject("points: expected a whole number, got " + Fields.shown(pointsText));
      }
      if (points > MAX_POINTS) {
        return Parsed.reject(
            "points: "
                + Fields.shown(pointsText)
                + " is too large; expected at most "
                + MAX_POINTS
                + " (1e15) per event");
      }
      if (points < 0) {
        return Parsed.reject(
            "points: "
                + Fields.shown(pointsText)
                + " is negative; expected points"
                + " >= 0 (the type says whether they were earned, redeemed or expired)");
      }
    }
    String offerId = values[7] == null || values[7].isBlank() ? null : values[7];
    if (offerId != null && !IdRule.OFFER.accepts(offerId)) {
      return Parsed.reject(Fields.badId("offer_id", offerId, IdRule.OFFER));
    }
    return Parsed.of(
        new LoyaltyEvent(
            eventId,
            customerId,
            ts,
            type,
            amount == 0 ? 0 : amount,
            points,
            Fields.clean(values[6]),
            offerId,
            Fields.clean(values[8])));
  }

  /** True when the decimal text has non-zero digits beyond {@link #AMOUNT_DECIMALS} places. */
  private static boolean tooPrecise(String text) {
    try {
      return new java.math.BigDecimal(text).stripTrailingZeros().scale() > AMOUNT_DECIMALS;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String unknownTypeMessage(String typeText) {
    if (typeText == null) {
      return "missing; expected one of " + EventType.wireNames();
    }
    try {
      EventType.fromWire(typeText);
      return "unexpected type "
          + Fields.shown(typeText); // not reached: the map holds every wire name
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
