package dev.treue.core.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.reason.ReasonPhrase;
import dev.treue.core.reason.ReasonWords;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/** The words marketers read: each phrase from a hand-made feature vector and reference. */
class ReasonGroupTest {
  private static final ReasonWords EUR = ReasonWords.ENGLISH_EUR;

  private static double[] vector() {
    return new double[ChurnFeature.values().length];
  }

  private static void set(double[] v, ChurnFeature f, double value) {
    v[f.ordinal()] = value;
  }

  @Test
  void recencyNamesTheUsualGap() {
    double[] v = vector();
    double[] ref = vector();
    set(ref, ChurnFeature.HAS_PURCHASED, 1);
    set(ref, ChurnFeature.RECENCY_DAYS, 20);
    set(v, ChurnFeature.HAS_PURCHASED, 1);
    set(v, ChurnFeature.REPEAT_BUYER, 1);
    set(v, ChurnFeature.RECENCY_DAYS, 74);
    set(v, ChurnFeature.GAP_MEAN_DAYS, 11.6);
    assertEquals(
        "no purchase for 74 days, usually every 12 days", ReasonGroup.RECENCY.phrase(v, ref, EUR));
    set(v, ChurnFeature.HAS_PURCHASED, 0);
    assertEquals("no purchase since joining 74 days ago", ReasonGroup.RECENCY.phrase(v, ref, EUR));
    // A recent buyer is not told "no purchase for 3 days".
    set(v, ChurnFeature.HAS_PURCHASED, 1);
    set(v, ChurnFeature.RECENCY_DAYS, 3);
    assertNull(ReasonGroup.RECENCY.phrase(v, ref, EUR));
  }

  @Test
  void frequencyComparesWithTheEarlierPace() {
    double[] v = vector();
    double[] ref = vector();
    set(ref, ChurnFeature.FREQUENCY_365, 8);
    set(v, ChurnFeature.HAS_PURCHASED, 1);
    set(v, ChurnFeature.FREQUENCY_90, 1);
    set(v, ChurnFeature.FREQUENCY_180, 5);
    set(v, ChurnFeature.FREQUENCY_365, 9);
    set(v, ChurnFeature.FREQUENCY_TREND, -3);
    assertEquals(
        "1 purchase in the last 90 days, down from 4 in the 90 days before",
        ReasonGroup.FREQUENCY.phrase(v, ref, EUR));
    // The drop began more than 180 days ago: compare with the year.
    set(ref, ChurnFeature.FREQUENCY_90, 2);
    set(v, ChurnFeature.FREQUENCY_90, 0);
    set(v, ChurnFeature.FREQUENCY_180, 0);
    set(v, ChurnFeature.FREQUENCY_365, 66);
    set(v, ChurnFeature.FREQUENCY_TREND, 0);
    assertEquals(
        "only 0 purchases in the last 90 days, against 66 in the last 12 months",
        ReasonGroup.FREQUENCY.phrase(v, ref, EUR));
    set(v, ChurnFeature.FREQUENCY_90, 1);
    set(v, ChurnFeature.FREQUENCY_180, 2);
    set(v, ChurnFeature.FREQUENCY_365, 3);
    assertEquals(
        "only 3 purchases in the last 12 months, typically 8",
        ReasonGroup.FREQUENCY.phrase(v, ref, EUR));
  }

  @Test
  void spendInTheProgrammeCurrencyAndNeverNegative() {
    double[] v = vector();
    double[] ref = vector();
    set(ref, ChurnFeature.MONETARY_365, 812.456);
    set(v, ChurnFeature.MONETARY_90, 58);
    set(v, ChurnFeature.MONETARY_180, 158);
    set(v, ChurnFeature.SPEND_TREND, -0.5);
    assertEquals(
        "spent 42% less in the last 90 days than in the 90 days before",
        ReasonGroup.SPEND.phrase(v, ref, EUR));
    set(v, ChurnFeature.MONETARY_90, -42.21);
    assertEquals(
        "no net spend in the last 90 days, after €200.21 in the 90 days before",
        ReasonGroup.SPEND.phrase(v, ref, EUR));
    set(v, ChurnFeature.SPEND_TREND, 0);
    set(v, ChurnFeature.MONETARY_365, -42.21);
    assertEquals("no net spend in the last 12 months", ReasonGroup.SPEND.phrase(v, ref, EUR));
    set(v, ChurnFeature.MONETARY_365, 99.999);
    assertEquals(
        "spent only $100.00 in the last 12 months, typically $812.46",
        ReasonGroup.SPEND.phrase(v, ref, EUR.in(Currency.getInstance("USD"))));
    set(v, ChurnFeature.MONETARY_365, 900);
    assertNull(ReasonGroup.SPEND.phrase(v, ref, EUR));
  }

