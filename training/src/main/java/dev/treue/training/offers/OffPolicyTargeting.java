package dev.treue.training.offers;

import dev.treue.core.offers.OffPolicyEstimate;
import dev.treue.training.report.OffPolicyResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a ranking's targeting would have achieved on the evaluation window, estimated from the
 * logged sends before it is used: each campaign goes to the same share of its eligible members as
 * the logging policy sent it to (its mean logged propensity), but to the members the ranking scores
 * highest instead of those the logging policy picked; optionally a share of each campaign stays
 * random exploration, as the logging policy's sends were.
 *
 * <p>The logged sends are a propensity-weighted sample of the eligible members, so the ranking's
 * choice among all eligible members is estimated by the weighted top share of the sends' scores: a
 * send is chosen when its score reaches the weighted (1 - share) quantile of its campaign. With
 * exploration e, an eligible member is explored with probability e (then sent with the campaign's
 * share, at random) and otherwise sent when chosen: new-policy probability e x share + (1 - e) x
 * chosen. {@link OffPolicyEstimate} then weighs each logged send's redemption by new / logging
 * probability: IPS and self-normalised IPS estimate the redemption rate per offer sent under that
 * targeting, beside the logged rate.
 */
final class OffPolicyTargeting {
  /** Importance weights above this are clipped. */
  static final double MAX_WEIGHT = 20;

  private OffPolicyTargeting() {}

  /** The model's targeting without exploration (the report's estimate), or why there is none. */
  static OffPolicyResult estimate(LoggedSends sends) {
    return estimate(sends, sends.scores().get(LoggedSends.MODEL), 0, LoggedSends.MODEL);
  }

  /** The estimate of a ranking's targeting with exploration, or why there is none. */
  static OffPolicyResult estimate(
      LoggedSends sends, double[] scores, double exploration, String ranking) {
    if (sends.size() == 0) {
      return new OffPolicyResult.Unavailable(
          "no impressions table: the logging propensities are unknown");
    }
    double[] chosen = probabilities(sends, scores, exploration);
    OffPolicyEstimate estimate = new OffPolicyEstimate(MAX_WEIGHT);
    for (int i = 0; i < sends.size(); i++) {
      estimate.add(sends.redeemed()[i] ? 1 : 0, sends.propensities()[i], chosen[i]);
    }
    return new OffPolicyResult.Estimated(
        policy(ranking, exploration),
        estimate.count(),
        campaigns(sends).size(),
        OfferEvaluation.finite(estimate.loggedValue()),
        OfferEvaluation.finite(estimate.ips()),
        OfferEvaluation.finite(estimate.ipsStandardError()),
        OfferEvaluation.finite(estimate.snips()),
        OfferEvaluation.finite(estimate.effectiveSampleSize()),
        estimate.clipped(),
        OfferEvaluation.finite(estimate.snips() / estimate.loggedValue()));
  }

  /** The targeting's probability of each logged send (see the class comment). */
  static double[] probabilities(LoggedSends sends, double[] scores, double exploration) {
    if (!(exploration >= 0 && exploration <= 1)) {
      throw new IllegalArgumentException("exploration must be in [0, 1], got " + exploration);
    }
    double[] out = new double[sends.size()];
    for (List<Integer> campaign : campaigns(sends).values()) {
      double share = 0;
      for (int i : campaign) {
        share += sends.propensities()[i] / campaign.size();
      }
      double threshold = weightedUpperQuantile(sends, scores, campaign, share);
      for (int i : campaign) {
        double chosen = scores[i] >= threshold ? 1 : 0;
        out[i] = exploration * share + (1 - exploration) * chosen;
      }
    }
    return out;
  }

  private static String policy(String ranking, double exploration) {
    String who = LoggedSends.MODEL.equals(ranking) ? "the model's" : ranking + "'s";
    String base =
        "each campaign to the same share of eligible members, " + who + " highest scores first";
    return exploration == 0
        ? base
        : String.format(Locale.ROOT, "%s, %.0f%% of them at random", base, 100 * exploration);
  }

  private static Map<String, List<Integer>> campaigns(LoggedSends sends) {
    Map<String, List<Integer>> campaigns = new LinkedHashMap<>();
    for (int i = 0; i < sends.size(); i++) {
      campaigns.computeIfAbsent(sends.offerIds()[i], o -> new ArrayList<>()).add(i);
    }
    return campaigns;
  }

  /**
   * The score above which the top {@code share} of the campaign's eligible members lie, each send
   * standing for 1 / propensity eligible members.
   */
  private static double weightedUpperQuantile(
      LoggedSends sends, double[] scores, List<Integer> campaign, double share) {
    List<Integer> order = new ArrayList<>(campaign);
    order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]));
    double total = 0;
    for (int i : order) {
      total += 1 / sends.propensities()[i];
    }
    double wanted = share * total;
    double seen = 0;
    for (int i : order) {
      seen += 1 / sends.propensities()[i];
      if (seen >= wanted) {
        return scores[i];
      }
    }
    return Double.NEGATIVE_INFINITY;
  }
}
