package dev.treue.core.clv;

import java.util.Arrays;
import java.util.List;

/**
 * Maximum-likelihood BG/NBD: Nelder-Mead on the logarithms of (r, alpha, a, b), so every step
 * stays positive, from several starts; the best converged optimum wins. Log parameters are kept
 * within [-12, 12] (a fit that runs into that bound says so rather than returning a silent
 * extreme). Never returns NaN: a likelihood that is not finite at the optimum is an error.
 *
 * @param model the fitted parameters
 * @param logLikelihood the log-likelihood at them
 * @param iterations Nelder-Mead iterations of the winning start
 * @param converged whether the winning start met the tolerance before the iteration limit
 * @param starts how many starts were run
 */
public record BgNbdFit(BgNbd model, double logLikelihood, int iterations, boolean converged, int starts) {
  private static final double BOUND = 12;
  private static final int MAX_ITERATIONS = 5_000;
  private static final double TOLERANCE = 1e-10;
  private static final double[][] STARTS = {{1, 1, 1, 1}, {0.3, 5, 0.8, 2.5}, {2, 0.5, 3, 10}, {0.1, 20, 0.3, 0.5}};

  /**
   * Fits the summaries.
   *
   * @throws IllegalArgumentException without summaries or without a single repeat purchase
   * @throws ArithmeticException when no start reaches a finite likelihood
   */
  public static BgNbdFit fit(List<PurchaseSummary> summaries) {
    if (summaries.isEmpty() || summaries.stream().noneMatch(s -> s.frequency() > 0)) {
      throw new IllegalArgumentException("a BG/NBD fit needs members with repeat purchases; got "
          + summaries.size() + " summaries, none with a repeat purchase");
    }
    PurchaseSummary[] all = summaries.toArray(new PurchaseSummary[0]);
    double[] ones = new double[all.length];
    Arrays.fill(ones, 1);
    BgNbdFit best = null;
    for (double[] start : STARTS) {
      double[] x0 = new double[4];
      for (int i = 0; i < 4; i++) {
        x0[i] = Math.log(start[i]);
      }
      NelderMead.Result r = NelderMead.minimize(p -> -logLikelihood(p, all, ones), x0, 0.5, TOLERANCE, MAX_ITERATIONS);
      double ll = -r.value();
      if (Double.isFinite(ll) && (best == null || ll > best.logLikelihood())) {
        best = new BgNbdFit(model(r.point()), ll, r.iterations(), r.converged(), STARTS.length);
      }
    }
    if (best == null) {
      throw new ArithmeticException("the BG/NBD likelihood was not finite from any of " + STARTS.length + " starts");
    }
    return best;
  }

  private static double logLikelihood(double[] logParams, PurchaseSummary[] all, double[] counts) {
    for (double p : logParams) {
      if (Math.abs(p) > BOUND) {
        return Double.NEGATIVE_INFINITY;
      }
    }
    double ll = model(logParams).logLikelihood(all, counts);
    return Double.isNaN(ll) ? Double.NEGATIVE_INFINITY : ll;
  }

  private static BgNbd model(double[] logParams) {
    return new BgNbd(Math.exp(logParams[0]), Math.exp(logParams[1]), Math.exp(logParams[2]), Math.exp(logParams[3]));
  }
}
