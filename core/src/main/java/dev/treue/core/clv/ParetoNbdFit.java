package dev.treue.core.clv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Maximum-likelihood Pareto/NBD by {@link MultiStart}, as {@link BgNbdFit} does the BG/NBD:
 * Nelder-Mead on log (r, alpha, s, beta) from several starts, the winner polished, standard errors
 * from the observed information. Equal summaries are grouped, so the cost
 * grows with distinct (x, t_x, T) rows; rows are evaluated on all cores and added in row order, so
 * a fit gives the same digits on any machine. Never returns NaN: a likelihood that is not finite at
 * the optimum is an error.
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
public record ParetoNbdFit(ParetoNbd model, double logLikelihood, int iterations, boolean converged, int starts,
    double[] standardErrors, long members, int distinctSummaries) {
  private static final double TOLERANCE = 1e-10;
  private static final double[][] STARTS = {{1, 1, 1, 1}, {0.3, 5, 1, 20}, {2, 0.5, 3, 10}, {0.2, 50, 0.3, 5}};

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
    if (summaries.stream().noneMatch(m -> m.frequency() > 0)) {
      throw new IllegalArgumentException("a Pareto/NBD fit needs members with repeat purchases; got "
          + summaries.size() + " summaries, none with a repeat purchase");
    }
    Map<PurchaseSummary, long[]> counts = new HashMap<>();
    for (PurchaseSummary m : summaries) {
      counts.computeIfAbsent(m, k -> new long[1])[0]++;
    }
    PurchaseSummary[] rows = counts.keySet().toArray(new PurchaseSummary[0]);
    Arrays.sort(rows, (p, q) -> p.frequency() != q.frequency() ? Integer.compare(p.frequency(), q.frequency())
        : p.recency() != q.recency() ? Double.compare(p.recency(), q.recency()) : Double.compare(p.age(), q.age()));
    double[] weights = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      weights[i] = counts.get(rows[i])[0];
    }
    ToDoubleFunction<double[]> full = p -> logLikelihood(p, rows, weights);
    NelderMead.Result best = MultiStart.maximize(full, full, STARTS, TOLERANCE, "Pareto/NBD");
    double ll = -best.value();
    double[] errors = Hessian.standardErrors(p -> MultiStart.bounded(full, p), best.point());
    return new ParetoNbdFit(model(best.point()), ll, best.iterations(), best.converged(), STARTS.length, errors,
        summaries.size(), rows.length);
  }

  private static double logLikelihood(double[] logParams, PurchaseSummary[] rows, double[] weights) {
    ParetoNbd m = model(logParams);
    double[] terms = new double[rows.length];
    try {
      IntStream.range(0, rows.length).parallel().forEach(i -> terms[i] = weights[i] * m.logLikelihood(rows[i]));
    } catch (ArithmeticException e) {
      // A 2F1 that does not converge can only happen far out in parameter space: the point loses.
      return Double.NEGATIVE_INFINITY;
    }
    double total = 0;
    for (double t : terms) {
      total += t;
    }
    return Double.isNaN(total) ? Double.NEGATIVE_INFINITY : total;
  }

  private static ParetoNbd model(double[] logParams) {
    return new ParetoNbd(Math.exp(logParams[0]), Math.exp(logParams[1]), Math.exp(logParams[2]),
        Math.exp(logParams[3]));
  }
}
