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
    return new ScorerEvaluation(name, BinaryMetrics.ofScores(scores, churned), curves(scores, churned));
  }

  private static ScoreCurves curves(double[] scores, boolean[] churned) {
    // Vingtiles give the gains chart enough points to read a contact depth off it.
    return ScoreCurves.of(scores, churned, 2 * GainsCurve.DEFAULT_BUCKETS);
  }
}
