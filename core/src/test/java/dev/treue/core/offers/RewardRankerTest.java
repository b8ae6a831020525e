package dev.treue.core.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Eligibility, expected value, retention and exploration of {@link RewardRanker}, on hand-made offers. */
class RewardRankerTest {
  private static final int DAY = (int) LocalDate.parse("2025-06-01").toEpochDay();

  /** A model whose probability is the offer's value / 100, so expected values are known by hand. */
  private static final ResponsePredictor VALUE_MODEL =
      vectors -> vectors.stream().mapToDouble(v -> v[OfferFeature.VALUE.ordinal()] / 100).toArray();

  private static Offer offer(
      String id, double value, double cost, int minTier, double budget, String... channels) {
    return new Offer(
        id,
        OfferKind.DISCOUNT,
        "coffee",
        value,
        cost,
        0,
        minTier,
        DAY - 10,
        DAY + 10,
        budget,
        1,
        Set.of(channels));
  }

  private static CustomerState member() {
    CustomerState s = new CustomerState("m");
    for (int i = 0; i < 10; i++) {
      // Ten baskets of 20.00: a 6.00 margin per purchase at the default 30%.
      s.apply(
          new LoyaltyEvent(
              "p" + i,
              "m",
              (DAY - 100 + 9L * i) * 86_400_000L,
              EventType.PURCHASE,
              20,
              0,
              "coffee",
              null,
              "web"));
    }
    return s;
  }

  private static RankingInput input(
      CustomerState s,
      double churn,
      boolean consent,
      List<Offer> offers,
      Map<String, Integer> issued,
      String channel) {
    return new RankingInput(
        "m",
        s,
        DAY,
        channel,
        churn,
        consent,
        OfferCatalog.of(offers),
        offers,
        id -> issued.getOrDefault(id, 0),
        id -> id.equals("broke") ? 1 : 1_000);
  }

  private static RankingPolicy policy(double retentionWeight, double epsilon) {
    return new RankingPolicy(
        RankingObjective.EXPECTED_PROFIT, 0.3, 30, 0.5, retentionWeight, epsilon);
  }

  @Test
  void ranksEligibleOffersByExpectedProfit() {
    // p = value/100; EV = p x (6.00 - cost).
    Offer a = offer("a", 50, 2, 0, 1e6); // 0.5 x 4 = 2.0
    Offer b = offer("b", 80, 5, 0, 1e6); // 0.8 x 1 = 0.8
    Offer c = offer("c", 30, 0, 0, 1e6); // 0.3 x 6 = 1.8
    Offer gold = offer("gold", 90, 0, 2, 1e6);
    Offer broke = offer("broke", 90, 2, 0, 1e6); // 1.00 left, costs 2.00
    Offer appOnly = offer("app", 90, 0, 0, 1e6, "app");
    Offer capped = offer("capped", 90, 0, 0, 1e6);
    List<Offer> all = List.of(a, b, c, gold, broke, appOnly, capped);
    RewardRanking r =
        new RewardRanker(policy(0, 0))
            .rank(
                input(member(), 0.1, true, all, Map.of("capped", 1), "email"),
                VALUE_MODEL,
                10,
                new SplittableRandom(1));
    assertEquals(
        List.of("a", "c", "b"), r.rewards().stream().map(x -> x.offer().offerId()).toList());
    assertEquals(2.0, r.rewards().get(0).expectedValue(), 1e-9);
    assertEquals(1.8, r.rewards().get(1).expectedValue(), 1e-9);
    assertEquals(List.of(1, 2, 3), r.rewards().stream().map(RankedReward::position).toList());
    assertEquals(3, r.eligibleCount());
    assertEquals(
        Map.of(
            Ineligibility.TIER_TOO_LOW,
            1,
            Ineligibility.BUDGET_SPENT,
            1,
            Ineligibility.WRONG_CHANNEL,
            1,
            Ineligibility.CAP_REACHED,
            1),
        r.excluded());
    assertTrue(r.rewards().stream().allMatch(x -> x.propensity() == 1.0 && !x.explored()));
    assertTrue(
        r.rewards().get(0).explanation().contains("100% of your spend is in coffee"),
        r.rewards().get(0).explanation().toString());
    assertFalse(r.coldStart());
  }

  @Test
  void withoutConsentNothingIsEligible() {
    Offer a = offer("a", 50, 2, 0, 1e6);
    RewardRanking r =
        new RewardRanker(policy(0, 0))
            .rank(
                input(member(), 0.1, false, List.of(a), Map.of(), null),
                VALUE_MODEL,
                3,
                new SplittableRandom(1));
    assertTrue(r.rewards().isEmpty());
    assertEquals(Map.of(Ineligibility.NO_CONSENT, 1), r.excluded());
  }

  @Test
  void explanationsComeInTheLanguageAsked() {
    Offer cheap = offer("cheap", 20, 0, 0, 1e6);
    Offer likely = offer("likely", 90, 5.5, 0, 1e6);
    RankingInput risky = input(member(), 0.8, true, List.of(cheap, likely), Map.of(), null);
    RewardRanker ranker = new RewardRanker(policy(1.0, 0));
    List<String> de =
        ranker
            .rank(risky, VALUE_MODEL, 1, new SplittableRandom(1), dev.treue.core.i18n.Language.DE)
            .rewards()
            .get(0)
            .explanation();
    List<String> en =
        ranker.rank(risky, VALUE_MODEL, 1, new SplittableRandom(1)).rewards().get(0).explanation();
    assertTrue(de.contains("100 % Ihrer Ausgaben entfallen auf coffee"), de.toString());
    assertTrue(de.contains("Auswahl zur Kundenbindung: Abwanderungsrisiko 80 %"), de.toString());
    assertTrue(en.contains("retention pick: churn risk 80%"), en.toString());
    assertEquals(en.size(), de.size());
  }

