package dev.treue.core.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * ROC curve for plotting: from (0, 0) to (1, 1), one point per distinct score, thinned to at most
 * {@link #MAX_POINTS} points. The AUC comes from {@link RocAuc}, which uses every row.
 *
 * @param points ordered by rising false positive rate; empty when one class is absent
 */
public record RocCurve(List<RocPoint> points) {
  /** Enough for a smooth line in a report, small enough for a JSON file. */
  public static final int MAX_POINTS = 200;

  /** Defensive copy; points are immutable. */
  public RocCurve {
    points = List.copyOf(points);
  }

  /** ROC curve of {@code scores} (any real numbers, higher = more likely to churn). */
  public static RocCurve of(double[] scores, boolean[] churned) {
    return of(ScoreRanking.of(scores, churned));
  }

  static RocCurve of(ScoreRanking ranking) {
    if (ranking.positives == 0 || ranking.negatives == 0) {
      return new RocCurve(List.of());
    }
    int m = ranking.groups() + 1;
    double[] fpr = new double[m];
    double[] tpr = new double[m];
    double[] threshold = new double[m];
    threshold[0] = Double.POSITIVE_INFINITY;
    for (int g = 0; g < ranking.groups(); g++) {
      long falsePositives = ranking.cumulativeRows[g] - ranking.cumulativePositives[g];
      fpr[g + 1] = (double) falsePositives / ranking.negatives;
      tpr[g + 1] = (double) ranking.cumulativePositives[g] / ranking.positives;
      threshold[g + 1] = ranking.thresholds[g];
    }
    List<RocPoint> points = new ArrayList<>();
    for (int i : CurveThinning.keep(fpr, tpr, MAX_POINTS)) {
      points.add(new RocPoint(threshold[i], fpr[i], tpr[i]));
    }
    return new RocCurve(points);
  }
}
