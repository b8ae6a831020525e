package dev.treue.core.feature;

import static dev.treue.core.feature.ChurnFeature.*;
import static dev.treue.core.feature.Histories.day;
import static dev.treue.core.feature.Histories.event;
import static dev.treue.core.feature.Histories.fold;
import static dev.treue.core.feature.Histories.member;
import static dev.treue.core.feature.Histories.points;
import static dev.treue.core.feature.Histories.purchase;
import static dev.treue.core.feature.Histories.returned;
import static dev.treue.core.feature.Histories.simple;
import static dev.treue.core.feature.Histories.tier;
import static dev.treue.core.time.Days.DAY_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hand-computed feature values for edge cases; the arithmetic is in the comments. */
class ChurnFeaturesTest {
  private static final double EPS = 1e-12;

  /** The features that only look at the per-day buckets of the last 365 days. */
  static final Set<ChurnFeature> WINDOWED =
      EnumSet.of(
          FREQUENCY_30,
          FREQUENCY_90,
          FREQUENCY_180,
          FREQUENCY_365,
          MONETARY_30,
          MONETARY_90,
          MONETARY_180,
          MONETARY_365,
          SPEND_TREND,
          FREQUENCY_TREND,
          RETURN_RATE_365,
          AVG_BASKET_365,
          POINTS_EXPIRED_90,
          REDEMPTIONS_365,
          OFFERS_SENT_365,
          OFFERS_REDEEMED_365,
          APP_SESSIONS_30,
          APP_SESSIONS_90,
          EMAIL_OPENS_30,
          EMAIL_OPENS_90);

  private static double f(double[] v, ChurnFeature feature) {
    return v[feature.ordinal()];
  }

  private static void assertFeatures(Map<ChurnFeature, Double> expected, double[] actual) {
    assertEquals(ChurnFeature.values().length, actual.length);
    for (Map.Entry<ChurnFeature, Double> e : expected.entrySet()) {
      assertEquals(e.getValue(), f(actual, e.getKey()), EPS, e.getKey().featureName());
    }
  }

  @Test
  void singlePurchaseFullVector() {
    // signup 2024-01-01, one purchase of 50 (grocery) on 2024-01-11, as of 2024-01-31
    int asOf = day("2024-01-31");
    CustomerState s =
        fold(member(day("2024-01-01"), "basic"), purchase(day("2024-01-11"), 50, "grocery"));
    double[] v = ChurnFeatures.compute(s, asOf);

    Map<ChurnFeature, Double> x = new EnumMap<>(ChurnFeature.class);
    x.put(RECENCY_DAYS, 20.0); // 31 - 11
    x.put(HAS_PURCHASED, 1.0);
    x.put(TENURE_DAYS, 30.0); // 31 - 1
    x.put(FREQUENCY_30, 1.0); // age 20 < 30
    x.put(FREQUENCY_90, 1.0);
    x.put(FREQUENCY_180, 1.0);
    x.put(FREQUENCY_365, 1.0);
    x.put(MONETARY_30, 50.0);
    x.put(MONETARY_90, 50.0);
    x.put(MONETARY_180, 50.0);
    x.put(MONETARY_365, 50.0);
    x.put(PURCHASES_TOTAL, 1.0);
    x.put(SPEND_TOTAL, 50.0);
    x.put(PURCHASE_DAYS_TOTAL, 1.0);
    x.put(REPEAT_BUYER, 0.0);
    x.put(GAP_MEAN_DAYS, 0.0);
    x.put(GAP_STD_DAYS, 0.0);
    x.put(LAST_GAP_DAYS, 0.0);
    x.put(OVERDUE_RATIO, 20.0 / 30); // no repeat: recency / 30
    x.put(SPEND_TREND, Math.log(51.0 / 1.0)); // ln((50 + 1) / (0 + 1))
    x.put(FREQUENCY_TREND, 1.0); // 1 - (1 - 1)
    x.put(RETURN_RATE_365, 0.0);
    x.put(AVG_BASKET_365, 50.0); // 50 / 1
    x.put(POINTS_BALANCE, 0.0);
    x.put(POINTS_EXPIRING_30, 0.0);
    x.put(POINTS_EXPIRED_90, 0.0);
    x.put(TIER_RANK, 0.0);
    x.put(DISTANCE_TO_NEXT_TIER, 450.0); // silver needs 500: 500 - 50
    x.put(DAYS_SINCE_DOWNGRADE, 730.0); // never
    x.put(REDEMPTIONS_TOTAL, 0.0);
    x.put(REDEMPTIONS_365, 0.0);
    x.put(DAYS_SINCE_REDEMPTION, 730.0);
    x.put(OFFERS_SENT_365, 0.0);
    x.put(OFFERS_REDEEMED_365, 0.0);
    x.put(OFFER_RESPONSE_RATE, 0.25); // (0 + 1) / (0 + 4)
    x.put(APP_SESSIONS_30, 0.0);
    x.put(APP_SESSIONS_90, 0.0);
    x.put(EMAIL_OPENS_30, 0.0);
    x.put(EMAIL_OPENS_90, 0.0);
    x.put(DAYS_SINCE_ENGAGEMENT, 730.0);
    x.put(CATEGORY_CONCENTRATION, 1.0); // one category: 1^2
    x.put(CATEGORY_COUNT, 1.0);
    x.put(PURCHASE_DAYS_90, 1.0);
    x.put(PURCHASE_DAYS_365, 1.0);
    x.put(PURCHASE_RATE, 30.0 / 30); // 1 purchase day * 30 / max(30, 31 - 11 + 1 = 21)
    x.put(EXPECTED_MISSED_PURCHASES, 20.0 * 1.0 / 30); // recency 20 * rate 1 per 30 days
    x.put(APP_SESSIONS_365, 0.0);
    x.put(DAYS_SINCE_APP_SESSION, 730.0);
    x.put(DAYS_SINCE_EMAIL_OPEN, 730.0);
    x.put(APP_SESSIONS_SINCE_PURCHASE, 0.0);
    x.put(EMAIL_OPENS_SINCE_PURCHASE, 0.0);
    x.put(EXPECTED_ENGAGEMENT_SINCE_PURCHASE, 0.0); // no engagement before the purchase either
    x.put(ENGAGEMENT_SINCE_PURCHASE_RATIO, 0.0); // ln((0 + 1) / (0 + 1))
    x.put(ENGAGEMENT_TREND, 0.0); // ln((0 + 1) / (0 + 1))
    x.put(DAYS_SINCE_FIRST_PURCHASE, 20.0); // 31 - 11
    // The lifetime features wait for a lifetime model (LifetimeModelTest covers them).
    x.put(P_ALIVE, 0.0);
    x.put(EXPECTED_PURCHASES_90, 0.0);
    x.put(CLV, 0.0);
    assertEquals(ChurnFeature.values().length, x.size(), "every feature has an expectation");
    assertFeatures(x, v);
  }

