package dev.treue.core.clv;

import java.util.List;

/**
 * Maximum-likelihood Gamma-Gamma: Nelder-Mead on log(p, q, v) from several starts, over the members
 * with repeat purchases.
 *
 * @param model the fitted parameters
 * @param logLikelihood the log-likelihood at them
 * @param members members the fit used (those with repeat purchases)
 * @param converged whether the winning start met the tolerance
 */
public record GammaGammaFit(GammaGamma model, double logLikelihood, int members, boolean converged) {
  private static final double[][] STARTS = {{1, 1, 1}, {5, 3, 15}, {10, 2, 50}};

  /** One member: repeat transactions and their mean value. */
  public record Spend(int repeatTransactions, double meanValue) {}

  /**
   * Fits the members with at least one repeat transaction and a positive mean value.
   *
   * @throws IllegalArgumentException when there are none
   * @throws ArithmeticException when no start reaches a finite likelihood
   */
  public static GammaGammaFit fit(List<Spend> spends) {
    List<Spend> used = spends.stream().filter(s -> s.repeatTransactions() > 0 && s.meanValue() > 0).toList();
    if (used.isEmpty()) {
      throw new IllegalArgumentException("a Gamma-Gamma fit needs members with repeat purchases of positive value");
    }
    GammaGammaFit best = null;
    for (double[] start : STARTS) {
      double[] x0 = {Math.log(start[0]), Math.log(start[1]), Math.log(start[2])};
      NelderMead.Result r = NelderMead.minimize(lp -> -logLikelihood(lp, used), x0, 0.5, 1e-11, 5_000);
      double ll = -r.value();
      if (Double.isFinite(ll) && (best == null || ll > best.logLikelihood())) {
        best = new GammaGammaFit(model(r.point()), ll, used.size(), r.converged());
      }
    }
    if (best == null) {
      throw new ArithmeticException("the Gamma-Gamma likelihood was not finite from any start");
    }
    return best;
  }

  private static double logLikelihood(double[] lp, List<Spend> used) {
    for (double x : lp) {
      if (Math.abs(x) > 12) {
        return Double.NEGATIVE_INFINITY;
      }
    }
    GammaGamma m = model(lp);
    double sum = 0;
    for (Spend s : used) {
      sum += m.logLikelihood(s.repeatTransactions(), s.meanValue());
    }
    return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
  }

  private static GammaGamma model(double[] lp) {
    return new GammaGamma(Math.exp(lp[0]), Math.exp(lp[1]), Math.exp(lp[2]));
  }
}
