package dev.treue.core.clv;

/**
 * The Pareto/NBD model (Schmittlein, Morrison and Colombo 1987): while alive a member buys at a
 * Poisson rate drawn from Gamma(r, alpha); their lifetime is exponential with a death rate drawn
 * from Gamma(s, beta), so unlike the BG/NBD they can drop out at any moment, not only after a
 * purchase. The likelihood follows Fader, Hardie and Lee (2005), "A Note on Deriving the Pareto/NBD
 * Model and Related Expressions", in log space through {@link ParetoNbdIntegral}, so members with
 * hundreds of purchases, alpha == beta and far-apart alpha and beta are all ordinary cases.
 *
 * @param r shape of the purchase-rate Gamma
 * @param alpha scale of the purchase-rate Gamma (in the summaries' time unit)
 * @param s shape of the death-rate Gamma
 * @param beta scale of the death-rate Gamma (in the summaries' time unit)
 */
public record ParetoNbd(double r, double alpha, double s, double beta)
    implements java.io.Serializable {

  public ParetoNbd {
    if (!(r > 0 && alpha > 0 && s > 0 && beta > 0) || !Double.isFinite(r + alpha + s + beta)) {
      throw new IllegalArgumentException(
          "Pareto/NBD parameters must be positive and finite, got r="
              + r
              + ", alpha="
              + alpha
              + ", s="
              + s
              + ", beta="
              + beta);
    }
  }

  /**
   * The log-likelihood of one member's summary: alive throughout (x purchases in T), plus dead at
   * some moment between the last purchase and T, integrated over that moment.
   */
  public double logLikelihood(PurchaseSummary m) {
    int x = m.frequency();
    double constant =
        SpecialFunctions.logGamma(r + x)
            - SpecialFunctions.logGamma(r)
            + r * Math.log(alpha)
            + s * Math.log(beta);
    double alive = logAliveTerm(m);
    double died = logDiedTerm(m);
    double hi = Math.max(alive, died);
    return constant + hi + Math.log1p(Math.exp(Math.min(alive, died) - hi));
  }

  /**
   * P(alive at T | x, t_x, T). It is 1 exactly when the last purchase is at T (t_x = T, which
   * includes a member observed for no time at all), and, unlike the BG/NBD's, below 1 for a
   * member without repeat purchases: they may have died without ever buying again.
   */
  public double probabilityAlive(PurchaseSummary m) {
    double logOdds = logDiedTerm(m) - logAliveTerm(m);
    return 1 / (1 + Math.exp(logOdds));
  }

  /**
   * E[purchases in (T, T + t] | x, t_x, T] = P(alive) (r + x)(beta + T) / ((alpha + T)(s - 1))
   * [1 - ((beta + T) / (beta + T + t))^(s - 1)], with its limit at s = 1.
   */
  public double expectedPurchases(PurchaseSummary m, double t) {
    requireHorizon(t);
    double rate = (r + m.frequency()) / (alpha + m.age());
    return probabilityAlive(m) * rate * expectedLifetimeWithin(beta + m.age(), t);
  }

  /** E[X(t)]: expected purchases of a new member in the first t time units (after the first purchase). */
  public double expectedPurchases(double t) {
    requireHorizon(t);
    return r / alpha * expectedLifetimeWithin(beta, t);
  }

  /**
   * P(no purchase in (T, T + t] | x, t_x, T). Given alive at T, the rate and death rate have the
   * posteriors Gamma(r + x, alpha + T) and Gamma(s, beta + T) and the remaining lifetime is
   * exponential; with both rates fixed the member stays silent with probability
   * mu / (lambda + mu) + lambda / (lambda + mu) exp(-(lambda + mu) t). Averaging over the posteriors
   * (writing 1 / (lambda + mu) as an integral) gives
   * 1 - P(alive) (r + x) (alpha + T)^(r + x) (beta + T)^s I, with I the integral over [T, T + t] of
   * (alpha + u)^-(r + x + 1) (beta + u)^-s du.
   */
  public double probabilityNoPurchase(PurchaseSummary m, double t) {
    requireHorizon(t);
    if (t == 0) {
      return 1;
    }
    double p = r + m.frequency();
    double tt = m.age();
    double logBuysIfAlive =
        Math.log(p)
            + p * Math.log(alpha + tt)
            + s * Math.log(beta + tt)
            + ParetoNbdIntegral.log(p + 1, s, alpha, beta, tt, tt + t);
    double buys = probabilityAlive(m) * Math.min(1, Math.exp(logBuysIfAlive));
    return 1 - buys;
  }

  /** ln of the likelihood's alive term without the constant: (alpha + T)^-(r + x) (beta + T)^-s. */
  private double logAliveTerm(PurchaseSummary m) {
    return -(r + m.frequency()) * Math.log(alpha + m.age()) - s * Math.log(beta + m.age());
  }

  /** ln of the died term: s times the integral over [t_x, T] of (alpha + u)^-(r + x) (beta + u)^-(s + 1). */
  private double logDiedTerm(PurchaseSummary m) {
    return Math.log(s)
        + ParetoNbdIntegral.log(r + m.frequency(), s + 1, alpha, beta, m.recency(), m.age());
  }

  /**
   * E[min(lifetime, t)] for a death rate from Gamma(s, scale): scale / (s - 1) [1 - (scale / (scale + t))^(s - 1)],
   * which tends to scale ln(1 + t / scale) as s tends to 1.
   */
  private double expectedLifetimeWithin(double scale, double t) {
    double log = Math.log1p(t / scale);
    double e = (s - 1) * log;
    if (Math.abs(e) < 1e-8) {
      return scale * log * (1 - e / 2);
    }
    return -scale * Math.expm1(-e) / (s - 1);
  }

  private static void requireHorizon(double t) {
    if (!(t >= 0) || Double.isInfinite(t)) {
      throw new IllegalArgumentException("the horizon t must be finite and >= 0, got " + t);
    }
  }
}