  @Test
  void severalPurchasesOnOneDayAreOneVisit() {
    // 3 baskets on 2024-02-10: 10 (a), 20 (a), 30 (b); as of 2024-02-20
    int d = day("2024-02-10");
    CustomerState s =
        fold(
            member(day("2024-01-01"), "basic"),
            purchase(d, 10, "a"),
            purchase(d, 20, "a"),
            purchase(d, 30, "b"));
    double[] v = ChurnFeatures.compute(s, day("2024-02-20"));
    assertEquals(3, f(v, PURCHASES_TOTAL));
    assertEquals(1, f(v, PURCHASE_DAYS_TOTAL));
    assertEquals(3, f(v, FREQUENCY_30)); // every basket counts
    assertEquals(60, f(v, MONETARY_30), EPS); // 10 + 20 + 30
    assertEquals(0, f(v, REPEAT_BUYER)); // one day is no repeat
    assertEquals(0, f(v, GAP_MEAN_DAYS)); // no gap of 0 days
    assertEquals(0, f(v, LAST_GAP_DAYS));
    assertEquals(10, f(v, RECENCY_DAYS)); // 20 - 10
    assertEquals(10.0 / 30, f(v, OVERDUE_RATIO), EPS);
    assertEquals(20, f(v, AVG_BASKET_365), EPS); // 60 / 3
    assertEquals(0.5, f(v, CATEGORY_CONCENTRATION), EPS); // a 30, b 30: 0.5^2 + 0.5^2
    assertEquals(2, f(v, CATEGORY_COUNT));

    // two more baskets a week later: one gap of 7 days, counted once
    int d2 = day("2024-02-17");
    s.apply(purchase(d2, 5, "b"));
    s.apply(purchase(d2, 5, "b"));
    v = ChurnFeatures.compute(s, day("2024-02-20"));
    assertEquals(5, f(v, PURCHASES_TOTAL));
    assertEquals(2, f(v, PURCHASE_DAYS_TOTAL));
    assertEquals(1, f(v, REPEAT_BUYER));
    assertEquals(7, f(v, GAP_MEAN_DAYS), EPS);
    assertEquals(0, f(v, GAP_STD_DAYS), EPS); // one gap: no spread
    assertEquals(7, f(v, LAST_GAP_DAYS));
    assertEquals(3.0 / 7, f(v, OVERDUE_RATIO), EPS); // recency 3 over mean gap 7
  }

  @Test
  void returnsNetOutOfMonetaryAndCategories() {
    // 2024-03-01 buy 100 shoes, 03-05 buy 40 books, 03-10 return 30 shoes; as of 03-20
    CustomerState s =
        fold(
            member(day("2024-01-01"), "basic"),
            purchase(day("2024-03-01"), 100, "shoes"),
            purchase(day("2024-03-05"), 40, "books"),
            returned(day("2024-03-10"), 30, "shoes"));
    double[] v = ChurnFeatures.compute(s, day("2024-03-20"));
    assertEquals(110, f(v, MONETARY_30), EPS); // 100 + 40 - 30
    assertEquals(110, f(v, MONETARY_365), EPS);
    assertEquals(110, f(v, SPEND_TOTAL), EPS); // gross 140 - returns 30
    assertEquals(2, f(v, PURCHASES_TOTAL)); // a return is not a purchase
    assertEquals(2, f(v, FREQUENCY_30));
    assertEquals(0.5, f(v, RETURN_RATE_365), EPS); // 1 return / 2 purchases
    assertEquals(55, f(v, AVG_BASKET_365), EPS); // 110 / 2
  }

