package dev.treue.core.clv;

import java.util.SplittableRandom;

/**
 * Members drawn from the BG/NBD and Gamma-Gamma stories, for tests that check a fit recovers the
 * parameters that made the data and for benchmarks that need millions of realistic members.
 */
public final class BgNbdSimulation {
  private BgNbdSimulation() {}

  /**
   * The times of one member's repeat purchases, observed for {@code age} time units after the
   * first: a Poisson rate from Gamma(r, alpha), a dropout chance from Beta(a, b) tried after each
   * purchase.
   *
   * @return purchase times in (0, age], ascending
   */
  public static double[] purchaseTimes(BgNbd model, double age, SplittableRandom rnd) {
    double rate = gamma(model.r(), rnd) / model.alpha();
    double ga = gamma(model.a(), rnd);
    double dropout = ga / (ga + gamma(model.b(), rnd));
    double[] times = new double[8];
    int x = 0;
    double t = 0;
    while (true) {
      t += -Math.log(1 - rnd.nextDouble()) / rate;
      if (t > age) {
        break;
      }
      if (x == times.length) {
        times = java.util.Arrays.copyOf(times, 2 * x);
      }
      times[x++] = t;
      if (rnd.nextDouble() < dropout) {
        break;
      }
    }
    return java.util.Arrays.copyOf(times, x);
  }

  /** One member's summary, observed for {@code age} time units after the first purchase. */
  public static PurchaseSummary member(BgNbd model, double age, SplittableRandom rnd) {
    double[] times = purchaseTimes(model, age, rnd);
    return new PurchaseSummary(times.length, times.length == 0 ? 0 : times[times.length - 1], age);
  }

  /** A member's scale nu from Gamma(q, v) (rate v), then one transaction value from Gamma(p, nu). */
  public static double spendScale(GammaGamma model, SplittableRandom rnd) {
    return gamma(model.q(), rnd) / model.v();
  }

  /** One transaction value of a member with scale {@code nu}. */
  public static double transactionValue(GammaGamma model, double nu, SplittableRandom rnd) {
    return gamma(model.p(), rnd) / nu;
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang, boosted for shape < 1. */
  public static double gamma(double shape, SplittableRandom rnd) {
    if (shape < 1) {
      return gamma(shape + 1, rnd) * Math.pow(rnd.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z;
      double v;
      do {
        z = normal(rnd);
        v = 1 + c * z;
      } while (v <= 0);
      v = v * v * v;
      double u = rnd.nextDouble();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  private static double normal(SplittableRandom rnd) {
    return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble()))
        * Math.cos(2 * Math.PI * rnd.nextDouble());
  }
}
