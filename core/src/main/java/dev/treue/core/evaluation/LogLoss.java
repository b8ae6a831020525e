package dev.treue.core.evaluation;

/** Mean negative log-likelihood of churn probabilities (natural log). */
public final class LogLoss {
  /** Probabilities are clipped to [EPSILON, 1 - EPSILON] so one confident mistake stays finite. */
  public static final double EPSILON = 1e-15;

  private LogLoss() {}

  /**
   * Log loss of {@code p} against the realised labels.
   *
   * @param p churn probabilities in [0, 1]; ranking scores are rejected
   * @param churned the realised label of each row
   * @return the mean log loss, or NaN for no rows
   * @throws IllegalArgumentException when a value is not a probability
   */
  public static double of(double[] p, boolean[] churned) {
    LabelledScores.checkProbabilities(p, churned);
    if (p.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double clipped = Math.min(Math.max(p[i], EPSILON), 1 - EPSILON);
      sum -= churned[i] ? Math.log(clipped) : Math.log1p(-clipped);
    }
    return sum / p.length;
  }
}