  @Test
  void returnsNetOutOfMonetaryAndCategoriesDetails() {
    CustomerState s =
        fold(
            member(day("2024-01-01"), "basic"),
            purchase(day("2024-03-01"), 100, "shoes"),
            purchase(day("2024-03-05"), 40, "books"),
            returned(day("2024-03-10"), 30, "shoes"));
    double[] v = ChurnFeatures.compute(s, day("2024-03-20"));
    assertEquals(15, f(v, RECENCY_DAYS)); // last purchase 03-05: 20 - 5; the return is no visit
    // shoes 100 - 30 = 70, books 40; total 110: (70/110)^2 + (40/110)^2 = 6500 / 12100
    assertEquals(6500.0 / 12100, f(v, CATEGORY_CONCENTRATION), EPS);
    assertEquals(2, f(v, CATEGORY_COUNT));
    assertEquals(distance(0, 110), f(v, DISTANCE_TO_NEXT_TIER), EPS); // 500 - 110 = 390
    assertEquals(390, f(v, DISTANCE_TO_NEXT_TIER), EPS);

    // returning all the books leaves one category with positive spend
    s.apply(returned(day("2024-03-15"), 40, "books"));
    v = ChurnFeatures.compute(s, day("2024-03-20"));
    assertEquals(1, f(v, CATEGORY_COUNT)); // books at 0 no longer counts
    assertEquals(1, f(v, CATEGORY_CONCENTRATION), EPS);
    assertEquals(70, f(v, MONETARY_30), EPS); // 140 - 70
    assertEquals(1.0, f(v, RETURN_RATE_365), EPS); // 2 returns / 2 purchases
    assertEquals(35, f(v, AVG_BASKET_365), EPS); // 70 / 2
  }

  private static double distance(int rank, double spend365) {
    return dev.treue.core.customer.TierLadder.distanceToNext(rank, spend365);
  }

  @Test
  void returnsBeyondPurchasesInWindowGiveNegativeNetAndFlooredTrend() {
    // 2024-01-10 buy 200; 2024-05-01 buy 10, 2024-05-02 return 150 of the January basket.
    // As of 2024-05-10: last 90 days = 02-11 .. 05-10: net 10 - 150 = -140;
    // days 90..179 (2023-11-13 .. 02-10): net 200.
    CustomerState s =
        fold(
            member(day("2023-01-01"), "basic"),
            purchase(day("2024-01-10"), 200, "x"),
            purchase(day("2024-05-01"), 10, "x"),
            returned(day("2024-05-02"), 150, "x"));
    double[] v = ChurnFeatures.compute(s, day("2024-05-10"));
    assertEquals(-140, f(v, MONETARY_90), EPS);
    assertEquals(60, f(v, MONETARY_180), EPS); // 200 + 10 - 150
    // ln((max(0, -140) + 1) / (max(0, 200) + 1)) = ln(1 / 201)
    assertEquals(Math.log(1.0 / 201), f(v, SPEND_TREND), EPS);
    assertEquals(0, f(v, FREQUENCY_TREND)); // 1 in last 90 - 1 in the 90 before
    assertEquals(30, f(v, AVG_BASKET_365), EPS); // 60 / 2
  }

  @Test
  void memberWithoutPurchaseUsesTenureAsRecency() {
    // signup 2024-01-01, as of 2024-03-01: 31 (Jan) + 29 (Feb, leap) = 60 days
    int asOf = day("2024-03-01");
    CustomerState s =
        fold(member(day("2024-01-01"), "silver"), simple(EventType.APP_SESSION, day("2024-02-01")));
    double[] v = ChurnFeatures.compute(s, asOf);
    assertEquals(60, f(v, TENURE_DAYS));
    assertEquals(60, f(v, RECENCY_DAYS));
    assertEquals(0, f(v, HAS_PURCHASED));
    assertEquals(2.0, f(v, OVERDUE_RATIO), EPS); // 60 / 30
    assertEquals(0, f(v, AVG_BASKET_365));
    assertEquals(0, f(v, RETURN_RATE_365));
    assertEquals(0, f(v, CATEGORY_CONCENTRATION));
    assertEquals(0, f(v, CATEGORY_COUNT));
    assertEquals(0, f(v, SPEND_TREND), EPS); // ln(1 / 1)
    assertEquals(1, f(v, TIER_RANK));
    assertEquals(1500, f(v, DISTANCE_TO_NEXT_TIER), EPS); // gold needs 1500, spend 0
    assertEquals(29, f(v, DAYS_SINCE_ENGAGEMENT)); // 02-01 .. 03-01 = 29 days in 2024

    // recency = tenure is not capped: signup 1000 days before
    CustomerState old = fold(member(asOf - 1000, "basic"));
    double[] w = ChurnFeatures.compute(old, asOf);
    assertEquals(1000, f(w, RECENCY_DAYS));
    assertEquals(1000, f(w, TENURE_DAYS));
    assertEquals(1000.0 / 30, f(w, OVERDUE_RATIO), EPS);

    // no profile at all: tenure and recency 0
    double[] z = ChurnFeatures.compute(new CustomerState("x"), asOf);
    assertEquals(0, f(z, TENURE_DAYS));
    assertEquals(0, f(z, RECENCY_DAYS));
    assertEquals(0, f(z, OVERDUE_RATIO));
  }

  @Test
  void tenureFallsBackToFirstPurchaseWithoutSignup() {
    CustomerState s = new CustomerState("x");
    s.apply(purchase(day("2024-01-01"), 10, null));
    double[] v = ChurnFeatures.compute(s, day("2024-01-21"));
    assertEquals(20, f(v, TENURE_DAYS));
    assertEquals(0, f(v, CATEGORY_COUNT)); // purchases without category are in no category
  }

