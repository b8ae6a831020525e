package dev.treue.core.evaluation;

/** Mean squared difference between churn probability and the 0/1 outcome. */
public final class BrierScore {
  private BrierScore() {}

  /**
   * Brier score of {@code p} against the realised labels.
   *
   * @param p churn probabilities in [0, 1]; ranking scores are rejected
   * @param churned the realised label of each row
   * @return the Brier score in [0, 1], or NaN for no rows
   * @throws IllegalArgumentException when a value is not a probability
   */
  public static double of(double[] p, boolean[] churned) {
    LabelledScores.checkProbabilities(p, churned);
    if (p.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double error = p[i] - (churned[i] ? 1 : 0);
      sum += error * error;
    }
    return sum / p.length;
  }
}
