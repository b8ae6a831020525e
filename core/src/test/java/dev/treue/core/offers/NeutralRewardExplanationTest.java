package dev.treue.core.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.churn.Reason;
import dev.treue.core.churn.ReasonWords;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.Numbers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Reward explanations built language-neutral ({@link RewardExplanations#reasons}) say, in every
 * language, what the words the rewards API wrote before said, and read the same after the at-risk
 * row's stored form ({@link Reason#encode}).
 */
class NeutralRewardExplanationTest {
  private static final int DAY = (int) LocalDate.parse("2025-06-01").toEpochDay();
  private static final String[] CATEGORIES = {"coffee", "bakery", "home_goods"};

  @Test
  void neutralExplanationsReadAsTheWordsWrittenBefore() {
    SplittableRandom rng = new SplittableRandom(14);
    Set<RewardPhrase> seen = EnumSet.noneOf(RewardPhrase.class);
    Set<String> grouped = new HashSet<>();
    for (int n = 0; n < 1_500; n++) {
      List<Offer> offers = offers(rng);
      CustomerState s = member(rng, offers);
      OfferFeatures.Member m =
          OfferFeatures.member(s, DAY, OfferCatalog.of(offers), OfferPriors.NONE);
      Offer offer = offers.get(rng.nextInt(offers.size()));
      double p = rng.nextDouble();
      boolean atRisk = rng.nextInt(3) == 0;
      RetentionSignal signal =
          rng.nextBoolean()
              ? RetentionSignal.churnRisk(rng.nextDouble())
              : RetentionSignal.winBack(rng.nextDouble());
      List<Reason> reasons = RewardExplanations.reasons(offer, p, m, atRisk, signal);
      for (Reason r : reasons) {
        seen.add((RewardPhrase) r.phrase());
        Reason stored = Reason.decode(r.encode());
        assertEquals(r, stored, r.encode());
      }
      for (Language lang : Language.values()) {
        List<String> before = wordsAsBefore(offer, p, m, atRisk, signal, lang);
        assertEquals(before, RewardExplanations.explain(offer, p, m, atRisk, signal, lang));
        List<Reason> decoded = reasons.stream().map(r -> Reason.decode(r.encode())).toList();
        assertEquals(before, ReasonWords.of(lang, ReasonWords.DEFAULT_CURRENCY).render(decoded));
        before.stream().filter(w -> w.matches(".*\\d[.,]\\d{3}\\b.*")).forEach(grouped::add);
      }
    }
    assertEquals(EnumSet.allOf(RewardPhrase.class), seen, "every phrase was built");
    assertTrue(grouped.size() > 10, "point balances above 1,000 were grouped: " + grouped);
  }

  @Test
  void anOfferPhraseIsStoredWithItsTableAndAChurnPhraseAsBefore() {
    String stored = RetentionSignal.churnRisk(0.71).reason().encode();
    assertEquals("r1|offer.RETENTION_PICK|%0.71", stored);
    assertEquals(
        "Auswahl zur Kundenbindung: Abwanderungsrisiko 71 %",
        ReasonWords.of(Language.DE, ReasonWords.DEFAULT_CURRENCY).render(Reason.decode(stored)));
    assertEquals(
        "win-back pick: 40% likely to have stopped buying",
        RetentionSignal.winBack(0.6).explanation(Language.EN));
  }

  private static List<Offer> offers(SplittableRandom rng) {
    List<Offer> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      OfferKind kind = OfferKind.values()[rng.nextInt(OfferKind.values().length)];
      long points = rng.nextInt(3) == 0 ? rng.nextLong(1, 3_000) : 0;
      out.add(
          new Offer(
              "o" + i,
              kind,
              CATEGORIES[rng.nextInt(CATEGORIES.length)],
              Math.round(rng.nextDouble(1, 40) * 1000) / 1000.0,
              1,
              points,
              0,
              DAY - 10,
              DAY + 10,
              1_000,
              5,
              Set.of("web")));
    }
    return out;
  }

  private static CustomerState member(SplittableRandom rng, List<Offer> offers) {
    CustomerState s = new CustomerState("m");
    List<LoyaltyEvent> events = new ArrayList<>();
    int purchases = rng.nextInt(0, 25);
    int every = rng.nextInt(2, 40);
    for (int i = 0; i < purchases; i++) {
      long ts = (DAY - 1L - (long) every * (purchases - i)) * 86_400_000L;
      events.add(
          new LoyaltyEvent(
              "p" + i,
              "m",
              ts,
              EventType.PURCHASE,
              Math.round(rng.nextDouble(5, 400) * 100) / 100.0,
              0,
              CATEGORIES[rng.nextInt(CATEGORIES.length)],
              null,
              "web"));
    }
    events.add(event("pts", EventType.POINTS_EARNED, DAY - 2, rng.nextLong(0, 20_000), null));
    for (int i = 0; i < rng.nextInt(0, 6); i++) {
      String id = offers.get(rng.nextInt(offers.size())).offerId();
      events.add(event("s" + i, EventType.OFFER_SENT, DAY - 60 + i, 0, id));
      if (rng.nextBoolean()) {
        events.add(event("r" + i, EventType.OFFER_REDEEMED, DAY - 50 + i, 0, id));
      }
    }
    events.sort(LoyaltyEvent.REPLAY_ORDER);
    events.forEach(s::apply);
    return s;
  }

  private static LoyaltyEvent event(String id, EventType type, int day, long points, String offer) {
    return new LoyaltyEvent(id, "m", day * 86_400_000L, type, 0, points, null, offer, "web");
  }

  /** The explanation as the words were written before they were stored language-neutral. */
  private static List<String> wordsAsBefore(
      Offer offer,
      double p,
      OfferFeatures.Member member,
      boolean atRisk,
      RetentionSignal retention,
      Language lang) {
    List<String> out = new ArrayList<>();
    double[] c = member.churnFeatures();
    double share = member.categoryShare(offer.category());
    if (share >= 0.25) {
      out.add(
          RewardPhrase.CATEGORY_SHARE.fill(lang, Numbers.percent(lang, share), offer.category()));
    }
    int sent = member.kindSent(offer.kind());
    int used = member.kindRedeemed(offer.kind());
    String kind = offer.kind().wireName().replace('_', ' ');
    if (used > 0) {
      out.add(
          RewardPhrase.KIND_USED.fill(
              lang, Integer.toString(used), Integer.toString(Math.max(sent, used)), kind));
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
              lang,
              Numbers.money(lang, toNext, ReasonWords.DEFAULT_CURRENCY),
              TierLadder.name(tier + 1)));
    }
    if (offer.pointsCost() > 0) {
      out.add(
          RewardPhrase.POINTS_COVER.fill(
              lang,
              Numbers.integer(lang, member.state().pointsBalance()),
              Numbers.integer(lang, offer.pointsCost())));
    }
    if (atRisk) {
      String percent = Numbers.percent(lang, retention.weight());
      out.add(
          retention.status() == dev.treue.core.customer.MemberStatus.LAPSED
              ? RewardPhrase.WIN_BACK_PICK.fill(lang, percent)
              : RewardPhrase.RETENTION_PICK.fill(lang, percent));
    }
    if (out.isEmpty()) {
      out.add(
          RewardPhrase.FALLBACK.fill(
              lang,
              kind,
              Numbers.money(lang, offer.value(), ReasonWords.DEFAULT_CURRENCY),
              Numbers.percent(lang, p)));
    }
    return out.size() > 3 ? List.copyOf(out.subList(0, 3)) : out;
  }
}
