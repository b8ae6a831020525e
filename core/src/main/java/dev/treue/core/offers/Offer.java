package dev.treue.core.offers;

import java.util.Set;

/**
 * One row of the {@code offers} table: a reward the programme can give.
 *
 * @param offerId unique id
 * @param kind what the member gets
 * @param category the product category it applies to, or null for any
 * @param value value to the member, in programme currency
 * @param cost cost to the programme per redemption
 * @param pointsCost points the member pays; 0 = none
 * @param minTierRank lowest tier rank that may get it (see {@link dev.treue.core.customer.TierLadder})
 * @param validFromDay first valid UTC epoch day
 * @param validToDay last valid UTC epoch day, inclusive
 * @param budget total budget in programme currency
 * @param perCustomerCap redemptions allowed per member
 * @param channels channels it may be sent through, lower case; empty = any
 */
public record Offer(
    String offerId,
    OfferKind kind,
    String category,
    double value,
    double cost,
    long pointsCost,
    int minTierRank,
    int validFromDay,
    int validToDay,
    double budget,
    int perCustomerCap,
    Set<String> channels)
    implements java.io.Serializable {

  public Offer {
    channels = Set.copyOf(channels);
  }

  /** True when the offer may be given on the UTC epoch day. */
  public boolean validOn(int day) {
    return day >= validFromDay && day <= validToDay;
  }

  /** True when the offer may go out through the channel (any channel when none are listed). */
  public boolean allowsChannel(String channel) {
    return channels.isEmpty() || channel != null && channels.contains(channel);
  }
}
