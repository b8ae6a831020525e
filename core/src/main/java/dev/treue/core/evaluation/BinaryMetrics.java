package dev.treue.core.evaluation;

/**
 * Headline metrics of a churn scorer on labelled rows, computed identically for the model and for
 * every baseline.
 *
 * <p>Ranking metrics (AUC, PR-AUC, lift) work on any real scores. Log loss and Brier score only mean
 * something for probabilities: {@link #of} requires probabilities, {@link #ofScores} is for ranking
 * scores such as "days since last purchase" and leaves those two NaN. Map a baseline to
 * probabilities first (for example with a calibrator) to compare it on log loss.
 *
 * @param auc area under the ROC curve; NaN when one class is absent
 * @param prAuc average precision; NaN when no row churned
 * @param logLoss mean log loss, probabilities clipped to [1e-15, 1 - 1e-15]; NaN for ranking scores
 * @param brier Brier score; NaN for ranking scores
 * @param liftTopDecile churn rate in the top 10% of scores over the base rate; NaN without churners
 * @param baseRate share of rows that churned; NaN for no rows
 * @param n number of rows
 */
public record BinaryMetrics(
    double auc,
    double prAuc,
    double logLoss,
    double brier,
    double liftTopDecile,
    double baseRate,
    long n) {

  /**
   * All metrics of churn probabilities.
   *
   * @param p churn probabilities in [0, 1]
   * @param churned the realised label of each row (true = churned)
   * @throws IllegalArgumentException when lengths differ or a value is not a probability
   */
  public static BinaryMetrics of(double[] p, boolean[] churned) {
    LabelledScores.checkProbabilities(p, churned);
    return compute(p, churned, LogLoss.of(p, churned), BrierScore.of(p, churned));
  }

  /**
   * Ranking metrics of arbitrary scores; {@code logLoss} and {@code brier} are NaN.
   *
   * @param scores any finite real numbers, higher = more likely to churn
   * @param churned the realised label of each row (true = churned)
   */
  public static BinaryMetrics ofScores(double[] scores, boolean[] churned) {
    return compute(scores, churned, Double.NaN, Double.NaN);
  }

  private static BinaryMetrics compute(
      double[] scores, boolean[] churned, double logLoss, double brier) {
    ScoreRanking ranking = ScoreRanking.of(scores, churned);
    long n = ranking.n();
    return new BinaryMetrics(
        RocAuc.of(scores, churned),
        AveragePrecision.of(scores, churned),
        logLoss,
        brier,
        Lift.of(ranking, Lift.TOP_DECILE),
        n == 0 ? Double.NaN : (double) ranking.positives / n,
        n);
  }

  /** Whether log loss and Brier score were computed (the scores were probabilities). */
  public boolean hasProbabilityMetrics() {
    return !Double.isNaN(logLoss) && !Double.isNaN(brier);
  }
}