  @Test
  void eventDayIsTheUtcDay() {
    // 2024-03-01T00:30+02:00 is 2024-02-29T22:30Z: UTC day 2024-02-29
    long ts = OffsetDateTime.parse("2024-03-01T00:30:00+02:00").toInstant().toEpochMilli();
    LoyaltyEvent e = event(EventType.PURCHASE, ts, 25, 0, "a");
    assertEquals(day("2024-02-29"), e.epochDay());
    CustomerState s = fold(member(day("2024-01-01"), "basic"), e);
    double[] v = ChurnFeatures.compute(s, day("2024-02-29"));
    assertEquals(0, f(v, RECENCY_DAYS)); // bought on the as-of day itself
    assertEquals(1, f(v, FREQUENCY_30));
    assertEquals(25, f(v, MONETARY_30), EPS);

    // 2024-02-29T23:30-02:00 is 2024-03-01T01:30Z: the next UTC day
    long late = OffsetDateTime.parse("2024-02-29T23:30:00-02:00").toInstant().toEpochMilli();
    assertEquals(day("2024-03-01"), event(EventType.PURCHASE, late, 1, 0, "a").epochDay());
    // the last and first millisecond of a UTC day
    int d = day("2024-02-29");
    assertEquals(d, event(EventType.PURCHASE, (d + 1) * DAY_MILLIS - 1, 1, 0, null).epochDay());
    assertEquals(d + 1, event(EventType.PURCHASE, (d + 1) * DAY_MILLIS, 1, 0, null).epochDay());
    // before 1970 days floor, not truncate
    assertEquals(-1, event(EventType.PURCHASE, -1, 1, 0, null).epochDay());
  }

  @Test
  void windowsAcrossTheLeapDay() {
    // a purchase on 2024-02-29 is 30 days old on 2024-03-30 (03-01 is 1 day, 03-30 is 30 days):
    // the 30-day window then covers 03-01 .. 03-30, so it is out; the 90-day window has it.
    CustomerState s =
        fold(member(day("2024-01-01"), "basic"), purchase(day("2024-02-29"), 80, "a"));
    double[] v = ChurnFeatures.compute(s, day("2024-03-30"));
    assertEquals(30, f(v, RECENCY_DAYS));
    assertEquals(0, f(v, FREQUENCY_30));
    assertEquals(0, f(v, MONETARY_30));
    assertEquals(1, f(v, FREQUENCY_90));
    assertEquals(80, f(v, MONETARY_90), EPS);
    // one day earlier it is 29 days old and inside
    v = ChurnFeatures.compute(s, day("2024-03-29"));
    assertEquals(1, f(v, FREQUENCY_30));

    // year window across the leap year: 2023-03-01 .. 2024-02-29 is 365 days (the leap day
    // stands where 03-01 would be), so at as-of 2024-02-29 a 2023-03-01 purchase is out and a
    // 2023-03-02 purchase (364 days) is in; at as-of 2024-02-28 the 2023-03-01 one is in.
    CustomerState y =
        fold(
            member(day("2022-01-01"), "basic"),
            purchase(day("2023-03-01"), 7, "a"),
            purchase(day("2023-03-02"), 11, "a"));
    double[] a = ChurnFeatures.compute(y, day("2024-02-29"));
    assertEquals(1, f(a, FREQUENCY_365));
    assertEquals(11, f(a, MONETARY_365), EPS);
    assertEquals(2, f(a, PURCHASES_TOTAL));
    double[] b = ChurnFeatures.compute(y, day("2024-02-28"));
    assertEquals(2, f(b, FREQUENCY_365));
    assertEquals(18, f(b, MONETARY_365), EPS);
    // 2024-02-29 + 365 days = 2025-02-28: the leap-day purchase is 364 days old on 2025-02-27
    // (in the year window) and 365 days old on 2025-02-28 (out)
    double[] c = ChurnFeatures.compute(s, day("2025-02-27"));
    assertEquals(1, f(c, FREQUENCY_365));
    double[] e = ChurnFeatures.compute(s, day("2025-02-28"));
    assertEquals(0, f(e, FREQUENCY_365));
  }

  @Test
  void windowBoundaries() {
    // As of D, purchases at D-29, D-30, D-89, D-90, D-179, D-180, D-364, D-365 worth
    // 1, 2, 4, 8, 16, 32, 64, 128. Window N covers D-(N-1) .. D.
    int d = day("2025-06-30");
    int[] ages = {29, 30, 89, 90, 179, 180, 364, 365};
    List<LoyaltyEvent> events = new ArrayList<>();
    for (int i = 0; i < ages.length; i++) {
      events.add(purchase(d - ages[i], 1 << i, "a"));
    }
    CustomerState s = fold(member(day("2024-01-01"), "basic"), events);
    double[] v = ChurnFeatures.compute(s, d);
    assertEquals(1, f(v, FREQUENCY_30)); // D-29
    assertEquals(1, f(v, MONETARY_30), EPS);
    assertEquals(3, f(v, FREQUENCY_90)); // D-29, D-30, D-89
    assertEquals(7, f(v, MONETARY_90), EPS); // 1 + 2 + 4
    assertEquals(5, f(v, FREQUENCY_180)); // + D-90, D-179
    assertEquals(31, f(v, MONETARY_180), EPS); // 7 + 8 + 16
    assertEquals(7, f(v, FREQUENCY_365)); // + D-180, D-364
    assertEquals(127, f(v, MONETARY_365), EPS); // 31 + 32 + 64
    assertEquals(8, f(v, PURCHASES_TOTAL));
    assertEquals(255, f(v, SPEND_TOTAL), EPS);
    assertEquals(1, f(v, FREQUENCY_TREND)); // 3 - (5 - 3)
    assertEquals(Math.log(8.0 / 25), f(v, SPEND_TREND), EPS); // ln((7 + 1) / (31 - 7 + 1))
    assertEquals(127.0 / 7, f(v, AVG_BASKET_365), EPS);
    // gaps between the 8 distinct days (ages 365, 364, 180, 179, 90, 89, 30, 29):
    // 1, 184, 1, 89, 1, 59, 1 -> sum 336, mean 48
    assertEquals(48, f(v, GAP_MEAN_DAYS), EPS);
    // deviations -47, 136, -47, 41, -47, 11, -47; squares 2209 x4 + 18496 + 1681 + 121 = 29134
    assertEquals(Math.sqrt(29134.0 / 6), f(v, GAP_STD_DAYS), 1e-9);
    assertEquals(1, f(v, LAST_GAP_DAYS));
    assertEquals(29, f(v, RECENCY_DAYS));
    assertEquals(29.0 / 48, f(v, OVERDUE_RATIO), EPS);
    assertEquals(1, f(v, REPEAT_BUYER));
  }