  @Test
  void pointsAndTiers() {
    double[] v = vector();
    double[] ref = vector();
    set(ref, ChurnFeature.POINTS_BALANCE, 400);
    set(ref, ChurnFeature.TIER_RANK, 1);
    set(ref, ChurnFeature.DAYS_SINCE_DOWNGRADE, 730);
    set(ref, ChurnFeature.DISTANCE_TO_NEXT_TIER, 80);
    set(v, ChurnFeature.POINTS_BALANCE, 50);
    assertNull(ReasonGroup.POINTS.phrase(v, ref, EUR), "a balance alone is no reason");
    set(v, ChurnFeature.POINTS_EXPIRING_30, 50);
    assertEquals(
        "50 points about to expire within 30 days", ReasonGroup.POINTS.phrase(v, ref, EUR));
    set(v, ChurnFeature.POINTS_EXPIRED_90, 1);
    assertEquals(
        "lost 1 point to expiry in the last 90 days", ReasonGroup.POINTS.phrase(v, ref, EUR));
    set(v, ChurnFeature.TIER_RANK, 1);
    set(v, ChurnFeature.DAYS_SINCE_DOWNGRADE, 23);
    assertEquals("dropped to silver 23 days ago", ReasonGroup.TIER.phrase(v, ref, EUR));
    set(v, ChurnFeature.DAYS_SINCE_DOWNGRADE, 730);
    set(v, ChurnFeature.DISTANCE_TO_NEXT_TIER, 120);
    assertEquals("€120.00 of spend away from gold", ReasonGroup.TIER.phrase(v, ref, EUR));
    set(v, ChurnFeature.TIER_RANK, 0);
    assertEquals(
        "in the basic tier, below the typical silver", ReasonGroup.TIER.phrase(v, ref, EUR));
  }

  @Test
  void aLongMembershipIsNoReason() {
    double[] v = vector();
    double[] ref = vector();
    set(ref, ChurnFeature.TENURE_DAYS, 400);
    set(v, ChurnFeature.TENURE_DAYS, 1772);
    assertNull(ReasonGroup.TENURE.phrase(v, ref, EUR));
    set(v, ChurnFeature.TENURE_DAYS, 1);
    assertEquals("member for only 1 day", ReasonGroup.TENURE.phrase(v, ref, EUR));
    set(v, ChurnFeature.TENURE_DAYS, 0);
    assertEquals("joined today", ReasonGroup.TENURE.phrase(v, ref, EUR));
  }

  @Test
  void aDifferenceLostToRoundingIsNoReason() {
    double[] v = vector();
    double[] ref = vector();
    set(v, ChurnFeature.HAS_PURCHASED, 1);
    set(ref, ChurnFeature.FREQUENCY_365, 8.4);
    set(v, ChurnFeature.FREQUENCY_365, 8);
    assertNull(ReasonGroup.FREQUENCY.phrase(v, ref, EUR), "not 'only 8, typically 8'");
    set(ref, ChurnFeature.P_ALIVE, 0.912);
    set(v, ChurnFeature.P_ALIVE, 0.908);
    assertNull(ReasonGroup.LIFETIME.phrase(v, ref, EUR), "not '91%, typically 91%'");
    set(v, ChurnFeature.P_ALIVE, 0.42);
    assertEquals(
        "buying pattern gives only a 42% chance of still being active, typically 91%",
        ReasonGroup.LIFETIME.phrase(v, ref, EUR));
    set(ref, ChurnFeature.MONETARY_365, 100.004);
    set(v, ChurnFeature.MONETARY_365, 99.996);
    assertNull(ReasonGroup.SPEND.phrase(v, ref, EUR), "not '€100.00, typically €100.00'");
  }

  @Test
  void anotherLanguageIsAnotherTable() {
    java.util.Map<ReasonPhrase, String> table = new java.util.EnumMap<>(ReasonPhrase.class);
    for (ReasonPhrase p : ReasonPhrase.values()) {
      table.put(p, p.english());
    }
    table.put(ReasonPhrase.TENURE_SHORT, "erst seit {0} Mitglied");
    table.put(ReasonPhrase.DAYS_MANY, "{0} Tagen");
    ReasonWords german = new ReasonWords(table, ReasonWords.DEFAULT_CURRENCY);
    double[] v = vector();
    double[] ref = vector();
    set(ref, ChurnFeature.TENURE_DAYS, 400);
    set(v, ChurnFeature.TENURE_DAYS, 40);
    assertEquals("erst seit 40 Tagen Mitglied", ReasonGroup.TENURE.phrase(v, ref, german));
    table.remove(ReasonPhrase.JOINED_TODAY);
    assertThrows(
        IllegalArgumentException.class, () -> new ReasonWords(table, ReasonWords.DEFAULT_CURRENCY));
  }

  @Test
  void fixedDecimalsAreTheFormattersOwn() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
    double[] edges = {
      0,
      -0.0,
      0.005,
      1.005,
      -0.004,
      -0.005,
      2.675,
      1e7,
      123456789.125,
      -1e-9,
      0.5,
      1.5,
      2.5,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.MAX_VALUE,
      Double.MIN_VALUE
    };
    for (int i = 0; i < 100_000 + edges.length; i++) {
      double v =
          i < edges.length
              ? edges[i]
              : (rnd.nextInt(2_000_000) - 1_000_000) / 1000.0 + rnd.nextDouble() / 100;
      for (int decimals = 0; decimals <= 2; decimals += 2) {
        assertEquals(
            String.format(java.util.Locale.ROOT, "%." + decimals + "f", v),
            dev.treue.core.i18n.Numbers.fixed(v, decimals),
            "value " + v);
      }
    }
  }
}
