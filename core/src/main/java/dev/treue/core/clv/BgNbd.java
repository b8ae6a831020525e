package dev.treue.core.clv;

/**
 * The BG/NBD model (Fader, Hardie and Lee 2005): while alive a member buys at a Poisson rate drawn
 * from Gamma(r, alpha); after each purchase they drop out with a probability drawn from Beta(a, b).
 * Everything is computed in log space, so members with hundreds of purchases neither overflow nor
 * lose precision.
 *
 * @param r shape of the purchase-rate Gamma
 * @param alpha scale of the purchase-rate Gamma (in the summaries' time unit)
 * @param a first shape of the dropout Beta
 * @param b second shape of the dropout Beta
 */
public record BgNbd(double r, double alpha, double a, double b) {

  public BgNbd {
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Double.isFinite(r + alpha + a + b)) {
      throw new IllegalArgumentException("BG/NBD parameters must be positive and finite, got r=" + r + ", alpha="
          + alpha + ", a=" + a + ", b=" + b);
    }
  }

  /** The log-likelihood of one member's summary. */
  public double logLikelihood(PurchaseSummary s) {
    int x = s.frequency();
    double a1 = SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * Math.log(alpha);
    double a2 = SpecialFunctions.logBeta(a, b + x) - SpecialFunctions.logBeta(a, b);
    double a3 = -(r + x) * Math.log(alpha + s.age());
    if (x == 0) {
      return a1 + a2 + a3;
    }
    double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + s.recency());
    return a1 + a2 + logSumExp(a3, a4);
  }

  /** The log-likelihood of all summaries, each weighted by its count (members with equal summaries). */
  public double logLikelihood(PurchaseSummary[] summaries, double[] counts) {
    double sum = 0;
    for (int i = 0; i < summaries.length; i++) {
      sum += counts[i] * logLikelihood(summaries[i]);
    }
    return sum;
  }

  /** P(alive at the end of the calibration period | x, t_x, T). */
  public double probabilityAlive(PurchaseSummary s) {
    int x = s.frequency();
    if (x == 0) {
      return 1;
    }
    double logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + s.age()) - Math.log(alpha + s.recency()));
    return 1 / (1 + Math.exp(logOdds));
  }

  /** E[purchases in (T, T + t] | x, t_x, T]: the conditional expectation. */
  public double expectedPurchases(PurchaseSummary s, double t) {
    int x = s.frequency();
    double z = t / (alpha + s.age() + t);
    double hyp = SpecialFunctions.hyp2f1(r + x, b + x, a + b + x - 1, z);
    double ratio = Math.exp((r + x) * (Math.log(alpha + s.age()) - Math.log(alpha + s.age() + t)));
    double numerator = (a + b + x - 1) / (a - 1) * (1 - ratio * hyp);
    return numerator * probabilityAlive(s);
  }

  /** E[X(t)]: expected purchases of a new member in the first t time units (after the first purchase). */
  public double expectedPurchases(double t) {
    double hyp = SpecialFunctions.hyp2f1(r, b, a + b - 1, t / (alpha + t));
    return (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * hyp);
  }

  private static double logSumExp(double u, double v) {
    double m = Math.max(u, v);
    return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
  }
}
