package dev.treue.core.evaluation;

/**
 * The curves a report plots for one scorer, all computed from a single ranking of the same rows.
 *
 * @param roc ROC curve
 * @param precisionRecall precision-recall curve
 * @param gains cumulative gains and lift by bucket
 */
public record ScoreCurves(RocCurve roc, PrecisionRecallCurve precisionRecall, GainsCurve gains) {

  /** Curves with gains by decile; {@code scores} may be any real numbers. */
  public static ScoreCurves of(double[] scores, boolean[] churned) {
    return of(scores, churned, GainsCurve.DEFAULT_BUCKETS);
  }

  /** Curves with gains in {@code gainsBuckets} slices (10 or 20 are usual). */
  public static ScoreCurves of(double[] scores, boolean[] churned, int gainsBuckets) {
    ScoreRanking ranking = ScoreRanking.of(scores, churned);
    return new ScoreCurves(
        RocCurve.of(ranking),
        PrecisionRecallCurve.of(ranking),
        GainsCurve.of(ranking, gainsBuckets));
  }
}
