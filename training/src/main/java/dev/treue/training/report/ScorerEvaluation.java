package dev.treue.training.report;

import dev.treue.core.evaluation.BinaryMetrics;
import dev.treue.core.evaluation.GainsCurve;
import dev.treue.core.evaluation.ScoreCurves;
import java.util.Objects;

/**
 * Metrics and curves of one scorer (the model or a baseline) on the validation rows.
 *
 * @param name short name shown in the report, e.g. "model", "recency", "rfm", "oracle"
 * @param metrics headline metrics; a ranking-only baseline has NaN log loss and Brier
 * @param curves ROC, precision-recall and gains curves
 */
public record ScorerEvaluation(String name, BinaryMetrics metrics, ScoreCurves curves) {

  /** Requires every component. */
  public ScorerEvaluation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(curves, "curves");
  }

  /** Evaluation of churn probabilities in [0, 1]. */
  public static ScorerEvaluation ofProbabilities(String name, double[] p, boolean[] churned) {
    return new ScorerEvaluation(name, BinaryMetrics.of(p, churned), curves(p, churned));
  }

  /** Evaluation of ranking scores (any real numbers, higher = more likely to churn). */
  public static ScorerEvaluation ofScores(String name, double[] scores, boolean[] churned) {
    return new ScorerEvaluation(
        name, BinaryMetrics.ofScores(scores, churned), curves(scores, churned));
  }

  /**
   * Evaluation of a rule whose scores were mapped to probabilities: ranking metrics and curves from
   * the raw scores, log loss and Brier from the probabilities. The mapping (an isotonic fit on other
   * rows) is monotone but flat in steps and beyond the range it was fitted on, and the ties it makes
   * would cost the rule AUC it has on its own.
   */
  public static ScorerEvaluation ofCalibratedScores(
      String name, double[] scores, double[] p, boolean[] churned) {
    BinaryMetrics ranking = BinaryMetrics.ofScores(scores, churned);
    BinaryMetrics probabilities = BinaryMetrics.of(p, churned);
    return new ScorerEvaluation(
        name,
        new BinaryMetrics(
            ranking.auc(),
            ranking.prAuc(),
            probabilities.logLoss(),
            probabilities.brier(),
            ranking.liftTopDecile(),
            ranking.baseRate(),
            ranking.n()),
        curves(scores, churned));
  }

  private static ScoreCurves curves(double[] scores, boolean[] churned) {
    // Vingtiles give the gains chart enough points to read a contact depth off it.
    return ScoreCurves.of(scores, churned, 2 * GainsCurve.DEFAULT_BUCKETS);
  }
}
