package dev.treue.core.clv;

import java.io.Serializable;

/**
 * A member's future as the buy-till-you-die models see it: the BG/NBD for how often they will buy
 * and whether they are still active, the Gamma-Gamma for what they will spend per purchase, and
 * customer lifetime value from both. Summaries are in days here; the models may be in another unit
 * ({@code unitDays}, e.g. 7 for weeks), and conversions happen inside.
 *
 * @param purchases the fitted BG/NBD
 * @param spend the fitted Gamma-Gamma
 * @param unitDays days per time unit of the models' parameters
 * @param horizon the CLV horizon and discount rate
 */
public record LifetimeModel(BgNbd purchases, GammaGamma spend, double unitDays, ClvHorizon horizon)
    implements Serializable {

  /** Days per month in CLV steps: a Gregorian year over twelve. */
  public static final double DAYS_PER_MONTH = 365.2425 / 12;

  public LifetimeModel {
    if (!(unitDays > 0) || Double.isInfinite(unitDays)) {
      throw new IllegalArgumentException("unit_days must be a positive number, got " + unitDays);
    }
    if (!(spend.q() > 1)) {
      throw new IllegalArgumentException(
          "a Gamma-Gamma with q = "
              + spend.q()
              + " <= 1 has no finite mean spend, so it cannot value members");
    }
  }

  /**
   * A member's summary in the models' unit.
   *
   * @param purchaseDays distinct days with a purchase (at least 1)
   * @param daysSinceLast days from the last purchase day to the as-of day
   * @param daysSinceFirst days from the first purchase day to the as-of day
   */
  public PurchaseSummary summary(long purchaseDays, double daysSinceLast, double daysSinceFirst) {
    if (purchaseDays < 1) {
      throw new IllegalArgumentException("a member without a purchase has no purchase summary");
    }
    return new PurchaseSummary(
        Math.toIntExact(purchaseDays - 1),
        (daysSinceFirst - daysSinceLast) / unitDays,
        daysSinceFirst / unitDays);
  }

  /** P(alive) at the as-of day. */
  public double probabilityAlive(PurchaseSummary s) {
    return purchases.probabilityAlive(s);
  }

  /** Expected purchase days in the next {@code days} days. */
  public double expectedPurchases(PurchaseSummary s, double days) {
    return purchases.expectedPurchases(s, days / unitDays);
  }

  /** P(no purchase in the next {@code days} days). */
  public double probabilityNoPurchase(PurchaseSummary s, double days) {
    return purchases.probabilityNoPurchase(s, days / unitDays);
  }

  /**
   * Expected value of one future purchase, given the member's mean over {@code transactions}
   * purchases so far (the Gamma-Gamma's posterior mean, shrunk towards the population's).
   */
  public double expectedSpendPerPurchase(int transactions, double meanSpend) {
    return spend.expectedAverageValue(transactions, meanSpend);
  }

  /**
   * Customer lifetime value over the horizon: expected purchases month by month, times the expected
   * spend per purchase, each month discounted to today.
   *
   * @param transactions purchases the mean covers
   * @param meanSpend the member's mean net spend per purchase so far
   */
  public double lifetimeValue(PurchaseSummary s, int transactions, double meanSpend) {
    double perPurchase = expectedSpendPerPurchase(transactions, meanSpend);
    double monthlyDiscount = Math.pow(1 + horizon.annualDiscountRate(), 1.0 / 12);
    double[] months = new double[horizon.months()];
    for (int m = 0; m < months.length; m++) {
      months[m] = (m + 1) * DAYS_PER_MONTH / unitDays;
    }
    double[] through = purchases.expectedPurchases(s, months);
    double value = 0;
    double before = 0;
    double factor = 1;
    for (double cumulative : through) {
      factor /= monthlyDiscount;
      value += (cumulative - before) * perPurchase * factor;
      before = cumulative;
    }
    return value;
  }
}
