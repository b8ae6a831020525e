package dev.treue.core.clv;

import java.util.List;

/**
 * Maximum-likelihood BG/NBD: Nelder-Mead on the logarithms of (r, alpha, a, b), so every step
 * stays positive, from several starts; the best optimum wins. Log parameters are kept within
 * [-12, 12]. Never returns NaN: a likelihood that is not finite at the optimum is an error.
 *
 * <p>Equal summaries are grouped, so the cost grows with distinct (x, t_x, T) rows rather than
 * members. On more than {@value #THINNED_ROWS} rows the starts race on a thinned table and only
 * the winner is polished on the full one: the starts only pick the basin.
 *
 * @param model the fitted parameters
 * @param logLikelihood the log-likelihood at them
 * @param iterations Nelder-Mead iterations of the winning start (of its full-data polish when thinned)
 * @param converged whether the winning run met the tolerance before the iteration limit
 * @param starts how many starts were run
 * @param standardErrors of (r, alpha, a, b) from the observed information; all NaN when the
 *     information is not positive definite, see {@link #hasStandardErrors()}
 * @param members members fitted
 * @param distinctSummaries distinct (x, t_x, T) rows the likelihood summed over
 */
public record BgNbdFit(BgNbd model, double logLikelihood, int iterations, boolean converged, int starts,
    double[] standardErrors, long members, int distinctSummaries) {
  private static final double BOUND = 12;
  private static final int MAX_ITERATIONS = 5_000;
  private static final double TOLERANCE = 1e-10;
  private static final int THINNED_ROWS = 40_000;
  private static final double[][] STARTS = {{1, 1, 1, 1}, {0.3, 5, 0.8, 2.5}, {2, 0.5, 3, 10}, {0.1, 20, 0.3, 0.5}};

  public BgNbdFit {
    standardErrors = standardErrors.clone();
  }

  @Override
  public double[] standardErrors() {
    return standardErrors.clone();
  }

  /** Whether the observed information gave standard errors (it does at an interior optimum). */
  public boolean hasStandardErrors() {
    return !Double.isNaN(standardErrors[0]);
  }

  /**
   * Fits the summaries.
   *
   * @throws IllegalArgumentException without summaries or without a single repeat purchase
   * @throws ArithmeticException when no start reaches a finite likelihood
   */
  public static BgNbdFit fit(List<PurchaseSummary> summaries) {
    if (summaries.isEmpty()) {
      throw new IllegalArgumentException("a BG/NBD fit needs members with repeat purchases; got no summaries");
    }
    SummaryTable table = SummaryTable.of(summaries);
    if (!table.hasRepeatPurchase()) {
      throw new IllegalArgumentException("a BG/NBD fit needs members with repeat purchases; got "
          + summaries.size() + " summaries, none with a repeat purchase");
    }
    SummaryTable race = table.rows() > THINNED_ROWS ? table.thinned(table.rows() / (THINNED_ROWS / 2)) : table;
    NelderMead.Result best = null;
    for (double[] start : STARTS) {
      double[] x0 = new double[4];
      for (int i = 0; i < 4; i++) {
        x0[i] = Math.log(start[i]);
      }
      NelderMead.Result r = NelderMead.minimize(p -> -logLikelihood(p, race), x0, 0.5, TOLERANCE, MAX_ITERATIONS);
      if (Double.isFinite(r.value()) && (best == null || r.value() < best.value())) {
        best = r;
      }
    }
    if (best == null) {
      throw new ArithmeticException("the BG/NBD likelihood was not finite from any of " + STARTS.length + " starts");
    }
    if (race != table) {
      best = NelderMead.minimize(p -> -logLikelihood(p, table), best.point(), 0.1, TOLERANCE, MAX_ITERATIONS);
    }
    double ll = -best.value();
    if (!Double.isFinite(ll)) {
      throw new ArithmeticException("the BG/NBD likelihood is not finite at the polished optimum");
    }
    double[] errors = Hessian.standardErrors(p -> logLikelihood(p, table), best.point());
    return new BgNbdFit(model(best.point()), ll, best.iterations(), best.converged(), STARTS.length, errors,
        table.members(), table.rows());
  }

  private static double logLikelihood(double[] logParams, SummaryTable table) {
    for (double p : logParams) {
      if (Math.abs(p) > BOUND) {
        return Double.NEGATIVE_INFINITY;
      }
    }
    double ll = table.logLikelihood(model(logParams));
    return Double.isNaN(ll) ? Double.NEGATIVE_INFINITY : ll;
  }

  private static BgNbd model(double[] logParams) {
    return new BgNbd(Math.exp(logParams[0]), Math.exp(logParams[1]), Math.exp(logParams[2]), Math.exp(logParams[3]));
  }
}
