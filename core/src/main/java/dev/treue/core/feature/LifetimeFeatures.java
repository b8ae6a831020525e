package dev.treue.core.feature;

import dev.treue.core.clv.ClvHorizon;
import dev.treue.core.clv.GammaGammaFit;
import dev.treue.core.clv.LifetimeFit;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.clv.PurchaseSummary;
import dev.treue.core.clv.SpendSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lifetime model's features, computed from the churn vector itself: the BG/NBD summary is
 * x = purchase days - 1, t_x = days since the first purchase - days since the last, T = days since
 * the first purchase, and the spend is {@link SpendSummary#netSpendPerPurchaseDay} (not the
 * published repeat-purchase convention {@code train clv} fits on: the vector does not hold the first
 * day's value). Because they are a function of the vector and the model, Spark, batch scoring and
 * the service cannot disagree on them once they agree on the rest of the vector (which the parity
 * test proves).
 */
public final class LifetimeFeatures {
  private LifetimeFeatures() {}

  /** The member's BG/NBD summary in days, or empty for a member who never purchased. */
  public static Optional<PurchaseSummary> summaryInDays(double[] v) {
    long purchaseDays = Math.round(v[ChurnFeature.PURCHASE_DAYS_TOTAL.ordinal()]);
    if (v[ChurnFeature.HAS_PURCHASED.ordinal()] == 0 || purchaseDays < 1) {
      return Optional.empty();
    }
    double first = v[ChurnFeature.DAYS_SINCE_FIRST_PURCHASE.ordinal()];
    double last = v[ChurnFeature.RECENCY_DAYS.ordinal()];
    return Optional.of(new PurchaseSummary(Math.toIntExact(purchaseDays - 1), first - last, first));
  }

  /** The member's Gamma-Gamma input: {@link SpendSummary#netSpendPerPurchaseDay} from the vector. */
  public static GammaGammaFit.Spend spend(double[] v) {
    int days = (int) Math.round(v[ChurnFeature.PURCHASE_DAYS_TOTAL.ordinal()]);
    return SpendSummary.netSpendPerPurchaseDay(days, v[ChurnFeature.SPEND_TOTAL.ordinal()]);
  }

  /**
   * Fits the lifetime model on members' churn vectors at one as-of day, in days: the BG/NBD on every
   * member who purchased, the Gamma-Gamma (by its convention) on those with two or more purchase days.
   */
  public static LifetimeFit fit(List<double[]> vectors, ClvHorizon horizon) {
    List<PurchaseSummary> summaries = new ArrayList<>();
    List<GammaGammaFit.Spend> spends = new ArrayList<>();
    for (double[] v : vectors) {
      Optional<PurchaseSummary> s = summaryInDays(v);
      if (s.isPresent()) {
        summaries.add(s.get());
        GammaGammaFit.Spend spend = spend(v);
        if (spend.transactions() >= 2) {
          spends.add(spend);
        }
      }
    }
    return LifetimeFit.fit(summaries, spends, 1, horizon);
  }

  /**
   * Sets {@link ChurnFeature#P_ALIVE}, {@link ChurnFeature#EXPECTED_PURCHASES_90} and
   * {@link ChurnFeature#CLV} from the rest of {@code v}. A member who never purchased has no
   * purchase process to extrapolate: all three are 0, and the tree model tells them apart by
   * {@link ChurnFeature#HAS_PURCHASED}.
   */
  public static void fill(double[] v, LifetimeModel model) {
    Optional<PurchaseSummary> days = summaryInDays(v);
    if (days.isEmpty()) {
      v[ChurnFeature.P_ALIVE.ordinal()] = 0;
      v[ChurnFeature.EXPECTED_PURCHASES_90.ordinal()] = 0;
      v[ChurnFeature.CLV.ordinal()] = 0;
      return;
    }
    PurchaseSummary s = days.get();
    PurchaseSummary inUnits = model.summary(s.frequency() + 1L, s.age() - s.recency(), s.age());
    GammaGammaFit.Spend spend = spend(v);
    v[ChurnFeature.P_ALIVE.ordinal()] = model.probabilityAlive(inUnits);
    v[ChurnFeature.EXPECTED_PURCHASES_90.ordinal()] = model.expectedPurchases(inUnits, 90);
    v[ChurnFeature.CLV.ordinal()] =
        model.lifetimeValue(inUnits, spend.transactions(), spend.meanValue());
  }
}
