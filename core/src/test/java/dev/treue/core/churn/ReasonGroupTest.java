package dev.treue.core.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.core.feature.ChurnFeature;
import org.junit.jupiter.api.Test;

/** The words marketers read: each phrase from a hand-made feature vector. */
class ReasonGroupTest {

  private static double[] vector() {
    return new double[ChurnFeature.values().length];
  }

  private static void set(double[] v, ChurnFeature f, double value) {
    v[f.ordinal()] = value;
  }

  @Test
  void recencyNamesTheUsualGap() {
    double[] v = vector();
    set(v, ChurnFeature.HAS_PURCHASED, 1);
    set(v, ChurnFeature.REPEAT_BUYER, 1);
    set(v, ChurnFeature.RECENCY_DAYS, 74);
    set(v, ChurnFeature.GAP_MEAN_DAYS, 11.6);
    assertEquals("no purchase for 74 days, usually every 12", ReasonGroup.RECENCY.phrase(v));
    set(v, ChurnFeature.HAS_PURCHASED, 0);
    assertEquals("no purchase since joining 74 days ago", ReasonGroup.RECENCY.phrase(v));
  }

  @Test
  void frequencyComparesWithTheEarlierPace() {
    double[] v = vector();
    set(v, ChurnFeature.FREQUENCY_90, 1);
    set(v, ChurnFeature.FREQUENCY_180, 5);
    set(v, ChurnFeature.FREQUENCY_365, 9);
    assertEquals(
        "buying less often: 1 purchases in the last 90 days, 4 in the 90 before",
        ReasonGroup.FREQUENCY.phrase(v));
    // The drop began more than 180 days ago: compare with the year.
    set(v, ChurnFeature.FREQUENCY_90, 0);
    set(v, ChurnFeature.FREQUENCY_180, 0);
    set(v, ChurnFeature.FREQUENCY_365, 66);
    assertEquals(
        "buying less often: 0 purchases in the last 90 days, 66 in 12 months",
        ReasonGroup.FREQUENCY.phrase(v));
    set(v, ChurnFeature.FREQUENCY_90, 1);
    set(v, ChurnFeature.FREQUENCY_180, 2);
    set(v, ChurnFeature.FREQUENCY_365, 3);
    assertEquals("few purchases: 3 in the last 12 months", ReasonGroup.FREQUENCY.phrase(v));
  }

  @Test
  void pointsAndTiers() {
    double[] v = vector();
    set(v, ChurnFeature.POINTS_EXPIRING_30, 420);
    assertEquals("420 points expire within 30 days", ReasonGroup.POINTS.phrase(v));
    set(v, ChurnFeature.POINTS_EXPIRED_90, 340);
    assertEquals("lost 340 points to expiry in the last 90 days", ReasonGroup.POINTS.phrase(v));
    set(v, ChurnFeature.TIER_RANK, 1);
    set(v, ChurnFeature.DAYS_SINCE_DOWNGRADE, 23);
    assertEquals("dropped to silver 23 days ago", ReasonGroup.TIER.phrase(v));
    set(v, ChurnFeature.DAYS_SINCE_DOWNGRADE, 730);
    set(v, ChurnFeature.DISTANCE_TO_NEXT_TIER, 120);
    assertEquals("120.00 of spend away from gold", ReasonGroup.TIER.phrase(v));
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
            ReasonGroup.fixed(v, decimals),
            "value " + v);
      }
    }
  }
}
