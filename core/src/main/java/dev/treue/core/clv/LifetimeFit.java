package dev.treue.core.clv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Both buy-till-you-die fits on one population, and the {@link LifetimeModel} they make.
 *
 * @param purchases the BG/NBD fit
 * @param spend the Gamma-Gamma fit
 * @param model the two with the time unit and CLV horizon
 */
public record LifetimeFit(BgNbdFit purchases, GammaGammaFit spend, LifetimeModel model) {
  /**
   * How close (in log units) to the optimiser's box {@code |log p| <= 12} a parameter counts as
   * having run to the bound: within 0.5, i.e. above e^11.5 (about 98,700) or below e^-11.5.
   */
  static final double BOUND_MARGIN = 0.5;

  /**
   * The parameters that ran to the optimiser's bound, e.g. {@code "BG/NBD b = 102,264"}; empty for
   * an interior optimum. A fit at the bound has not found a maximum the data supports (typically no
   * dropout is visible, so a and b drift apart without limit), and its P(alive) and expected
   * purchases are artefacts of where the box happens to end.
   */
  public List<String> parametersAtBound() {
    List<String> out = new ArrayList<>();
    BgNbd b = purchases.model();
    check(out, "BG/NBD r", b.r());
    check(out, "BG/NBD alpha", b.alpha());
    check(out, "BG/NBD a", b.a());
    check(out, "BG/NBD b", b.b());
    GammaGamma g = spend.model();
    check(out, "Gamma-Gamma p", g.p());
    check(out, "Gamma-Gamma q", g.q());
    check(out, "Gamma-Gamma v", g.v());
    return out;
  }

  /** Whether a positive parameter lies within {@link #BOUND_MARGIN} of the optimiser's box. */
  public static boolean atBound(double parameter) {
    return !(Math.abs(Math.log(parameter)) <= MultiStart.BOUND - BOUND_MARGIN);
  }

  private static void check(List<String> out, String name, double value) {
    if (atBound(value)) {
      out.add(String.format(Locale.ROOT, value >= 1 ? "%s = %,.0f" : "%s = %.2e", name, value));
    }
  }

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
