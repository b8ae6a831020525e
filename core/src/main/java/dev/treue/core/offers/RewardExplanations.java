package dev.treue.core.offers;

import dev.treue.core.customer.TierLadder;
import dev.treue.core.feature.ChurnFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why a reward was chosen, in words a member or a marketer understands ("62% of your spend is in
 * coffee", "you used 3 of your 4 discount offers", "you shop about every 9 days", "45.00 more spend
 * to reach gold"). Built from the same facts the features use; at most three, strongest first.
 */
final class RewardExplanations {
  private static final int MAX = 3;
  private static final double CATEGORY_SHARE = 0.25;

  private RewardExplanations() {}

  static List<String> explain(
      Offer offer,
      double p,
      OfferFeatures.Member member,
      boolean atRisk,
      RetentionSignal retention) {
    List<String> out = new ArrayList<>();
    double[] c = member.churnFeatures();
    double share = member.categoryShare(offer.category());
    if (share >= CATEGORY_SHARE) {
      out.add(
          String.format(
              Locale.ROOT,
              "%d%% of your spend is in %s",
              Math.round(share * 100),
              offer.category()));
    }
    int sent = member.kindSent(offer.kind());
    int used = member.kindRedeemed(offer.kind());
    if (used > 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "you used %d of your %d %s offers",
              used,
              Math.max(sent, used),
              offer.kind().wireName().replace('_', ' ')));
    }
    double rate = c[ChurnFeature.PURCHASE_RATE.ordinal()];
    if (rate >= 2) {
      out.add(String.format(Locale.ROOT, "you shop about every %d days", Math.round(30 / rate)));
    }
    int tier = member.state().tierRank();
    double toNext = c[ChurnFeature.DISTANCE_TO_NEXT_TIER.ordinal()];
    double basket = c[ChurnFeature.AVG_BASKET_365.ordinal()];
    if (tier < TierLadder.NAMES.size() - 1 && toNext > 0 && basket > 0 && toNext <= 3 * basket) {
      out.add(
          String.format(
              Locale.ROOT, "%.2f more spend to reach %s", toNext, TierLadder.name(tier + 1)));
    }
    if (offer.pointsCost() > 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "your %,d points cover its %,d points",
              member.state().pointsBalance(),
              offer.pointsCost()));
    }
    if (atRisk) {
      out.add(retention.explanation());
    }
    if (out.isEmpty()) {
      out.add(
          String.format(
              Locale.ROOT,
              "%s worth %.2f, %d%% likely to be used",
              offer.kind().wireName().replace('_', ' '),
              offer.value(),
              Math.round(p * 100)));
    }
    return out.size() > MAX ? List.copyOf(out.subList(0, MAX)) : out;
  }
}
