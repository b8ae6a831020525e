package dev.treue.core.clv;

import java.util.function.ToDoubleFunction;

/**
 * The optimiser every fit here shares: Nelder-Mead on the logarithms of the parameters (so every
 * step stays positive) from several starts, then a restart from the winner with a fresh, smaller
 * simplex on the full data (Nelder-Mead can stall on a collapsed simplex, and when the starts raced
 * on a thinned table the winner still has to be fitted on everything). Log parameters are kept
 * within [-{@value #BOUND}, {@value #BOUND}]; a point outside, or with a NaN likelihood, loses.
 */
final class MultiStart {
  /** Bound on every log parameter. */
  static final double BOUND = 12;

  private static final int MAX_ITERATIONS = 5_000;

  private MultiStart() {}

  /**
   * Maximises a log-likelihood.
   *
   * @param race the log-likelihood the starts compete on (a thinned table, or {@code full})
   * @param full the log-likelihood of all the data
   * @param starts natural (not log) parameter vectors to start from
   * @param tolerance Nelder-Mead's relative tolerance on the function values
   * @param model the model's name, for the error
   * @return the optimum in log parameters, its value as a negative log-likelihood on the full data,
   *     the iterations of the winning start and its polish, and whether the polish converged
   * @throws ArithmeticException when no start, or the polished optimum, has a finite likelihood
   */
  static NelderMead.Result maximize(
      ToDoubleFunction<double[]> race,
      ToDoubleFunction<double[]> full,
      double[][] starts,
      double tolerance,
      String model) {
    ToDoubleFunction<double[]> raceCost = p -> -bounded(race, p);
    ToDoubleFunction<double[]> fullCost = p -> -bounded(full, p);
    NelderMead.Result best = null;
    for (double[] start : starts) {
      double[] x0 = new double[start.length];
      for (int i = 0; i < x0.length; i++) {
        x0[i] = Math.log(start[i]);
      }
      NelderMead.Result run = NelderMead.minimize(raceCost, x0, 0.5, tolerance, MAX_ITERATIONS);
      if (Double.isFinite(run.value()) && (best == null || run.value() < best.value())) {
        best = run;
      }
    }
    if (best == null) {
      throw new ArithmeticException(
          "the " + model + " likelihood was not finite from any of " + starts.length + " starts");
    }
    NelderMead.Result polished =
        NelderMead.minimize(fullCost, best.point(), 0.1, tolerance, MAX_ITERATIONS);
    // On the same data the polish can only keep or improve the winner; on a thinned race it is the
    // fit.
    if (race != full || polished.value() <= best.value()) {
      best =
          new NelderMead.Result(
              polished.point(),
              polished.value(),
              best.iterations() + polished.iterations(),
              polished.converged());
    }
    if (!Double.isFinite(best.value())) {
      throw new ArithmeticException("the " + model + " likelihood is not finite at the optimum");
    }
    return best;
  }

  /** The log-likelihood, or -infinity outside the bounds or where it is NaN. */
  static double bounded(ToDoubleFunction<double[]> logLikelihood, double[] logParams) {
    for (double p : logParams) {
      if (Math.abs(p) > BOUND) {
        return Double.NEGATIVE_INFINITY;
      }
    }
    double ll = logLikelihood.applyAsDouble(logParams);
    return Double.isNaN(ll) ? Double.NEGATIVE_INFINITY : ll;
  }
}
