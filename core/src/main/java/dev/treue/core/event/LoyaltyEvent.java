package dev.treue.core.event;

import static dev.treue.core.time.Days.DAY_MILLIS;

import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One row of the {@code events} table: something a member did or the programme did to a member.
 *
 * @param eventId unique id; a repeated id is the same event and is counted once
 * @param customerId the member
 * @param tsMillis when it happened, epoch milliseconds (UTC)
 * @param type what happened
 * @param amount money in programme currency (purchase and return value, positive); 0 when absent
 * @param points loyalty points moved (earned, redeemed, expired; positive); 0 when absent
 * @param category product category for purchases and offers, or the new tier for {@code tier_change}
 * @param offerId the offer for offer events, else null
 * @param channel where it happened (store, web, app, email), may be null
 */
public record LoyaltyEvent(
    String eventId,
    String customerId,
    long tsMillis,
    EventType type,
    double amount,
    long points,
    String category,
    String offerId,
    String channel)
    implements Serializable {

  /**
   * The order a member's events are folded into their state: by timestamp, ties by event id. Spark
   * replays and the service's event path both use it, so equal histories give equal states.
   */
  public static final Comparator<LoyaltyEvent> REPLAY_ORDER =
      Comparator.comparingLong(LoyaltyEvent::tsMillis)
          .thenComparing(LoyaltyEvent::eventId, Comparator.nullsFirst(Comparator.naturalOrder()));

  public LoyaltyEvent {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(type, "type");
  }

  /** The instant of the event. */
  public Instant ts() {
    return Instant.ofEpochMilli(tsMillis);
  }

  /** The UTC calendar day of the event, as days since 1970-01-01; all windows count these days. */
  public int epochDay() {
    return Math.toIntExact(Math.floorDiv(tsMillis, DAY_MILLIS));
  }
}