  @Test
  void engagementAndOfferWindowBoundaries() {
    int d = day("2025-06-30");
    List<LoyaltyEvent> events = new ArrayList<>();
    // app sessions at ages 29, 30, 89, 90 (in 30: 1; in 90: 3); email opens at ages 0, 29, 30
    for (int age : new int[] {29, 30, 89, 90}) {
      events.add(simple(EventType.APP_SESSION, d - age));
    }
    for (int age : new int[] {0, 29, 30}) {
      events.add(simple(EventType.EMAIL_OPEN, d - age));
    }
    // offers sent at ages 364 and 365 (365 is out of the year), redeemed at age 364
    events.add(simple(EventType.OFFER_SENT, d - 365));
    events.add(simple(EventType.OFFER_SENT, d - 364));
    events.add(simple(EventType.OFFER_REDEEMED, d - 364));
    events.add(points(EventType.POINTS_EARNED, d - 400, 1000));
    events.add(points(EventType.POINTS_REDEEMED, d - 365, 10)); // out of the year
    events.add(points(EventType.POINTS_REDEEMED, d - 364, 10)); // in
    CustomerState s = fold(member(day("2024-01-01"), "basic"), events);
    double[] v = ChurnFeatures.compute(s, d);
    assertEquals(1, f(v, APP_SESSIONS_30));
    assertEquals(3, f(v, APP_SESSIONS_90));
    assertEquals(2, f(v, EMAIL_OPENS_30)); // ages 0 and 29
    assertEquals(3, f(v, EMAIL_OPENS_90));
    assertEquals(0, f(v, DAYS_SINCE_ENGAGEMENT)); // email open today
    assertEquals(1, f(v, OFFERS_SENT_365));
    assertEquals(1, f(v, OFFERS_REDEEMED_365));
    assertEquals(1, f(v, REDEMPTIONS_365));
    assertEquals(2, f(v, REDEMPTIONS_TOTAL));
    assertEquals(364, f(v, DAYS_SINCE_REDEMPTION));
    // lifetime response rate: (1 + 1) / (2 + 4)
    assertEquals(2.0 / 6, f(v, OFFER_RESPONSE_RATE), EPS);
  }

  @Test
  void gapStatisticsOverDistinctDays() {
    // purchase days 0, 2, 2, 6, 12 (relative): distinct gaps 2, 4, 6
    int s0 = day("2024-05-01");
    CustomerState s =
        fold(
            member(s0, "basic"),
            purchase(s0, 1, "a"),
            purchase(s0 + 2, 1, "a"),
            purchase(s0 + 2, 1, "a"),
            purchase(s0 + 6, 1, "a"),
            purchase(s0 + 12, 1, "a"));
    double[] v = ChurnFeatures.compute(s, s0 + 20);
    assertEquals(5, f(v, PURCHASES_TOTAL));
    assertEquals(4, f(v, PURCHASE_DAYS_TOTAL));
    assertEquals(4, f(v, GAP_MEAN_DAYS), EPS); // (2 + 4 + 6) / 3
    assertEquals(2, f(v, GAP_STD_DAYS), EPS); // sqrt(((-2)^2 + 0^2 + 2^2) / (3 - 1)) = sqrt(4)
    assertEquals(6, f(v, LAST_GAP_DAYS));
    assertEquals(2, f(v, OVERDUE_RATIO), EPS); // recency 8 / mean gap 4
  }

  @Test
  void overdueRatioUsesAtLeastOneDayGap() {
    // gaps of 1 day: mean 1 -> ratio = recency / 1
    int s0 = day("2024-05-01");
    CustomerState s = fold(member(s0, "basic"), purchase(s0, 1, "a"), purchase(s0 + 1, 1, "a"));
    assertEquals(5, f(ChurnFeatures.compute(s, s0 + 6), OVERDUE_RATIO), EPS);
  }

