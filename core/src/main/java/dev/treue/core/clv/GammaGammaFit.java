package dev.treue.core.clv;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Maximum-likelihood Gamma-Gamma by {@link MultiStart}: Nelder-Mead on log (p, q, v) from several
 * starts, over the members with repeat purchases. On more than {@value #THINNED_ROWS} members the starts race on a thinned
 * sample and only the winner is polished on all of them.
 *
 * @param model the fitted parameters
 * @param logLikelihood the log-likelihood at them
 * @param members members the fit used (those with repeat purchases)
 * @param converged whether the winning run met the tolerance
 * @param standardErrors of (p, q, v) from the observed information; all NaN when it is not
 *     positive definite
 */
public record GammaGammaFit(
    GammaGamma model,
    double logLikelihood,
    int members,
    boolean converged,
    double[] standardErrors) {
  private static final int THINNED_ROWS = 40_000;
  private static final double TOLERANCE = 1e-11;
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
    List<Spend> used =
        spends.stream().filter(s -> s.transactions() > 0 && s.meanValue() > 0).toList();
    if (used.isEmpty()) {
      throw new IllegalArgumentException(
          "a Gamma-Gamma fit needs members with repeat purchases of positive value");
    }
    SpendTable table = SpendTable.of(used);
    ToDoubleFunction<double[]> full = lp -> table.logLikelihood(model(lp));
    ToDoubleFunction<double[]> race = full;
    if (table.rows() > THINNED_ROWS) {
      SpendTable thinned = table.thinned(table.rows() / (THINNED_ROWS / 2));
      race = lp -> thinned.logLikelihood(model(lp));
    }
    NelderMead.Result best = MultiStart.maximize(race, full, STARTS, TOLERANCE, "Gamma-Gamma");
    double ll = -best.value();
    double[] errors = Hessian.standardErrors(lp -> MultiStart.bounded(full, lp), best.point());
    return new GammaGammaFit(model(best.point()), ll, used.size(), best.converged(), errors);
  }

  private static GammaGamma model(double[] lp) {
    return new GammaGamma(Math.exp(lp[0]), Math.exp(lp[1]), Math.exp(lp[2]));
  }
}
