package dev.treue.training.churn;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.churn.WinBack;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.training.report.ScorerEvaluation;
import dev.treue.training.report.WinBackEvaluation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Measures the win-back list on the lapsed members at the validation cutoff: does ranking them by
 * the lifetime model's figures find those who buy again within the horizon, and better than simple
 * rules on the same rows? Scorers, all "higher = more likely to come back":
 *
 * <ul>
 *   <li>{@code p_alive}: BG/NBD P(alive), as the list shows it;
 *   <li>{@code expected_purchases}: the lifetime model's expected purchase days in the horizon;
 *   <li>{@code expected_spend}: expected purchases in the horizon times the Gamma-Gamma's expected
 *       spend per purchase, the chance of coming back weighted by what a return is worth;
 *   <li>{@code clv}: the lifetime model's CLV alone (its own horizon, discounted);
 *   <li>(money figures below 0, from net refunds, rank as 0, as {@link WinBack#value} does)
 *   <li>{@code win_back_value}: what the list ranks by ({@link WinBack#value}, the vector's expected
 *       purchases in 90 days; the same as {@code expected_purchases} when the horizon is 90 days);
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

  /** Returners the challenger needs among its training rows to be fitted at all. */
  static final int MIN_CHALLENGER_RETURNERS = 30;

  /**
   * @param lapsed the lapsed validation rows, lifetime features filled ({@link
   *     CutoffLifetimes#fill}); their label is churned = no purchase within the horizon
   */
  static WinBackEvaluation evaluate(
      LabelledSnapshots lapsed, CutoffLifetimes lifetimes, int horizonDays) {
    return evaluate(lapsed, lifetimes, horizonDays, null, System.out);
  }

  /**
   * As {@link #evaluate(LabelledSnapshots, CutoffLifetimes, int)}, with a challenger: a small
   * win-back model of its own, the churn candidates' logistic regression (standardised inputs, L2
   * chosen on the calibration fold) fitted on the lapsed rows at the training cutoffs with the same
   * features, shown as {@code logistic_on_lapsed}. It is measured, not used: the list keeps {@link
   * WinBack#value} unless a challenger beats it on several datasets (README, "the win-back list").
   *
   * @param lapsedTraining the lapsed rows at the training cutoffs, lifetime features filled; null
   *     for no challenger. Too few returners among them ({@value #MIN_CHALLENGER_RETURNERS}) and
   *     the challenger is left out.
   * @param out where the challenger's search and a note that it was left out are printed
   */
  static WinBackEvaluation evaluate(
      LabelledSnapshots lapsed,
      CutoffLifetimes lifetimes,
      int horizonDays,
      LabelledSnapshots lapsedTraining,
      PrintStream out) {
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
      scorers.add(
          ScorerEvaluation.ofScores(
              "expected_spend",
              atLeastZero(lifetimes.expectedSpend(lapsed, horizonDays)),
              returned));
      scorers.add(
          ScorerEvaluation.ofScores(
              "clv", atLeastZero(lapsed.column(ChurnFeature.CLV.ordinal())), returned));
      scorers.add(ScorerEvaluation.ofScores(WinBackEvaluation.LIST_SCORER, value, returned));
      scorers.add(ScorerEvaluation.ofScores("recency", recency, returned));
      scorers.add(
          ScorerEvaluation.ofScores(
              "frequency", lapsed.column(ChurnFeature.PURCHASE_DAYS_TOTAL.ordinal()), returned));
      scorers.add(
          ScorerEvaluation.ofScores(
              "monetary", lapsed.column(ChurnFeature.SPEND_TOTAL.ordinal()), returned));
      double[] challenger = challenger(lapsedTraining, lapsed, out);
      if (challenger != null) {
        scorers.add(ScorerEvaluation.ofScores("logistic_on_lapsed", challenger, returned));
      }
    }
    double returnRate = lapsed.size() == 0 ? Double.NaN : 1 - lapsed.churnRate();
    return new WinBackEvaluation(lapsed.size(), returnRate, scorers);
  }

  /** Money figures as a list would rank them: a negative value (net refunds) counts as 0. */
  private static double[] atLeastZero(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.max(0, values[i]);
    }
    return out;
  }

  /** The challenger's chance of coming back on {@code lapsed}, or null when it cannot be fitted. */
  private static double[] challenger(
      LabelledSnapshots training, LabelledSnapshots lapsed, PrintStream out) {
    if (training == null) {
      return null;
    }
    LabelledSnapshots calibration =
        training.where(i -> CalibrationFold.contains(training.customerIds()[i]));
    LabelledSnapshots fit =
        training.where(i -> !CalibrationFold.contains(training.customerIds()[i]));
    long returners = Math.round(fit.size() * (1 - fit.churnRate()));
    if (fit.size() == 0 || calibration.size() == 0 || returners < MIN_CHALLENGER_RETURNERS) {
      out.printf(
          "  win-back challenger left out: %,d returners among %,d lapsed training rows%n",
          returners, fit.size());
      return null;
    }
    Model<Label> model = CandidateTrainers.logistic(fit, calibration, out);
    double[] stays = ChurnScorer.rawProbabilities(model, List.of(lapsed.features()));
    double[] back = new double[stays.length];
    for (int i = 0; i < back.length; i++) {
      back[i] = 1 - stays[i];
    }
    return back;
  }
}
