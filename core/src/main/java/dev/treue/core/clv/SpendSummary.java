package dev.treue.core.clv;

/**
 * The two definitions of a member's Gamma-Gamma input ({@link GammaGammaFit.Spend}: how many
 * transactions a mean covers, and the mean) that Treue uses, named once here. In both, a transaction is
 * a UTC day with a purchase (purchases on one day are one transaction, as in the BG/NBD paper).
 *
 * <ul>
 *   <li>{@link #repeatPurchaseMeanSpend}: the published convention (Fader, Hardie and Lee 2005, "RFM and
 *       CLV: using iso-value curves"): the mean gross purchase value of the repeat transactions, the
 *       first purchase day left out, over purchase days - 1 transactions. {@code train clv} fits on it,
 *       and with it reproduces the published CDNOW p, q, v.
 *   <li>{@link #netSpendPerPurchaseDay}: net spend (purchases less returns) over every purchase day,
 *       over purchase days transactions. The churn bundle's lifetime model fits and scores on it,
 *       because it is a function of the churn vector (which holds net spend ever and purchase days but
 *       not the first day's value), so Spark, batch scoring and the service compute it alike.
 * </ul>
 *
 * <p>The two differ whenever the first day's value is not the mean, or a member returned something: a
 * churn bundle's {@code gamma_gamma} parameters are therefore not comparable with a {@code train clv}
 * version's, though the keys are the same.
 */
public final class SpendSummary {
  private SpendSummary() {}

  /**
   * The published Gamma-Gamma input: repeat transactions and their mean gross value. Without a repeat
   * day it is (0, 0), which {@link GammaGammaFit#fit} leaves out.
   *
   * @param purchaseDays distinct UTC days with a purchase
   * @param grossValue the sum of the purchase amounts on those days (returns not subtracted)
   * @param firstDayValue the sum of the purchase amounts on the first of them
   */
  public static GammaGammaFit.Spend repeatPurchaseMeanSpend(
      int purchaseDays, double grossValue, double firstDayValue) {
    int repeats = Math.max(purchaseDays - 1, 0);
    return new GammaGammaFit.Spend(
        repeats, repeats == 0 ? 0 : (grossValue - firstDayValue) / repeats);
  }

  /**
   * The churn vector's Gamma-Gamma input: every purchase day and the mean net spend per purchase day.
   * Without a purchase day it is (0, 0).
   *
   * @param purchaseDays distinct UTC days with a purchase
   * @param netSpend purchases less returns, ever
   */
  public static GammaGammaFit.Spend netSpendPerPurchaseDay(int purchaseDays, double netSpend) {
    return new GammaGammaFit.Spend(purchaseDays, purchaseDays == 0 ? 0 : netSpend / purchaseDays);
  }
}
