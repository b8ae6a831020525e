package dev.treue.core.clv;

import java.util.List;

/**
 * Both buy-till-you-die fits on one population, and the {@link LifetimeModel} they make.
 *
 * @param purchases the BG/NBD fit
 * @param spend the Gamma-Gamma fit
 * @param model the two with the time unit and CLV horizon
 */
public record LifetimeFit(BgNbdFit purchases, GammaGammaFit spend, LifetimeModel model) {

  /**
   * Fits both models.
   *
   * @param summaries every member with a purchase, in the unit {@code unitDays}
   * @param spends the same members' purchase counts and mean values (those without a repeat
   *     purchase or with no positive mean are skipped by the Gamma-Gamma)
   */
  public static LifetimeFit fit(
      List<PurchaseSummary> summaries,
      List<GammaGammaFit.Spend> spends,
      double unitDays,
      ClvHorizon horizon) {
    BgNbdFit purchases = BgNbdFit.fit(summaries);
    GammaGammaFit spend = GammaGammaFit.fit(spends);
    return new LifetimeFit(
        purchases, spend, new LifetimeModel(purchases.model(), spend.model(), unitDays, horizon));
  }
}
