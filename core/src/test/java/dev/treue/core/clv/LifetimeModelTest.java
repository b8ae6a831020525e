package dev.treue.core.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.LifetimeFeatures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lifetime value, the churn vector's lifetime features and the JSON form, against direct formulas. */
class LifetimeModelTest {
  /** The published CDNOW fit, weekly. */
  private static final LifetimeModel WEEKLY =
      new LifetimeModel(
          new BgNbd(0.243, 4.414, 0.793, 2.426),
          new GammaGamma(6.25, 3.74, 15.44),
          7,
          ClvHorizon.DEFAULT);

  @Test
  void undiscountedValueIsExpectedPurchasesTimesExpectedSpend() {
    LifetimeModel flat =
        new LifetimeModel(WEEKLY.purchases(), WEEKLY.spend(), 7, new ClvHorizon(12, 0));
    PurchaseSummary s = flat.summary(3, 14, 200);
    double year = flat.expectedPurchases(s, 12 * LifetimeModel.DAYS_PER_MONTH);
    double perPurchase = WEEKLY.spend().expectedAverageValue(3, 40);
    assertEquals(year * perPurchase, flat.lifetimeValue(s, 3, 40), 1e-9);
    // Discounting only lowers it, and the first month is discounted by a twelfth of a year.
    assertTrue(WEEKLY.lifetimeValue(s, 3, 40) < flat.lifetimeValue(s, 3, 40));
    LifetimeModel oneMonth =
        new LifetimeModel(WEEKLY.purchases(), WEEKLY.spend(), 7, new ClvHorizon(1, 0.10));
    assertEquals(
        oneMonth.expectedPurchases(s, LifetimeModel.DAYS_PER_MONTH)
            * perPurchase
            / Math.pow(1.1, 1.0 / 12),
        oneMonth.lifetimeValue(s, 3, 40),
        1e-9);
  }

  @Test
  void daysAreConvertedToTheModelsUnit() {
    // 2 repeat purchases, last 8.43 weeks before the as-of day, first 38.86 weeks before: the
    // paper's member.
    PurchaseSummary s = WEEKLY.summary(3, 8.43 * 7, 38.86 * 7);
    assertEquals(2, s.frequency());
    assertEquals(30.43, s.recency(), 1e-9);
    assertEquals(38.86, s.age(), 1e-9);
    assertEquals(1.226, WEEKLY.expectedPurchases(s, 39 * 7), 0.001);
  }

  @Test
  void theChurnVectorsLifetimeFeaturesComeFromItsOwnSummary() {
    double[] v = new double[ChurnFeature.values().length];
    v[ChurnFeature.HAS_PURCHASED.ordinal()] = 1;
    v[ChurnFeature.PURCHASE_DAYS_TOTAL.ordinal()] = 4;
    v[ChurnFeature.RECENCY_DAYS.ordinal()] = 21;
    v[ChurnFeature.DAYS_SINCE_FIRST_PURCHASE.ordinal()] = 280;
    v[ChurnFeature.SPEND_TOTAL.ordinal()] = 180;
    LifetimeFeatures.fill(v, WEEKLY);
    PurchaseSummary s = new PurchaseSummary(3, 259 / 7.0, 40);
    assertEquals(WEEKLY.purchases().probabilityAlive(s), v[ChurnFeature.P_ALIVE.ordinal()], 1e-12);
    assertEquals(
        WEEKLY.purchases().expectedPurchases(s, 90 / 7.0),
        v[ChurnFeature.EXPECTED_PURCHASES_90.ordinal()],
        1e-12);
    assertEquals(WEEKLY.lifetimeValue(s, 4, 45), v[ChurnFeature.CLV.ordinal()], 1e-9);
    assertTrue(v[ChurnFeature.CLV.ordinal()] > 0);

    double[] never = new double[ChurnFeature.values().length];
    never[ChurnFeature.P_ALIVE.ordinal()] = 0.7;
    LifetimeFeatures.fill(never, WEEKLY);
    assertEquals(0, never[ChurnFeature.P_ALIVE.ordinal()]);
    assertEquals(0, never[ChurnFeature.CLV.ordinal()]);
  }

  @Test
  void netSpendOfZeroFallsBackToThePopulationMean() {
    PurchaseSummary s = WEEKLY.summary(2, 7, 70);
    assertEquals(
        WEEKLY.spend().expectedAverageValue(0, 0), WEEKLY.expectedSpendPerPurchase(2, 0), 1e-12);
    assertEquals(6.25 * 15.44 / 2.74, WEEKLY.expectedSpendPerPurchase(2, -5), 1e-9);
    assertTrue(WEEKLY.lifetimeValue(s, 2, 0) > 0);
  }

  @Test
  void jsonFormRoundTripsAndNamesWhatIsMissing() {
    Map<String, Object> map = LifetimeParameters.toMap(WEEKLY);
    assertEquals(WEEKLY, LifetimeParameters.fromMap(map));
    map.remove("gamma_gamma");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LifetimeParameters.fromMap(map));
    assertTrue(e.getMessage().contains("gamma_gamma"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LifetimeModel(
                WEEKLY.purchases(), new GammaGamma(6, 0.9, 15), 7, ClvHorizon.DEFAULT),
        "q <= 1 has no mean spend");
  }
}
