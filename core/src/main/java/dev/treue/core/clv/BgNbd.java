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
public record BgNbd(double r, double alpha, double a, double b) implements java.io.Serializable {

  public BgNbd {
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Double.isFinite(r + alpha + a + b)) {
      throw new IllegalArgumentException(
          "BG/NBD parameters must be positive and finite, got r="
              + r
              + ", alpha="
              + alpha
              + ", a="
              + a
              + ", b="
              + b);
    }
  }

  /** The log-likelihood of one member's summary. */
  public double logLikelihood(PurchaseSummary s) {
    int x = s.frequency();
    double a1 =
        SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * Math.log(alpha);
    double a2 = SpecialFunctions.logBeta(a, b + x) - SpecialFunctions.logBeta(a, b);
    double a3 = -(r + x) * Math.log(alpha + s.age());
    if (x == 0) {
      return a1 + a2 + a3;
    }
    double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + s.recency());
    return a1 + a2 + logSumExp(a3, a4);
  }

  /** P(alive at the end of the calibration period | x, t_x, T). */
  public double probabilityAlive(PurchaseSummary s) {
    int x = s.frequency();
    if (x == 0) {
      return 1;
    }
    double logOdds =
        Math.log(a)
            - Math.log(b + x - 1)
            + (r + x) * (Math.log(alpha + s.age()) - Math.log(alpha + s.recency()));
    return 1 / (1 + Math.exp(logOdds));
  }

  /**
   * E[purchases in (T, T + t] | x, t_x, T]: the conditional expectation. The paper's
   * ((alpha + T) / (alpha + T + t))^(r + x) 2F1(r + x, b + x; a + b + x - 1; z) is taken through
   * Euler's transformation to (1 - z)^(a - 1) 2F1(a + b - 1 - r, a - 1; a + b + x - 1; z), with
   * z = t / (alpha + T + t): the same number, but the series no longer grows with x, so a member
   * with hundreds of purchases neither overflows nor loses precision over a long horizon.
   */
  public double expectedPurchases(PurchaseSummary s, double t) {
    return expectedPurchases(s, new double[] {t})[0];
  }

  /**
   * The conditional expectation at several horizons at once, the hypergeometric series shared
   * (lifetime value needs twelve monthly horizons for every member scored).
   */
  public double[] expectedPurchases(PurchaseSummary s, double[] t) {
    int x = s.frequency();
    double[] z = new double[t.length];
    for (int k = 0; k < t.length; k++) {
      z[k] = t[k] / (alpha + s.age() + t[k]);
    }
    double[] hyp = SpecialFunctions.hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
    double scale = (a + b + x - 1) / (a - 1) * probabilityAlive(s);
    double[] out = new double[t.length];
    for (int k = 0; k < t.length; k++) {
      // 1 - z = (alpha + T) / (alpha + T + t), computed without cancellation.
      double keep = (alpha + s.age()) / (alpha + s.age() + t[k]);
      out[k] = scale * (1 - Math.pow(keep, a - 1) * hyp[k]);
    }
    return out;
  }

  /** E[X(t)]: expected purchases of a new member in the first t time units (after the first purchase). */
  public double expectedPurchases(double t) {
    double hyp = SpecialFunctions.hyp2f1(r, b, a + b - 1, t / (alpha + t));
    return (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * hyp);
  }

  /**
   * P(no purchase in (T, T + t] | x, t_x, T): the member has dropped out, or is alive and their
   * Poisson rate, Gamma(r + x, alpha + T) after the history, gives no purchase. (A member who
   * makes no purchase cannot drop out, so alive at T means alive throughout.)
   */
  public double probabilityNoPurchase(PurchaseSummary s, double t) {
    double alive = probabilityAlive(s);
    double silentIfAlive =
        Math.exp((r + s.frequency()) * (Math.log(alpha + s.age()) - Math.log(alpha + s.age() + t)));
    return 1 - alive + alive * silentIfAlive;
  }

  /**
   * P(X(t) = n): the probability that a new member makes exactly {@code n} repeat purchases in the
   * first {@code t} time units (Fader, Hardie and Lee 2005, equation 8), in log space.
   */
  public double probabilityOfPurchases(int n, double t) {
    if (n < 0 || !(t >= 0)) {
      throw new IllegalArgumentException(
          "P(X(t) = n) needs n >= 0 and t >= 0, got n=" + n + ", t=" + t);
    }
    double logKeep = Math.log(alpha) - Math.log(alpha + t);
    double logBuy = t == 0 ? Double.NEGATIVE_INFINITY : Math.log(t) - Math.log(alpha + t);
    // The NBD term: alive throughout and n purchases.
    double first =
        SpecialFunctions.logBeta(a, b + n)
            - SpecialFunctions.logBeta(a, b)
            + logNbd(n, logKeep, logBuy);
    double p = Math.exp(first);
    if (n > 0) {
      // Dropped out right after the n-th purchase: at least n purchases at the Poisson rate.
      double atLeastN = 1;
      for (int j = 0; j < n; j++) {
        atLeastN -= Math.exp(logNbd(j, logKeep, logBuy));
      }
      p +=
          Math.exp(SpecialFunctions.logBeta(a + 1, b + n - 1) - SpecialFunctions.logBeta(a, b))
              * Math.max(0, atLeastN);
    }
    return p;
  }

  /** ln of the negative binomial term Gamma(r + j) / (Gamma(r) j!) keep^r buy^j. */
  private double logNbd(int j, double logKeep, double logBuy) {
    double buy = j == 0 ? 0 : j * logBuy;
    return SpecialFunctions.logGamma(r + j)
        - SpecialFunctions.logGamma(r)
        - SpecialFunctions.logGamma(j + 1.0)
        + r * logKeep
        + buy;
  }

  private static double logSumExp(double u, double v) {
    double m = Math.max(u, v);
    return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
  }
}
