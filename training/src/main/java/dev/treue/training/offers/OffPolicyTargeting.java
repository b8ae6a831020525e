package dev.treue.training.offers;

import dev.treue.core.offers.OffPolicyEstimate;
import dev.treue.training.report.OffPolicyResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the new model's targeting would have achieved on the evaluation window, estimated from the
 * logged sends before it is promoted: each campaign goes to the same share of its eligible members
 * as the logging policy sent it to (its mean logged propensity), but to the members the model
 * scores highest instead of those the logging policy picked.
 *
 * <p>The logged sends are a propensity-weighted sample of the eligible members, so the model's
 * choice among all eligible members is estimated by the weighted top share of the sends' scores: a
 * send gets new-policy probability 1 when its score reaches the weighted (1 - share) quantile of
 * its campaign, else 0. {@link OffPolicyEstimate} then weighs each logged send's redemption by
 * new / logging probability: IPS and self-normalised IPS estimate the redemption rate per offer
 * sent under the model's targeting, beside the logged rate.
 */
final class OffPolicyTargeting {
  /** Importance weights above this are clipped. */
  static final double MAX_WEIGHT = 20;

  private OffPolicyTargeting() {}

  /** The estimate, or why there is none. */
  static OffPolicyResult estimate(Exposures eval, double[] scores) {
    Map<String, List<Integer>> campaigns = new LinkedHashMap<>();
    int logged = 0;
    for (int i = 0; i < eval.size(); i++) {
      if (!Double.isNaN(eval.propensities()[i])) {
        campaigns.computeIfAbsent(eval.offerIds()[i], o -> new ArrayList<>()).add(i);
        logged++;
      }
    }
    if (logged == 0) {
      return new OffPolicyResult.Unavailable(
          "no impressions table: the logging propensities are unknown");
    }
    OffPolicyEstimate estimate = new OffPolicyEstimate(MAX_WEIGHT);
    for (List<Integer> sends : campaigns.values()) {
      double share = 0;
      for (int i : sends) {
        share += eval.propensities()[i] / sends.size();
      }
      double threshold = weightedUpperQuantile(eval, scores, sends, share);
      for (int i : sends) {
        double chosen = scores[i] >= threshold ? 1 : 0;
        estimate.add(eval.redeemed()[i] ? 1 : 0, eval.propensities()[i], chosen);
      }
    }
    return new OffPolicyResult.Estimated(
        "each campaign to the same share of eligible members, the model's highest scores first",
        estimate.count(),
        campaigns.size(),
        OfferEvaluation.finite(estimate.loggedValue()),
        OfferEvaluation.finite(estimate.ips()),
        OfferEvaluation.finite(estimate.ipsStandardError()),
        OfferEvaluation.finite(estimate.snips()),
        OfferEvaluation.finite(estimate.effectiveSampleSize()),
        estimate.clipped(),
        OfferEvaluation.finite(estimate.snips() / estimate.loggedValue()));
  }

  /**
   * The score above which the top {@code share} of the campaign's eligible members lie, each send
   * standing for 1 / propensity eligible members.
   */
  private static double weightedUpperQuantile(
      Exposures eval, double[] scores, List<Integer> sends, double share) {
    List<Integer> order = new ArrayList<>(sends);
    order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]));
    double total = 0;
    for (int i : order) {
      total += 1 / eval.propensities()[i];
    }
    double wanted = share * total;
    double seen = 0;
    for (int i : order) {
      seen += 1 / eval.propensities()[i];
      if (seen >= wanted) {
        return scores[i];
      }
    }
    return Double.NEGATIVE_INFINITY;
  }
}