  @Test
  void amountsInExplanationsAreMoneyInTheProgrammeCurrency() {
    // Ten baskets of 45.00 in tea: 450 of the 500 silver needs, 50.00 to go, within three baskets.
    CustomerState s = new CustomerState("m");
    for (int i = 0; i < 10; i++) {
      s.apply(
          new LoyaltyEvent(
              "t" + i,
              "m",
              (DAY - 300 + 25L * i) * 86_400_000L,
              EventType.PURCHASE,
              45,
              0,
              "tea",
              null,
              "web"));
    }
    Offer a = offer("a", 50, 2, 0, 1e6);
    RankingInput in = input(s, 0.1, true, List.of(a), Map.of(), null);
    RewardRanker swiss = new RewardRanker(policy(0, 0), java.util.Currency.getInstance("CHF"));
    List<String> en =
        swiss.rank(in, VALUE_MODEL, 1, new SplittableRandom(1)).rewards().get(0).explanation();
    List<String> de =
        swiss
            .rank(in, VALUE_MODEL, 1, new SplittableRandom(1), dev.treue.core.i18n.Language.DE)
            .rewards()
            .get(0)
            .explanation();
    assertTrue(en.contains("CHF 50.00 more spend to reach silver"), en.toString());
    assertTrue(de.contains("noch 50,00 CHF Umsatz bis zur Stufe silver"), de.toString());
    List<String> euro =
        new RewardRanker(policy(0, 0))
            .rank(in, VALUE_MODEL, 1, new SplittableRandom(1))
            .rewards()
            .get(0)
            .explanation();
    assertTrue(euro.contains("€50.00 more spend to reach silver"), euro.toString());
  }

  @Test
  void membersAtRiskGetTheOfferMostLikelyToBringThemBack() {
    Offer cheap = offer("cheap", 20, 0, 0, 1e6); // p 0.2, EV 1.2
    Offer likely = offer("likely", 90, 5.5, 0, 1e6); // p 0.9, EV 0.45
    List<Offer> both = List.of(cheap, likely);
    RewardRanker ranker = new RewardRanker(policy(1.0, 0));
    RankingInput safe = input(member(), 0.2, true, both, Map.of(), null);
    assertEquals(
        "cheap",
        ranker
            .rank(safe, VALUE_MODEL, 1, new SplittableRandom(1))
            .rewards()
            .get(0)
            .offer()
            .offerId());
    // At churn 0.8 a redemption also saves 0.8 x a year's margin (0.3 x 200 = 60) x p.
    RankingInput risky = input(member(), 0.8, true, both, Map.of(), null);
    RankedReward top = ranker.rank(risky, VALUE_MODEL, 1, new SplittableRandom(1)).rewards().get(0);
    assertEquals("likely", top.offer().offerId());
    assertEquals(0.45 + 0.9 * 0.8 * 60, top.expectedValue(), 1e-9);
    assertTrue(
        top.explanation().stream().anyMatch(e -> e.startsWith("retention pick")),
        top.explanation().toString());
  }

  @Test
  void loggedPropensitiesMatchHowOftenOffersAreShown() {
    List<Offer> offers =
        List.of(
            offer("a", 50, 2, 0, 1e6),
            offer("b", 40, 2, 0, 1e6),
            offer("c", 30, 2, 0, 1e6),
            offer("d", 20, 2, 0, 1e6));
    RewardRanker ranker = new RewardRanker(policy(0, 0.3));
    RankingInput in = input(member(), 0.1, true, offers, Map.of(), null);
    SplittableRandom rng = new SplittableRandom(42);
    Map<String, Integer> shownFirst = new HashMap<>();
    Map<String, Double> loggedFirst = new HashMap<>();
    int runs = 40_000;
    int explored = 0;
    for (int i = 0; i < runs; i++) {
      RankedReward first = ranker.rank(in, VALUE_MODEL, 2, rng).rewards().get(0);
      shownFirst.merge(first.offer().offerId(), 1, Integer::sum);
      loggedFirst.put(first.offer().offerId(), first.propensity());
      explored += first.explored() ? 1 : 0;
    }
    assertEquals(0.7 + 0.3 / 4, loggedFirst.get("a"), 1e-12);
    assertEquals(0.3 / 4, loggedFirst.get("d"), 1e-12);
    for (String id : List.of("a", "b", "c", "d")) {
      assertEquals(loggedFirst.get(id), shownFirst.get(id) / (double) runs, 0.01, id);
    }
    assertEquals(0.3, explored / (double) runs, 0.01);
  }

  @Test
  void unknownMembersAreRankedOnOfferAttributesAndFlagged() {
    List<Offer> offers = List.of(offer("a", 50, 2, 0, 1e6), offer("b", 10, 0, 0, 1e6));
    RankingInput in =
        new RankingInput(
            "new", null, DAY, null, 0.3, true, OfferCatalog.of(offers), offers, id -> 0, id -> 1e6);
    RewardRanking r =
        new RewardRanker(policy(0, 0)).rank(in, VALUE_MODEL, 5, new SplittableRandom(1));
    assertTrue(r.coldStart());
    assertEquals(2, r.rewards().size());
    // No basket: the default 30.00 basket gives a 9.00 margin; 0.5 x 7 = 3.5 beats 0.1 x 9 = 0.9.
    assertEquals("a", r.rewards().get(0).offer().offerId());
    assertEquals(3.5, r.rewards().get(0).expectedValue(), 1e-9);
    assertFalse(r.rewards().get(0).explanation().isEmpty());
  }
}
