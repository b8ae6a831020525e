package dev.treue.core.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.clv.BgNbd;
import dev.treue.core.clv.ClvHorizon;
import dev.treue.core.clv.GammaGamma;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.LifetimeFeatures;
import org.junit.jupiter.api.Test;

/** The value figures every surface reports, and the never-purchased rule they share. */
class MemberValueFiguresTest {
  private static final LifetimeModel WEEKLY =
      new LifetimeModel(
          new BgNbd(0.243, 4.414, 0.793, 2.426),
          new GammaGamma(6.25, 3.74, 15.44),
          7,
          ClvHorizon.DEFAULT);

  @Test
  void aBuyersFiguresAreTheLifetimeFeaturesOfTheScoredVector() {
    double[] v = new double[ChurnFeature.values().length];
    v[ChurnFeature.HAS_PURCHASED.ordinal()] = 1;
    v[ChurnFeature.PURCHASE_DAYS_TOTAL.ordinal()] = 4;
    v[ChurnFeature.RECENCY_DAYS.ordinal()] = 21;
    v[ChurnFeature.DAYS_SINCE_FIRST_PURCHASE.ordinal()] = 280;
    v[ChurnFeature.SPEND_TOTAL.ordinal()] = 180;
    LifetimeFeatures.fill(v, WEEKLY);

    MemberValueFigures figures = MemberValueFigures.of(0.3, v);

    assertEquals(v[ChurnFeature.CLV.ordinal()], figures.clv(), 0);
    assertTrue(figures.clv() > 0);
    assertEquals(v[ChurnFeature.P_ALIVE.ordinal()], figures.probabilityAlive(), 0);
    assertTrue(figures.probabilityAlive() > 0 && figures.probabilityAlive() < 1);
    assertEquals(v[ChurnFeature.EXPECTED_PURCHASES_90.ordinal()], figures.expectedPurchases90(), 0);
    assertEquals(ValueAtRisk.of(0.3, v), figures.valueAtRisk(), 0);
    assertEquals(0.3 * figures.clv(), figures.valueAtRisk(), 1e-12);
  }

  @Test
  void aMemberWhoNeverPurchasedHasNoAliveProbabilityAndNoExpectedPurchasesButZeroValue() {
    double[] v = new double[ChurnFeature.values().length];
    v[ChurnFeature.DAYS_SINCE_FIRST_PURCHASE.ordinal()] = 120;
    LifetimeFeatures.fill(v, WEEKLY);
    // The vector holds 0 for the trees; the figures must not report that as "certainly gone".
    assertEquals(0, v[ChurnFeature.P_ALIVE.ordinal()]);

    MemberValueFigures figures = MemberValueFigures.of(0.9, v);

    assertNull(figures.probabilityAlive());
    assertNull(figures.expectedPurchases90());
    assertEquals(0, figures.clv());
    assertEquals(0, figures.valueAtRisk());
  }
}
