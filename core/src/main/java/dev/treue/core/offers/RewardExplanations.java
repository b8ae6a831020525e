package dev.treue.core.offers;

import dev.treue.core.customer.TierLadder;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.Numbers;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a reward was chosen, in words a member or a marketer understands ("62% of your spend is in
 * coffee", "you used 3 of your 4 discount offers", "you shop about every 9 days", "45.00 more spend
 * to reach gold"), in English or German ({@link RewardPhrase}). Built from the same facts the
 * features use; at most three, strongest first.
 */
final class RewardExplanations {
  private static final int MAX = 3;
  private static final double CATEGORY_SHARE = 0.25;

  private RewardExplanations() {}

  static List<String> explain(
      Offer offer, double p, OfferFeatures.Member member, boolean atRisk, double churn) {
    return explain(offer, p, member, atRisk, churn, Language.EN);
  }

  static List<String> explain(
      Offer offer,
      double p,
      OfferFeatures.Member member,
      boolean atRisk,
      double churn,
      Language lang) {
    List<String> out = new ArrayList<>();
    double[] c = member.churnFeatures();
    double share = member.categoryShare(offer.category());
    if (share >= CATEGORY_SHARE) {
      out.add(
          RewardPhrase.CATEGORY_SHARE.fill(lang, Numbers.percent(lang, share), offer.category()));
    }
    int sent = member.kindSent(offer.kind());
    int used = member.kindRedeemed(offer.kind());
    if (used > 0) {
      out.add(
          RewardPhrase.KIND_USED.fill(
              lang, Integer.toString(used), Integer.toString(Math.max(sent, used)), kind(offer)));
    }
    double rate = c[ChurnFeature.PURCHASE_RATE.ordinal()];
    if (rate >= 2) {
      out.add(RewardPhrase.SHOPS_EVERY.fill(lang, Long.toString(Math.round(30 / rate))));
    }
    int tier = member.state().tierRank();
    double toNext = c[ChurnFeature.DISTANCE_TO_NEXT_TIER.ordinal()];
    double basket = c[ChurnFeature.AVG_BASKET_365.ordinal()];
    if (tier < TierLadder.NAMES.size() - 1 && toNext > 0 && basket > 0 && toNext <= 3 * basket) {
      out.add(
          RewardPhrase.TO_NEXT_TIER.fill(
              lang, Numbers.decimal(lang, toNext, 2), TierLadder.name(tier + 1)));
    }
    if (offer.pointsCost() > 0) {
      out.add(
          RewardPhrase.POINTS_COVER.fill(
              lang,
              Numbers.integer(lang, member.state().pointsBalance()),
              Numbers.integer(lang, offer.pointsCost())));
    }
    if (atRisk) {
      out.add(RewardPhrase.RETENTION_PICK.fill(lang, Numbers.percent(lang, churn)));
    }
    if (out.isEmpty()) {
      out.add(
          RewardPhrase.FALLBACK.fill(
              lang,
              kind(offer),
              Numbers.decimal(lang, offer.value(), 2),
              Numbers.percent(lang, p)));
    }
    return out.size() > MAX ? List.copyOf(out.subList(0, MAX)) : out;
  }

  private static String kind(Offer offer) {
    return offer.kind().wireName().replace('_', ' ');
  }
}
