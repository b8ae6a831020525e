package dev.treue.core.evaluation;

/**
 * Area under the precision-recall curve as average precision: the step-wise sum of precision at
 * each threshold weighted by the recall gained there, {@code sum (R_k - R_{k-1}) P_k}.
 *
 * <p>Step-wise rather than trapezoidal because linear interpolation in precision-recall space is
 * optimistic. Tied scores form one threshold, so the result does not depend on row order.
 */
public final class AveragePrecision {
  private AveragePrecision() {}

  /**
   * Average precision of {@code scores} for finding churners.
   *
   * @param scores any real scores, higher = more likely to churn
   * @param churned the realised label of each row
   * @return average precision in [0, 1], or NaN when no row churned
   */
  public static double of(double[] scores, boolean[] churned) {
    ScoreRanking ranking = ScoreRanking.of(scores, churned);
    if (ranking.positives == 0) {
      return Double.NaN;
    }
    double sum = 0;
    long previousPositives = 0;
    for (int g = 0; g < ranking.groups(); g++) {
      long gained = ranking.cumulativePositives[g] - previousPositives;
      if (gained > 0) {
        double precision = (double) ranking.cumulativePositives[g] / ranking.cumulativeRows[g];
        sum += precision * gained / ranking.positives;
      }
      previousPositives = ranking.cumulativePositives[g];
    }
    return sum;
  }
}
