package dev.treue.core.offers;

import java.util.Locale;

/**
 * How rewards are ranked: the objective, the churn-aware retention bonus and the exploration share.
 *
 * @param objective what the ranking maximises
 * @param marginRate share of a purchase's value the programme keeps; a redemption comes with a
 *     purchase about the member's average basket, so that margin is the redemption's value
 * @param defaultBasket basket value assumed for members without purchases in the last year
 * @param retentionThreshold churn probability from which retention counts
 * @param retentionWeight how much of the year's margin a redemption saves for a member at risk: above
 *     the threshold, a candidate gains weight x p x churn probability x the member's yearly margin,
 *     which prefers the offers most likely to bring the member back; 0 turns retention off
 * @param explorationShare share of slots filled at random from the eligible offers not yet shown
 *     (epsilon-greedy), so offers with little data get exposures; each shown offer carries the
 *     probability with which it was chosen
 */
public record RankingPolicy(
    RankingObjective objective,
    double marginRate,
    double defaultBasket,
    double retentionThreshold,
    double retentionWeight,
    double explorationShare)
    implements java.io.Serializable {

  public RankingPolicy {
    if (objective == null) {
      throw new IllegalArgumentException("ranking objective is missing");
    }
    check("margin_rate", marginRate, 0, 1);
    check("default_basket", defaultBasket, 0, Double.MAX_VALUE);
    check("retention_threshold", retentionThreshold, 0, 1);
    check("retention_weight", retentionWeight, 0, Double.MAX_VALUE);
    check("exploration_share", explorationShare, 0, 1);
  }

  private static void check(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", got " + value);
    }
  }

  /** Expected profit, 30% margin, a 30.00 default basket, retention from 0.5 at weight 1, 10% exploration. */
  public static RankingPolicy defaults() {
    return new RankingPolicy(RankingObjective.EXPECTED_PROFIT, 0.3, 30, 0.5, 1.0, 0.1);
  }

  /** The same policy without exploration, as batch scoring uses it. */
  public RankingPolicy greedy() {
    return new RankingPolicy(
        objective, marginRate, defaultBasket, retentionThreshold, retentionWeight, 0);
  }

  /** A short name for logs, e.g. {@code expected_profit/eps=0.10/ret=0.50x1.0}. */
  public String label() {
    return String.format(
        Locale.ROOT,
        "%s/eps=%.2f/ret=%.2fx%.1f",
        objective.wireName(),
        explorationShare,
        retentionThreshold,
        retentionWeight);
  }
}