  @Test
  void pointsLotsFifoAndExpiry() {
    // earn 100 on 2023-01-10 (lot A), 200 on 2023-03-01 (B), 50 on 2023-06-01 (C);
    // redeem 150 on 2023-04-01: A is used up (100), B keeps 200 - 50 = 150.
    Member m = member(day("2023-01-01"), "basic");
    List<LoyaltyEvent> events =
        new ArrayList<>(
            List.of(
                points(EventType.POINTS_EARNED, day("2023-01-10"), 100),
                points(EventType.POINTS_EARNED, day("2023-03-01"), 200),
                points(EventType.POINTS_REDEEMED, day("2023-04-01"), 150),
                points(EventType.POINTS_EARNED, day("2023-06-01"), 50)));
    CustomerState s = fold(m, events);
    assertEquals(150, s.pointsEarnedUpTo(day("2023-03-01")));
    assertEquals(200, s.pointsEarnedUpTo(day("2023-06-01")));

    // B (earned 2023-03-01) expires on 2023-03-01 + 365 = 2024-02-29 (2024 is a leap year).
    // Expiring within 30 days at D means earned on or before D + 30 - 365 = D - 335.
    // D = 2024-01-30: D - 335 = 2023-03-01, so B's 150 count; D + 30 = 2024-02-29 exactly.
    double[] v = ChurnFeatures.compute(s, day("2024-01-30"));
    assertEquals(150, f(v, POINTS_EXPIRING_30));
    assertEquals(200, f(v, POINTS_BALANCE)); // 100 + 200 + 50 - 150
    // D = 2024-01-29: D - 335 = 2023-02-28, B not yet within 30 days
    assertEquals(0, f(ChurnFeatures.compute(s, day("2024-01-29")), POINTS_EXPIRING_30));

    // the programme expires B's 150 on 2024-02-29
    s.apply(points(EventType.POINTS_EXPIRED, day("2024-02-29"), 150));
    v = ChurnFeatures.compute(s, day("2024-03-15"));
    assertEquals(50, f(v, POINTS_BALANCE));
    assertEquals(150, f(v, POINTS_EXPIRED_90));
    // D - 335 = 2023-04-15: only C (2023-06-01) is left and it is later
    assertEquals(0, f(v, POINTS_EXPIRING_30));
    // D = 2024-05-02: D - 335 = 2023-06-02 >= C's day -> 50
    assertEquals(50, f(ChurnFeatures.compute(s, day("2024-05-02")), POINTS_EXPIRING_30));
    // expiry is 89 days old on 2024-05-28 (in), 90 on 2024-05-29 (out)
    assertEquals(150, f(ChurnFeatures.compute(s, day("2024-05-28")), POINTS_EXPIRED_90));
    assertEquals(0, f(ChurnFeatures.compute(s, day("2024-05-29")), POINTS_EXPIRED_90));
    // a lot already past its expiry date without an expiry event still counts as expiring now
    assertEquals(50, f(ChurnFeatures.compute(s, day("2024-09-01")), POINTS_EXPIRING_30));
  }

  @Test
  void expiryConsumesOldestLotFirst() {
    // earn 100 on d, 100 on d + 10; expire 60 on d + 365: lot d keeps 40
    int d = day("2023-02-01");
    CustomerState s =
        fold(
            member(d, "basic"),
            points(EventType.POINTS_EARNED, d, 100),
            points(EventType.POINTS_EARNED, d + 10, 100),
            points(EventType.POINTS_EXPIRED, d + 365, 60));
    double[] v = ChurnFeatures.compute(s, d + 365);
    assertEquals(140, f(v, POINTS_BALANCE)); // 200 - 60
    // as of d + 365: earned on or before d + 30 -> both lots: 40 + 100
    assertEquals(140, f(v, POINTS_EXPIRING_30));
    assertEquals(60, f(v, POINTS_EXPIRED_90));
    // a redemption bigger than the oldest lot spills into the next: 50 = 40 (lot d) + 10
    s.apply(points(EventType.POINTS_REDEEMED, d + 366, 50));
    assertEquals(0, s.pointsEarnedUpTo(d));
    assertEquals(90, s.pointsEarnedUpTo(d + 10));
  }

  @Test
  void tierDowngradeAndDistanceToNextTier() {
    // profile gold; 2024-02-01 downgrade to silver; spend 300 on 2024-03-01; as of 2024-03-11
    CustomerState s =
        fold(
            member(day("2023-01-01"), "gold"),
            tier(day("2024-02-01"), "silver"),
            purchase(day("2024-03-01"), 300, "a"));
    double[] v = ChurnFeatures.compute(s, day("2024-03-11"));
    assertEquals(1, f(v, TIER_RANK));
    assertEquals(39, f(v, DAYS_SINCE_DOWNGRADE)); // 29 (rest of Feb, leap) + 10
    assertEquals(1200, f(v, DISTANCE_TO_NEXT_TIER), EPS); // gold needs 1500: 1500 - 300

    // an upgrade afterwards keeps the downgrade day
    s.apply(tier(day("2024-03-20"), "platinum"));
    v = ChurnFeatures.compute(s, day("2024-03-21"));
    assertEquals(3, f(v, TIER_RANK));
    assertEquals(49, f(v, DAYS_SINCE_DOWNGRADE));
    assertEquals(0, f(v, DISTANCE_TO_NEXT_TIER)); // top tier
    // downgrade long ago is capped at 730
    assertEquals(730, f(ChurnFeatures.compute(s, day("2024-02-01") + 1000), DAYS_SINCE_DOWNGRADE));

    // upgrades only: never downgraded; unknown tier names rank as basic
    CustomerState u =
        fold(
            member(day("2023-01-01"), "basic"),
            tier(day("2023-06-01"), "silver"),
            tier(day("2023-07-01"), "Gold "));
    double[] w = ChurnFeatures.compute(u, day("2023-08-01"));
    assertEquals(2, f(w, TIER_RANK)); // names are trimmed and case-insensitive
    assertEquals(730, f(w, DAYS_SINCE_DOWNGRADE));
    assertEquals(4000, f(w, DISTANCE_TO_NEXT_TIER), EPS); // platinum needs 4000, spend 0
    u.apply(tier(day("2023-08-01"), "diamond"));
    w = ChurnFeatures.compute(u, day("2023-08-01"));
    assertEquals(0, f(w, TIER_RANK));
    assertEquals(0, f(w, DAYS_SINCE_DOWNGRADE)); // gold -> "diamond" (basic) is a downgrade
  }

