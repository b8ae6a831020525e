package dev.treue.core.clv;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Maximum-likelihood Pareto/NBD by {@link MultiStart}, as {@link BgNbdFit} does the BG/NBD:
 * Nelder-Mead on log (r, alpha, s, beta) from several starts, the winner polished, standard errors
 * from the observed information. Equal summaries are grouped in a {@link SummaryTable}, so the cost
 * grows with distinct (x, t_x, T) rows, summed on all cores with the same digits on any machine.
 * Never returns NaN: a likelihood that is not finite at the optimum is an error.
 *
 * @param model the fitted parameters
 * @param logLikelihood the log-likelihood at them
 * @param iterations Nelder-Mead iterations of the winning start, including its restart
 * @param converged whether the winning run met the tolerance before the iteration limit
 * @param starts how many starts were run
 * @param standardErrors of (r, alpha, s, beta) from the observed information; all NaN when the
 *     information is not positive definite, see {@link #hasStandardErrors()}
 * @param members members fitted
 * @param distinctSummaries distinct (x, t_x, T) rows the likelihood summed over
 */
public record ParetoNbdFit(
    ParetoNbd model,
    double logLikelihood,
    int iterations,
    boolean converged,
    int starts,
    double[] standardErrors,
    long members,
    int distinctSummaries) {
  private static final double TOLERANCE = 1e-10;
  private static final double[][] STARTS = {
    {1, 1, 1, 1}, {0.3, 5, 1, 20}, {2, 0.5, 3, 10}, {0.2, 50, 0.3, 5}
  };

  public ParetoNbdFit {
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
  public static ParetoNbdFit fit(List<PurchaseSummary> summaries) {
    SummaryTable table = summaries.isEmpty() ? null : SummaryTable.of(summaries);
    if (table == null || !table.hasRepeatPurchase()) {
      throw new IllegalArgumentException(
          "a Pareto/NBD fit needs members with repeat purchases; got "
              + summaries.size()
              + " summaries, none with a repeat purchase");
    }
    ToDoubleFunction<double[]> full = p -> logLikelihood(p, table);
    NelderMead.Result best = MultiStart.maximize(full, full, STARTS, TOLERANCE, "Pareto/NBD");
    double ll = -best.value();
    double[] errors = Hessian.standardErrors(p -> MultiStart.bounded(full, p), best.point());
    return new ParetoNbdFit(
        model(best.point()),
        ll,
        best.iterations(),
        best.converged(),
        STARTS.length,
        errors,
        table.members(),
        table.rows());
  }

  private static double logLikelihood(double[] logParams, SummaryTable table) {
    ParetoNbd m = model(logParams);
    try {
      return table.sum(m::logLikelihood);
    } catch (ArithmeticException e) {
      // A 2F1 that does not converge can only happen far out in parameter space: the point loses.
      return Double.NEGATIVE_INFINITY;
    }
  }

  private static ParetoNbd model(double[] logParams) {
    return new ParetoNbd(
        Math.exp(logParams[0]),
        Math.exp(logParams[1]),
        Math.exp(logParams[2]),
        Math.exp(logParams[3]));
  }
}
