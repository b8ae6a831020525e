package dev.treue.core.offers;

import dev.treue.core.churn.Reason;
import dev.treue.core.churn.ReasonArg;
import dev.treue.core.churn.ReasonWords;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.i18n.Language;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Why a reward was chosen, in words a member or a marketer understands ("62% of your spend is in
 * coffee", "you used 3 of your 4 discount offers", "you shop about every 9 days", "€45.00 more
 * spend to reach gold"), in English or German ({@link RewardPhrase}). Built from the same facts the
 * features use; at most three, strongest first. {@link #reasons} gives them language-neutral (the
 * form an at-risk row stores, {@link Reason}), {@link #explain} in the words of one language.
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
    return explain(offer, p, member, atRisk, retention, Language.EN);
  }

  static List<String> explain(
      Offer offer,
      double p,
      OfferFeatures.Member member,
      boolean atRisk,
      RetentionSignal retention,
      Language lang) {
    return words(lang, ReasonWords.DEFAULT_CURRENCY)
        .render(reasons(offer, p, member, atRisk, retention));
  }

  /** The words of {@code language}, money in {@code currency}. */
  static ReasonWords words(Language language, Currency currency) {
    return ReasonWords.of(language, currency);
  }

  /** The explanation language-neutral: each line's phrase and its quantities. */
  static List<Reason> reasons(
      Offer offer,
      double p,
      OfferFeatures.Member member,
      boolean atRisk,
      RetentionSignal retention) {
    List<Reason> out = new ArrayList<>();
    double[] c = member.churnFeatures();
    double share = member.categoryShare(offer.category());
    if (share >= CATEGORY_SHARE) {
      out.add(
          Reason.of(
              RewardPhrase.CATEGORY_SHARE,
              ReasonArg.percent(share),
              ReasonArg.text(offer.category())));
    }
    int sent = member.kindSent(offer.kind());
    int used = member.kindRedeemed(offer.kind());
    if (used > 0) {
      out.add(
          Reason.of(
              RewardPhrase.KIND_USED,
              ReasonArg.count(used),
              ReasonArg.count(Math.max(sent, used)),
              kind(offer)));
    }
    double rate = c[ChurnFeature.PURCHASE_RATE.ordinal()];
    if (rate >= 2) {
      out.add(Reason.of(RewardPhrase.SHOPS_EVERY, ReasonArg.count(Math.round(30 / rate))));
    }
    int tier = member.state().tierRank();
    double toNext = c[ChurnFeature.DISTANCE_TO_NEXT_TIER.ordinal()];
    double basket = c[ChurnFeature.AVG_BASKET_365.ordinal()];
    if (tier < TierLadder.NAMES.size() - 1 && toNext > 0 && basket > 0 && toNext <= 3 * basket) {
      out.add(
          Reason.of(
              RewardPhrase.TO_NEXT_TIER,
              ReasonArg.money(toNext),
              ReasonArg.text(TierLadder.name(tier + 1))));
    }
    if (offer.pointsCost() > 0) {
      out.add(
          Reason.of(
              RewardPhrase.POINTS_COVER,
              ReasonArg.grouped(member.state().pointsBalance()),
              ReasonArg.grouped(offer.pointsCost())));
    }
    if (atRisk) {
      out.add(retention.reason());
    }
    if (out.isEmpty()) {
      out.add(
          Reason.of(
              RewardPhrase.FALLBACK,
              kind(offer),
              ReasonArg.money(offer.value()),
              ReasonArg.percent(p)));
    }
    return out.size() > MAX ? List.copyOf(out.subList(0, MAX)) : out;
  }

  private static ReasonArg kind(Offer offer) {
    return ReasonArg.text(offer.kind().wireName().replace('_', ' '));
  }
}
