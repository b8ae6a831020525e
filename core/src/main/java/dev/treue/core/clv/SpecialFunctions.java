package dev.treue.core.clv;

/** The special functions the BG/NBD and Pareto/NBD need, in double precision. */
final class SpecialFunctions {
  private static final double[] LANCZOS = {
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7
  };
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
  private static final int CONTINUED_FRACTION_STEPS = 1_000_000;

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
    throw new ArithmeticException(
        "2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
  }

  /**
   * {@link #hyp2f1} at several z with the same a, b, c in one pass: the ratio of successive
   * coefficients is computed once per term for all z, so each extra z costs two multiplies and an add
   * per term instead of a whole series. Each term is carried per z, as {@link #hyp2f1} carries it,
   * so it stays finite for heavy buyers whose coefficients alone would overflow; each sum stops
   * when a term no longer changes it.
   */
  static double[] hyp2f1(double a, double b, double c, double[] z) {
    int n = z.length;
    double[] sum = new double[n];
    double[] term = new double[n];
    int open = n;
    boolean[] done = new boolean[n];
    for (int k = 0; k < n; k++) {
      if (!(z[k] >= 0 && z[k] < 1)) {
        throw new IllegalArgumentException("2F1 series needs 0 <= z < 1, got " + z[k]);
      }
      sum[k] = 1;
      term[k] = 1;
    }
    for (int j = 0; j < 1_000_000 && open > 0; j++) {
      double ratio = (a + j) * (b + j) / ((c + j) * (j + 1));
      for (int k = 0; k < n; k++) {
        if (!done[k]) {
          term[k] *= ratio * z[k];
          double next = sum[k] + term[k];
          if (next == sum[k]) {
            done[k] = true;
            open--;
          }
          sum[k] = next;
        }
      }
    }
    if (open > 0) {
      throw new ArithmeticException(
          "2F1("
              + a
              + ", "
              + b
              + "; "
              + c
              + "; z) did not converge at "
              + open
              + " of "
              + n
              + " points");
    }
    return sum;
  }

  /**
   * ln 2F1(a, b; a + 1; z) for a > 0, b < a + 1 and 0 <= z < 1: the tail integrals of the
   * Pareto/NBD, whose z can come within 1e-6 of 1 (a member with little history when alpha and
   * beta are far apart), where the power series needs millions of terms and the value itself can
   * overflow. Euler's transformation 2F1(a, b; a + 1; z) = (1 - z)^(1 - b) 2F1(a + 1 - b, 1; a + 1; z)
   * moves the growth into a logarithm and leaves a function with positive series terms, which
   * Gauss's continued fraction (the incomplete beta's, evaluated by modified Lentz) gives in a few
   * thousand steps at worst.
   *
   * @throws ArithmeticException when the continued fraction has not converged
   */
  static double logHyp2f1AbovePlusOne(double a, double b, double z) {
    if (!(a > 0 && b < a + 1 && z >= 0 && z < 1)) {
      throw new IllegalArgumentException(
          "ln 2F1(a, b; a + 1; z) needs a > 0, b < a + 1 and 0 <= z < 1, got a="
              + a
              + ", b="
              + b
              + ", z="
              + z);
    }
    if (z == 0) {
      return 0;
    }
    // The incomplete beta's continued fraction for B_z(a, q) with q = 1 - b; it equals 2F1(a + q,
    // 1; a + 1; z).
    double q = 1 - b;
    double tiny = 1e-300;
    double d = 1 - (a + q) * z / (a + 1);
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    double c = 1;
    double h = d;
    for (int m = 1; m <= CONTINUED_FRACTION_STEPS; m++) {
      int m2 = 2 * m;
      double even = m * (q - m) * z / ((a - 1 + m2) * (a + m2));
      d = 1 + even * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + even / c;
      c = Math.abs(c) < tiny ? tiny : c;
      h *= d * c;
      double odd = -(a + m) * (a + q + m) * z / ((a + m2) * (a + 1 + m2));
      d = 1 + odd * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + odd / c;
      c = Math.abs(c) < tiny ? tiny : c;
      double step = d * c;
      h *= step;
      if (Math.abs(step - 1) < 1e-15) {
        if (!(h > 0) || !Double.isFinite(h)) {
          break;
        }
        return (1 - b) * Math.log1p(-z) + Math.log(h);
      }
    }
    throw new ArithmeticException(
        "ln 2F1(" + a + ", " + b + "; " + (a + 1) + "; " + z + ") did not converge");
  }
}
