package dev.treue.core.offers;

import java.util.Optional;

/**
 * The programme's rules for whether a member may get an offer, in one place for batch scoring and
 * the service. The member's side comes in as plain values, so the caller decides where they are
 * read from (the member state, Redis counters).
 */
public final class OfferEligibility {
  private OfferEligibility() {}

  /**
   * What is known about the member and the moment.
   *
   * @param consent the member allows profiling
   * @param tierRank the member's tier rank
   * @param pointsBalance the member's points
   * @param timesIssued how often the member already got this offer
   * @param day the UTC epoch day of the decision
   * @param channel the channel it would go out through, or null for any
   * @param budgetLeft the offer's remaining budget in programme currency
   */
  public record Context(
      boolean consent,
      int tierRank,
      long pointsBalance,
      int timesIssued,
      int day,
      String channel,
      double budgetLeft) {}

  /** Empty when the member may get the offer, else the first rule that fails. */
  public static Optional<Ineligibility> check(Offer offer, Context c) {
    if (!c.consent()) {
      return Optional.of(Ineligibility.NO_CONSENT);
    }
    if (!offer.validOn(c.day())) {
      return Optional.of(Ineligibility.NOT_VALID_TODAY);
    }
    if (c.channel() != null && !offer.allowsChannel(c.channel())) {
      return Optional.of(Ineligibility.WRONG_CHANNEL);
    }
    if (c.tierRank() < offer.minTierRank()) {
      return Optional.of(Ineligibility.TIER_TOO_LOW);
    }
    if (c.pointsBalance() < offer.pointsCost()) {
      return Optional.of(Ineligibility.NOT_ENOUGH_POINTS);
    }
    if (c.timesIssued() >= offer.perCustomerCap()) {
      return Optional.of(Ineligibility.CAP_REACHED);
    }
    if (c.budgetLeft() < offer.cost()) {
      return Optional.of(Ineligibility.BUDGET_SPENT);
    }
    return Optional.empty();
  }
}
