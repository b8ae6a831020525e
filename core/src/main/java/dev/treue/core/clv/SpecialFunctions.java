package dev.treue.core.clv;

/** The special functions the BG/NBD needs, in double precision. */
final class SpecialFunctions {
  private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
      771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
      9.9843695780195716e-6, 1.5056327351493116e-7};
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  private SpecialFunctions() {}

  /** ln Gamma(x) for x > 0 (Lanczos, g = 7; relative error about 1e-15). */
  static double logGamma(double x) {
    if (!(x > 0)) {
      throw new IllegalArgumentException("log gamma needs x > 0, got " + x);
    }
    if (x < 0.5) {
      // Reflection keeps the approximation in its accurate range.
      return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    }
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    double t = z + 7.5;
    return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  /** ln B(a, b). */
  static double logBeta(double a, double b) {
    return logGamma(a) + logGamma(b) - logGamma(a + b);
  }

  /**
   * The Gaussian hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1 by its power series,
   * summed until a term no longer changes the sum.
   *
   * @throws ArithmeticException when the series has not converged after a million terms
   */
  static double hyp2f1(double a, double b, double c, double z) {
    if (!(z >= 0 && z < 1)) {
      throw new IllegalArgumentException("2F1 series needs 0 <= z < 1, got " + z);
    }
    double term = 1;
    double sum = 1;
    for (int j = 0; j < 1_000_000; j++) {
      term *= (a + j) * (b + j) / ((c + j) * (j + 1)) * z;
      double next = sum + term;
      if (next == sum) {
        return sum;
      }
      sum = next;
    }
    throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
  }
}
