package dev.treue.core.clv;

/**
 * ln of the integral at the heart of the Pareto/NBD, I = integral over [lo, hi] of
 * (alpha + u)^-p (beta + u)^-q du: with p = r + x and q = s + 1 over [t_x, T] it is the likelihood
 * of dying silently between the last purchase and the end of calibration; with p = r + x + 1 and
 * q = s over [T, T + t] it gives the chance of a purchase in the holdout.
 *
 * <p>The integral is the difference of two tails G(lo) - G(hi), each a 2F1 (Fader, Hardie and Lee
 * 2005, "A Note on Deriving the Pareto/NBD Model"): with m the larger of alpha and beta and
 * z = |alpha - beta| / (m + u) < 1, G(u) = (m + u)^-a / a 2F1(a, b; a + 1; z), a = p + q - 1, b = q
 * when alpha >= beta and p otherwise. Both are kept in logs, so alpha == beta (z = 0) and hundreds of
 * purchases are ordinary cases. On an interval short enough that the difference would cancel, and
 * where the integrand is nearly polynomial, Gauss-Legendre quadrature is used instead.
 */
final class ParetoNbdIntegral {
  private static final double[] NODES = new double[16];
  private static final double[] WEIGHTS = new double[16];

  static {
    // Gauss-Legendre on [-1, 1] by Newton's method on the Legendre polynomial.
    int n = NODES.length;
    for (int i = 0; i < n; i++) {
      double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
      double derivative = 0;
      for (int it = 0; it < 100; it++) {
        double p0 = 1;
        double p1 = x;
        for (int k = 2; k <= n; k++) {
          double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
          p0 = p1;
          p1 = p2;
        }
        derivative = n * (x * p1 - p0) / (x * x - 1);
        double dx = p1 / derivative;
        x -= dx;
        if (Math.abs(dx) < 1e-16) {
          break;
        }
      }
      NODES[i] = x;
      WEIGHTS[i] = 2 / ((1 - x * x) * derivative * derivative);
    }
  }

  private ParetoNbdIntegral() {}

  /** ln I; negative infinity when lo == hi. */
  static double log(double p, double q, double alpha, double beta, double lo, double hi) {
    if (!(hi >= lo && lo >= 0)) {
      throw new IllegalArgumentException(
          "the Pareto/NBD integral needs 0 <= lo <= hi, got lo=" + lo + ", hi=" + hi);
    }
    if (hi == lo) {
      return Double.NEGATIVE_INFINITY;
    }
    double width = hi - lo;
    double change = p * Math.log1p(width / (alpha + lo)) + q * Math.log1p(width / (beta + lo));
    if (change <= 4 && width <= 0.5 * (Math.min(alpha, beta) + lo)) {
      return logQuadrature(p, q, alpha, beta, lo, hi);
    }
    double upper = logTail(p, q, alpha, beta, lo);
    double lower = logTail(p, q, alpha, beta, hi);
    double ratio = Math.exp(lower - upper);
    if (!(ratio < 1)) {
      // Only rounding can put the tails in this order: the interval carries no measurable mass.
      return logQuadrature(p, q, alpha, beta, lo, hi);
    }
    return upper + Math.log1p(-ratio);
  }

  /** ln of the integral over [u, infinity). */
  static double logTail(double p, double q, double alpha, double beta, double u) {
    double a = p + q - 1;
    double m = Math.max(alpha, beta);
    double z = Math.abs(alpha - beta) / (m + u);
    double b = alpha >= beta ? q : p;
    return -a * Math.log(m + u) - Math.log(a) + SpecialFunctions.logHyp2f1AbovePlusOne(a, b, z);
  }

  private static double logQuadrature(
      double p, double q, double alpha, double beta, double lo, double hi) {
    double half = 0.5 * (hi - lo);
    double mid = 0.5 * (hi + lo);
    double[] terms = new double[NODES.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < NODES.length; i++) {
      double u = mid + half * NODES[i];
      terms[i] = Math.log(WEIGHTS[i]) - p * Math.log(alpha + u) - q * Math.log(beta + u);
      max = Math.max(max, terms[i]);
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.exp(t - max);
    }
    return Math.log(half) + max + Math.log(sum);
  }
}
