package dev.treue.core.offers;

import dev.treue.core.customer.CustomerState;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * Everything a ranking needs to know about one member and the moment.
 *
 * @param customerId the member
 * @param state the member's state, or null for a member Treue does not know (cold start)
 * @param day the UTC epoch day of the decision
 * @param channel the channel the rewards will be shown in, or null for any
 * @param retention what the retention bonus knows of the member's standing: the churn probability of
 *     an active member (the base rate for unknown members), the win-back view of a lapsed one
 * @param consent the member allows profiling; without it nothing is eligible
 * @param catalog the offers, retired ones included for history; only {@code candidates} are ranked
 * @param candidates the offers that may be shown (the live part of the catalogue)
 * @param timesIssued grants of an offer to this member so far, by offer id
 * @param budgetLeft money left in an offer's budget, by offer id
 */
public record RankingInput(
    String customerId,
    CustomerState state,
    int day,
    String channel,
    RetentionSignal retention,
    boolean consent,
    OfferCatalog catalog,
    java.util.List<Offer> candidates,
    ToIntFunction<String> timesIssued,
    ToDoubleFunction<String> budgetLeft) {

  /** The input of an active member (or a cold start) with their churn probability. */
  public RankingInput(
      String customerId,
      CustomerState state,
      int day,
      String channel,
      double churnProbability,
      boolean consent,
      OfferCatalog catalog,
      java.util.List<Offer> candidates,
      ToIntFunction<String> timesIssued,
      ToDoubleFunction<String> budgetLeft) {
    this(
        customerId,
        state,
        day,
        channel,
        RetentionSignal.churnRisk(churnProbability),
        consent,
        catalog,
        candidates,
        timesIssued,
        budgetLeft);
  }
}
