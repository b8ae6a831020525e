package dev.treue.core.evaluation;

/**
 * Lift of the highest-scored members: churn rate among them divided by the overall churn rate.
 *
 * <p>The top fraction {@code f} of {@code n} rows is exactly {@code f * n} rows, which may be a
 * fractional row or cut through a group of tied scores. The tied group then counts with its own
 * churn rate for the share that falls inside (the expectation over every tie-break), so the result
 * is deterministic and independent of the input order.
 */
public final class Lift {
  /** The share of members a retention campaign typically targets. */
  public static final double TOP_DECILE = 0.1;

  private Lift() {}

  /** Lift in the 10% highest scores; NaN when there are no rows or no churners. */
  public static double topDecile(double[] scores, boolean[] churned) {
    return topFraction(scores, churned, TOP_DECILE);
  }

  /**
   * Lift in the highest-scored {@code fraction} of rows.
   *
   * @param fraction in (0, 1]
   * @return churn rate in the top fraction / overall churn rate; NaN without rows or churners
   */
  public static double topFraction(double[] scores, boolean[] churned, double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "fraction is " + fraction + ", expected a value in (0, 1]");
    }
    return of(ScoreRanking.of(scores, churned), fraction);
  }

  static double of(ScoreRanking ranking, double fraction) {
    if (ranking.n() == 0 || ranking.positives == 0) {
      return Double.NaN;
    }
    double rows = fraction * ranking.n();
    double rateInTop = ranking.positivesInTop(rows) / rows;
    double baseRate = (double) ranking.positives / ranking.n();
    return rateInTop / baseRate;
  }
}