  @Test
  void offerResponseRateSmoothing() {
    // 10 sent, 3 redeemed: (3 + 1) / (10 + 4) = 4 / 14; 2 of the sends 400 days ago
    int d = day("2025-01-15");
    List<LoyaltyEvent> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      events.add(simple(EventType.OFFER_SENT, i < 2 ? d - 400 : d - 10 * i));
    }
    for (int i = 0; i < 3; i++) {
      events.add(simple(EventType.OFFER_REDEEMED, d - 5 - i));
    }
    events.add(simple(EventType.OFFER_VIEWED, d - 3));
    CustomerState s = fold(member(day("2023-01-01"), "basic"), events);
    double[] v = ChurnFeatures.compute(s, d);
    assertEquals(4.0 / 14, f(v, OFFER_RESPONSE_RATE), EPS);
    assertEquals(8, f(v, OFFERS_SENT_365));
    assertEquals(3, f(v, OFFERS_REDEEMED_365));
    assertEquals(3, f(v, DAYS_SINCE_ENGAGEMENT)); // an offer view is engagement
    assertEquals(0, f(v, APP_SESSIONS_30)); // but not a session
    assertEquals(0, f(v, REDEMPTIONS_TOTAL)); // offer redemptions are not points redemptions
  }

  @Test
  void engagementSinceTheLastPurchaseAgainstTheMembersUsualRate() {
    int d = day("2024-07-31");
    // Joined 200 days before d, bought 60 days before d; 8 sessions and 2 opens before the
    // purchase, 1 session and 1 open after it.
    List<LoyaltyEvent> events = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      events.add(simple(EventType.APP_SESSION, d - 100 - k));
    }
    events.add(simple(EventType.EMAIL_OPEN, d - 90));
    events.add(simple(EventType.EMAIL_OPEN, d - 61));
    events.add(purchase(d - 60, 20, "grocery"));
    events.add(simple(EventType.APP_SESSION, d - 20));
    events.add(simple(EventType.EMAIL_OPEN, d - 59));
    CustomerState s = fold(member(d - 200, "basic"), events);
    double[] v = ChurnFeatures.compute(s, d);
    assertEquals(1, f(v, APP_SESSIONS_SINCE_PURCHASE));
    assertEquals(1, f(v, EMAIL_OPENS_SINCE_PURCHASE));
    // Usual rate: 10 events over the 141 days from joining (d - 200) to the purchase (d - 60),
    // both included; over the 60 days since, that predicts 10 / 141 * 60.
    double expected = 10.0 / 141 * 60;
    assertEquals(expected, f(v, EXPECTED_ENGAGEMENT_SINCE_PURCHASE), EPS);
    assertEquals(Math.log(3 / (expected + 1)), f(v, ENGAGEMENT_SINCE_PURCHASE_RATIO), EPS);
    // 1 session in the last 30 days against 12 events a year: ln((1 + 1) / (12 * 30 / 365 + 1)).
    assertEquals(Math.log(2 / (12.0 * 30 / 365 + 1)), f(v, ENGAGEMENT_TREND), EPS);
  }

  @Test
  void engagementCountsAndDaysSince() {
    int d = day("2024-07-31");
    CustomerState s =
        fold(
            member(day("2023-01-01"), "basic"),
            simple(EventType.APP_SESSION, d - 10),
            simple(EventType.APP_SESSION, d - 10),
            simple(EventType.APP_SESSION, d - 50),
            simple(EventType.EMAIL_OPEN, d - 12),
            simple(EventType.EMAIL_OPEN, d - 40));
    double[] v = ChurnFeatures.compute(s, d);
    assertEquals(2, f(v, APP_SESSIONS_30)); // two sessions at age 10
    assertEquals(3, f(v, APP_SESSIONS_90));
    assertEquals(1, f(v, EMAIL_OPENS_30));
    assertEquals(2, f(v, EMAIL_OPENS_90));
    assertEquals(10, f(v, DAYS_SINCE_ENGAGEMENT)); // latest of 10, 12, 40, 50
    assertEquals(3, f(v, APP_SESSIONS_365));
    assertEquals(10, f(v, DAYS_SINCE_APP_SESSION)); // sessions at 10 and 50 days
    assertEquals(12, f(v, DAYS_SINCE_EMAIL_OPEN)); // opens at 12 and 40 days
    // engagement 1000 days ago caps at 730
    CustomerState old = fold(member(d - 2000, "basic"), simple(EventType.EMAIL_OPEN, d - 1000));
    assertEquals(730, f(ChurnFeatures.compute(old, d), DAYS_SINCE_ENGAGEMENT));
  }

  @Test
  void purchasePaceAndTheSilenceItPredicts() {
    // purchase days 2024-01-01, 01-31 (two baskets), 03-01; as of 2024-03-31
    int first = day("2024-01-01");
    CustomerState s =
        fold(
            member(first, "basic"),
            purchase(first, 10, "a"),
            purchase(day("2024-01-31"), 10, "a"),
            purchase(day("2024-01-31"), 5, "a"),
            purchase(day("2024-03-01"), 10, "a"));
    double[] v = ChurnFeatures.compute(s, day("2024-03-31"));
    // 3 purchase days over 91 days (Jan 31 + Feb 29 + Mar 31, first day included): 3 * 30 / 91
    assertEquals(90.0 / 91, f(v, PURCHASE_RATE), 1e-12);
    assertEquals(30 * (90.0 / 91) / 30, f(v, EXPECTED_MISSED_PURCHASES), 1e-12); // recency 30
    assertEquals(2, f(v, PURCHASE_DAYS_90)); // 01-31 is 60 days old, 01-01 is 90: outside
    assertEquals(3, f(v, PURCHASE_DAYS_365));
    assertEquals(4, f(v, FREQUENCY_365)); // baskets, not days
  }

  @Test
  void categoryConcentrationAndCount() {
    // a 60, b 30, c 10: 0.6^2 + 0.3^2 + 0.1^2 = 0.36 + 0.09 + 0.01 = 0.46
    int d = day("2024-04-01");
    CustomerState s =
        fold(
            member(day("2024-01-01"), "basic"),
            purchase(d, 60, "a"),
            purchase(d, 30, "b"),
            purchase(d, 10, "c"),
            purchase(d, 99, null));
    double[] v = ChurnFeatures.compute(s, d);
    assertEquals(0.46, f(v, CATEGORY_CONCENTRATION), EPS);
    assertEquals(3, f(v, CATEGORY_COUNT)); // no category is no category
    // a return exceeding d's spend: d at -5 is left out
    s.apply(returned(d, 15, "c"));
    v = ChurnFeatures.compute(s, d);
    assertEquals(2, f(v, CATEGORY_COUNT));
    // a 60, b 30 of 90: (2/3)^2 + (1/3)^2 = 5/9
    assertEquals(5.0 / 9, f(v, CATEGORY_CONCENTRATION), EPS);
  }

  @Test
  void neverValuesCapAt730() {
    int d = day("2024-01-01");
    CustomerState s =
        fold(
            member(d - 3000, "basic"),
            points(EventType.POINTS_EARNED, d - 2000, 10),
            points(EventType.POINTS_REDEEMED, d - 1000, 10),
            tier(d - 1500, "silver"),
            tier(d - 1400, "basic"));
    double[] v = ChurnFeatures.compute(s, d);
    assertEquals(730, f(v, DAYS_SINCE_REDEMPTION)); // 1000 -> 730
    assertEquals(730, f(v, DAYS_SINCE_DOWNGRADE)); // 1400 -> 730
    assertEquals(730, f(v, DAYS_SINCE_ENGAGEMENT)); // never
    assertEquals(729, f(ChurnFeatures.compute(s, d - 1000 + 729), DAYS_SINCE_REDEMPTION));
    assertEquals(730, f(ChurnFeatures.compute(s, d - 1000 + 730), DAYS_SINCE_REDEMPTION));
    assertEquals(730, f(ChurnFeatures.compute(s, d - 1000 + 731), DAYS_SINCE_REDEMPTION));
    assertEquals(ChurnFeatures.NEVER_DAYS, 730);
  }

  @Test
  void specNamesFollowTheEnum() {
    assertEquals(ChurnFeature.values().length, ChurnFeatures.SPEC.names().size());
    assertEquals("recency_days", ChurnFeatures.SPEC.names().get(0));
    assertEquals("clv", ChurnFeatures.SPEC.names().get(ChurnFeature.values().length - 1));
    assertEquals("churn-features/v4", ChurnFeatures.SPEC.version());
  }

  @Test
  void windowedFeaturesSurvivePruning() {
    // 3 years of history vs only the events of the last 400 days: windowed features agree
    // bit for bit at the last day and later days, and the full state really did prune.
    SplittableRandom r = new SplittableRandom(7);
    int from = day("2021-01-01");
    int to = day("2023-12-31");
    for (int member = 0; member < 30; member++) {
      List<LoyaltyEvent> all = Histories.randomHistory(r, "m" + member, from, to);
      List<LoyaltyEvent> recent = new ArrayList<>();
      for (LoyaltyEvent e : all) {
        if (e.epochDay() > to - CustomerState.RETAINED_DAYS) {
          recent.add(e);
        }
      }
      Member m = new Member("m" + member, from, "basic", CustomerState.NONE, null, null, true);
      CustomerState full = fold(m, all);
      CustomerState cut = fold(m, recent);
      assertTrue(
          full.days().day(0) >= full.latestDay() - CustomerState.RETAINED_DAYS,
          "old buckets pruned");
      for (int asOf : new int[] {full.latestDay(), to, to + 1, to + 29, to + 30, to + 200}) {
        if (asOf < full.latestDay()) {
          continue;
        }
        double[] a = ChurnFeatures.compute(full, asOf);
        double[] b = ChurnFeatures.compute(cut, asOf);
        for (ChurnFeature feature : WINDOWED) {
          assertEquals(
              f(b, feature),
              f(a, feature),
              0.0,
              feature.featureName() + " member " + member + " as of " + asOf);
        }
        // and they equal a brute-force sum over the raw events
        WindowOracle.assertMatches(all, asOf, a, "member " + member + " as of " + asOf);
      }
    }
  }
}
