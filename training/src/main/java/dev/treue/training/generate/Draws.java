package dev.treue.training.generate;

import java.util.SplittableRandom;

/** Random draws the generator needs beyond uniforms; all take the caller's generator. */
final class Draws {
  private Draws() {}

  /** Gamma with the given shape and mean (Marsaglia-Tsang, boosted for shape below 1). */
  static double gammaMean(SplittableRandom r, double shape, double mean) {
    return gamma(r, shape) * mean / shape;
  }

  /** Gamma with the given shape and scale 1. */
  static double gamma(SplittableRandom r, double shape) {
    if (shape < 1) {
      // Gamma(a) = Gamma(a + 1) * U^(1/a): Marsaglia-Tsang needs a >= 1.
      return gamma(r, shape + 1) * Math.pow(r.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = r.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = r.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  /** Beta(a, b) from two gammas. */
  static double beta(SplittableRandom r, double a, double b) {
    double x = gamma(r, a);
    return x / (x + gamma(r, b));
  }

  /** Dirichlet with parameters {@code alpha}; returns shares summing to 1. */
  static double[] dirichlet(SplittableRandom r, double[] alpha) {
    double[] out = new double[alpha.length];
    double sum = 0;
    for (int i = 0; i < alpha.length; i++) {
      out[i] = Math.max(gamma(r, alpha[i]), 1e-12);
      sum += out[i];
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= sum;
    }
    return out;
  }

  /**
   * Poisson by inversion, for the small means of daily counts; {@code p0} must be
   * {@code exp(-mean)}, which callers precompute because the oracle needs the same number.
   */
  static int poisson(SplittableRandom r, double mean, double p0) {
    double u = r.nextDouble();
    double p = p0;
    double cdf = p0;
    int k = 0;
    while (u > cdf && k < 200) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }

  /** Index drawn from a cumulative distribution whose last entry is 1. */
  static int pick(SplittableRandom r, double[] cumulative) {
    double u = r.nextDouble();
    for (int i = 0; i < cumulative.length - 1; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  /** Cumulative sums of shares, the last forced to exactly 1. */
  static double[] cumulative(double[] shares) {
    double[] c = new double[shares.length];
    double sum = 0;
    for (int i = 0; i < shares.length; i++) {
      sum += shares[i];
      c[i] = sum;
    }
    for (int i = 0; i < c.length; i++) {
      c[i] /= sum;
    }
    c[c.length - 1] = 1;
    return c;
  }

  /** A well mixed 64-bit seed for one member's stream, so members are independent of threads. */
  static long seedFor(long seed, long index, long stream) {
    long z =
        seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + stream * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
