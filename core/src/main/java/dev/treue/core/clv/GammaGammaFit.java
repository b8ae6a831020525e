package dev.treue.core.clv;

import java.util.List;

/**
 * Maximum-likelihood Gamma-Gamma: Nelder-Mead on log(p, q, v) from several starts, over the members
 * with repeat purchases. On more than {@value #THINNED_ROWS} members the starts race on a thinned
 * sample and only the winner is polished on all of them.
 *
 * @param model the fitted parameters
 * @param logLikelihood the log-likelihood at them
 * @param members members the fit used (those with repeat purchases)
 * @param converged whether the winning run met the tolerance
 * @param standardErrors of (p, q, v) from the observed information; all NaN when it is not
 *     positive definite
 */
public record GammaGammaFit(GammaGamma model, double logLikelihood, int members, boolean converged,
    double[] standardErrors) {
  private static final int THINNED_ROWS = 40_000;
  private static final double TOLERANCE = 1e-11;
  private static final int MAX_ITERATIONS = 5_000;
  private static final double[][] STARTS = {{1, 1, 1}, {5, 3, 15}, {10, 2, 50}};

  public GammaGammaFit {
    standardErrors = standardErrors.clone();
  }

  @Override
  public double[] standardErrors() {
    return standardErrors.clone();
  }

  /** One member: how many transactions the mean covers (repeat ones only, in the textbook protocol) and their mean value. */
  public record Spend(int transactions, double meanValue) {}

  /**
   * Fits the members with at least one repeat transaction and a positive mean value.
   *
   * @throws IllegalArgumentException when there are none
   * @throws ArithmeticException when no start reaches a finite likelihood
   */
  public static GammaGammaFit fit(List<Spend> spends) {
    List<Spend> used = spends.stream().filter(s -> s.transactions() > 0 && s.meanValue() > 0).toList();
    if (used.isEmpty()) {
      throw new IllegalArgumentException("a Gamma-Gamma fit needs members with repeat purchases of positive value");
    }
    SpendTable table = SpendTable.of(used);
    SpendTable race = table.rows() > THINNED_ROWS ? table.thinned(table.rows() / (THINNED_ROWS / 2)) : table;
    NelderMead.Result best = null;
    for (double[] start : STARTS) {
      double[] x0 = {Math.log(start[0]), Math.log(start[1]), Math.log(start[2])};
      NelderMead.Result r = NelderMead.minimize(lp -> -logLikelihood(lp, race), x0, 0.5, TOLERANCE, MAX_ITERATIONS);
      if (Double.isFinite(r.value()) && (best == null || r.value() < best.value())) {
        best = r;
      }
    }
    if (best == null) {
      throw new ArithmeticException("the Gamma-Gamma likelihood was not finite from any start");
    }
    if (race != table) {
      best = NelderMead.minimize(lp -> -logLikelihood(lp, table), best.point(), 0.1, TOLERANCE, MAX_ITERATIONS);
    }
    double ll = -best.value();
    if (!Double.isFinite(ll)) {
      throw new ArithmeticException("the Gamma-Gamma likelihood is not finite at the polished optimum");
    }
    double[] errors = Hessian.standardErrors(lp -> logLikelihood(lp, table), best.point());
    return new GammaGammaFit(model(best.point()), ll, used.size(), best.converged(), errors);
  }

  private static double logLikelihood(double[] lp, SpendTable table) {
    for (double x : lp) {
      if (Math.abs(x) > 12) {
        return Double.NEGATIVE_INFINITY;
      }
    }
    double sum = table.logLikelihood(model(lp));
    return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
  }

  private static GammaGamma model(double[] lp) {
    return new GammaGamma(Math.exp(lp[0]), Math.exp(lp[1]), Math.exp(lp[2]));
  }
}
