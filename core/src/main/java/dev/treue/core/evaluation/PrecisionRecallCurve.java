package dev.treue.core.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Precision-recall curve for plotting, one point per distinct score (highest first), thinned to at
 * most {@link RocCurve#MAX_POINTS} points. Its area is {@link AveragePrecision}.
 *
 * @param points ordered by rising recall; empty when no row churned
 */
public record PrecisionRecallCurve(List<PrecisionRecallPoint> points) {
  /** Defensive copy; points are immutable. */
  public PrecisionRecallCurve {
    points = List.copyOf(points);
  }

  /** Precision-recall curve of {@code scores} (any real numbers, higher = more likely to churn). */
  public static PrecisionRecallCurve of(double[] scores, boolean[] churned) {
    return of(ScoreRanking.of(scores, churned));
  }

  static PrecisionRecallCurve of(ScoreRanking ranking) {
    if (ranking.positives == 0) {
      return new PrecisionRecallCurve(List.of());
    }
    int m = ranking.groups();
    double[] recall = new double[m];
    double[] precision = new double[m];
    for (int g = 0; g < m; g++) {
      recall[g] = (double) ranking.cumulativePositives[g] / ranking.positives;
      precision[g] = (double) ranking.cumulativePositives[g] / ranking.cumulativeRows[g];
    }
    List<PrecisionRecallPoint> points = new ArrayList<>();
    for (int i : CurveThinning.keep(recall, precision, RocCurve.MAX_POINTS)) {
      points.add(new PrecisionRecallPoint(ranking.thresholds[i], recall[i], precision[i]));
    }
    return new PrecisionRecallCurve(points);
  }
}
