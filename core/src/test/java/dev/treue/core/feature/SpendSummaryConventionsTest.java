package dev.treue.core.feature;

import static dev.treue.core.feature.Histories.day;
import static dev.treue.core.feature.Histories.fold;
import static dev.treue.core.feature.Histories.member;
import static dev.treue.core.feature.Histories.purchase;
import static dev.treue.core.feature.Histories.returned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.treue.core.clv.GammaGammaFit;
import dev.treue.core.clv.SpendSummary;
import dev.treue.core.customer.CustomerState;
import org.junit.jupiter.api.Test;

/**
 * Pins the two Gamma-Gamma inputs on one hand-computed history: {@code train clv}'s published
 * repeat-purchase mean and the churn vector's net spend per purchase day differ, by design.
 */
class SpendSummaryConventionsTest {
  // Purchases of 30 and 10 on 2024-01-02 (one transaction of 40), 20 on 01-10, 50 on 01-20; 15
  // returned on 01-25.
  private static final double FIRST_DAY = 40;
  private static final double GROSS = 110;
  private static final double NET = 95;

  @Test
  void repeatPurchaseMeanLeavesOutTheFirstDayAndCountsGrossValue() {
    GammaGammaFit.Spend s = SpendSummary.repeatPurchaseMeanSpend(3, GROSS, FIRST_DAY);
    assertEquals(2, s.transactions());
    assertEquals((20 + 50) / 2.0, s.meanValue(), 1e-12);
  }

  @Test
  void theChurnVectorGivesNetSpendOverEveryPurchaseDay() {
    CustomerState s =
        fold(
            member(day("2024-01-01"), "basic"),
            purchase(day("2024-01-02"), 30, "grocery"),
            purchase(day("2024-01-02"), 10, "home"),
            purchase(day("2024-01-10"), 20, "grocery"),
            purchase(day("2024-01-20"), 50, "fashion"),
            returned(day("2024-01-25"), 15, "fashion"));
    GammaGammaFit.Spend churn = LifetimeFeatures.spend(ChurnFeatures.compute(s, day("2024-02-01")));
    assertEquals(SpendSummary.netSpendPerPurchaseDay(3, NET), churn);
    assertEquals(3, churn.transactions());
    assertEquals((30 + 10 + 20 + 50 - 15) / 3.0, churn.meanValue(), 1e-12);
    assertNotEquals(SpendSummary.repeatPurchaseMeanSpend(3, GROSS, FIRST_DAY), churn);
  }

  @Test
  void withoutRepeatsOrPurchasesBothAreZero() {
    assertEquals(new GammaGammaFit.Spend(0, 0), SpendSummary.repeatPurchaseMeanSpend(1, 40, 40));
    assertEquals(new GammaGammaFit.Spend(0, 0), SpendSummary.netSpendPerPurchaseDay(0, 0));
    assertEquals(new GammaGammaFit.Spend(1, 40), SpendSummary.netSpendPerPurchaseDay(1, 40));
  }
}
