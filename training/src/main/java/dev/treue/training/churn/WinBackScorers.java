package dev.treue.training.churn;

import dev.treue.core.churn.WinBack;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.training.report.ScorerEvaluation;
import dev.treue.training.report.WinBackEvaluation;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the win-back list on the lapsed members at the validation cutoff: does ranking them by
 * the lifetime model's figures find those who buy again within the horizon, and better than simple
 * rules on the same rows? Scorers, all "higher = more likely to come back":
 *
 * <ul>
 *   <li>{@code p_alive}: BG/NBD P(alive), as the list shows it;
 *   <li>{@code expected_purchases}: the lifetime model's expected purchase days in the horizon;
 *   <li>{@code win_back_value}: P(alive) x CLV, what the list ranks by ({@link WinBack#value});
 *   <li>{@code recency}: fewer days since the last purchase; {@code frequency}: more purchase
 *       days ever; {@code monetary}: more net spend ever (the 12-month windows are empty for a
 *       lapsed member).
 * </ul>
 *
 * Ranking metrics only: none of these is a probability of returning, so log loss would compare
 * nothing.
 */
final class WinBackScorers {
  private WinBackScorers() {}

  /**
   * @param lapsed the lapsed validation rows, lifetime features filled ({@link
   *     CutoffLifetimes#fill}); their label is churned = no purchase within the horizon
   */
  static WinBackEvaluation evaluate(
      LabelledSnapshots lapsed, CutoffLifetimes lifetimes, int horizonDays) {
    boolean[] returned = new boolean[lapsed.size()];
    double[] value = new double[lapsed.size()];
    double[] recency = lapsed.column(ChurnFeature.RECENCY_DAYS.ordinal());
    for (int i = 0; i < returned.length; i++) {
      returned[i] = !lapsed.churned()[i];
      value[i] = WinBack.value(lapsed.features()[i]);
      recency[i] = -recency[i];
    }
    List<ScorerEvaluation> scorers = new ArrayList<>();
    if (lapsed.size() > 0) {
      scorers.add(
          ScorerEvaluation.ofScores(
              "p_alive", lapsed.column(ChurnFeature.P_ALIVE.ordinal()), returned));
      scorers.add(
          ScorerEvaluation.ofScores(
              "expected_purchases", lifetimes.expectedPurchases(lapsed, horizonDays), returned));
      scorers.add(ScorerEvaluation.ofScores(WinBackEvaluation.LIST_SCORER, value, returned));
      scorers.add(ScorerEvaluation.ofScores("recency", recency, returned));
      scorers.add(
          ScorerEvaluation.ofScores(
              "frequency", lapsed.column(ChurnFeature.PURCHASE_DAYS_TOTAL.ordinal()), returned));
      scorers.add(
          ScorerEvaluation.ofScores(
              "monetary", lapsed.column(ChurnFeature.SPEND_TOTAL.ordinal()), returned));
    }
    double returnRate = lapsed.size() == 0 ? Double.NaN : 1 - lapsed.churnRate();
    return new WinBackEvaluation(lapsed.size(), returnRate, scorers);
  }
}
