package dev.treue.core.clv;

/**
 * The Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV"): a member's transaction
 * values are Gamma(p, nu) with nu drawn from Gamma(q, v), independent of how often they buy. Fitted
 * on members with repeat purchases, on the mean value of those repeat transactions.
 *
 * @param p shape of the transaction values
 * @param q shape of the members' scale distribution
 * @param v scale of the members' scale distribution
 */
public record GammaGamma(double p, double q, double v) implements java.io.Serializable {

  public GammaGamma {
    if (!(p > 0 && q > 0 && v > 0) || !Double.isFinite(p + q + v)) {
      throw new IllegalArgumentException(
          "Gamma-Gamma parameters must be positive and finite, got p="
              + p
              + ", q="
              + q
              + ", v="
              + v);
    }
  }

  /** Log-likelihood of a member with {@code x} repeat transactions of mean value {@code meanValue}. */
  public double logLikelihood(int x, double meanValue) {
    if (x <= 0 || !(meanValue > 0)) {
      throw new IllegalArgumentException(
          "Gamma-Gamma needs x > 0 repeat transactions of positive mean value, got x="
              + x
              + ", mean "
              + meanValue);
    }
    double px = p * x;
    return SpecialFunctions.logGamma(px + q)
        - SpecialFunctions.logGamma(px)
        - SpecialFunctions.logGamma(q)
        + q * Math.log(v)
        + (px - 1) * Math.log(meanValue)
        + px * Math.log(x)
        - (px + q) * Math.log(x * meanValue + v);
  }

  /**
   * E[value of a transaction | x transactions of mean value m]; the population mean p v / (q - 1)
   * for x = 0 or a mean that is not positive (returns can leave a member's net mean at zero).
   */
  public double expectedAverageValue(int x, double meanValue) {
    if (x == 0 || !(meanValue > 0)) {
      return p * v / (q - 1);
    }
    return p * (v + x * meanValue) / (p * x + q - 1);
  }
}
