package dev.treue.core.clv;

import java.util.Locale;

/**
 * Whether a lifetime model read from a file can value every member the service may meet. A bundle
 * is published by people and scripts, so its parameters are checked twice before anything scores
 * with them: each must lie within the range the fits themselves search (a fit never produces a
 * value outside it, so one outside was edited or corrupted), and the model is then exercised on a
 * spread of member histories, from a first purchase yesterday to a thousand purchase days over
 * thirty years, where every figure scoring uses must come out finite and in range. Without the
 * second check a model inside the box but at a singular point (a = 1 makes the expected purchases
 * infinite) would load and then fail every request that needs it.
 */
public final class LifetimeModelCheck {
  /** Smallest and largest value any parameter may take: the fits' own bounds, e^-12 .. e^12. */
  public static final double MIN_PARAMETER = Math.exp(-MultiStart.BOUND);

  public static final double MAX_PARAMETER = Math.exp(MultiStart.BOUND);

  /** Days per model time unit: from an hour to a year. */
  public static final double MIN_UNIT_DAYS = 1.0 / 24;

  public static final double MAX_UNIT_DAYS = 366;

  private static final int[] FREQUENCIES = {0, 1, 3, 10, 50, 200, 1000};
  private static final double[] AGES_DAYS = {1, 30, 180, 365, 1095, 3650, 10950};
  private static final double[] RECENCY_SHARES = {0, 0.5, 1};
  private static final double[] MEAN_SPENDS = {0.01, 40, 100_000};
  // Rounding in the series may leave an expectation a hair below zero; anything further is wrong.
  private static final double SLACK = 1e-9;

  private LifetimeModelCheck() {}

  /**
   * Checks the ranges, then the figures on the spread of histories.
   *
   * @throws IllegalArgumentException naming the parameter out of range, or the member history and
   *     figure that failed
   */
  public static void check(LifetimeModel model) {
    BgNbd bg = model.purchases();
    GammaGamma gg = model.spend();
    inRange("bgnbd.r", bg.r());
    inRange("bgnbd.alpha", bg.alpha());
    inRange("bgnbd.a", bg.a());
    inRange("bgnbd.b", bg.b());
    inRange("gamma_gamma.p", gg.p());
    inRange("gamma_gamma.q", gg.q());
    inRange("gamma_gamma.v", gg.v());
    if (!(model.unitDays() >= MIN_UNIT_DAYS && model.unitDays() <= MAX_UNIT_DAYS)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "unit_days = %s is outside %.4f .. %.0f",
              model.unitDays(),
              MIN_UNIT_DAYS,
              MAX_UNIT_DAYS));
    }
    for (double age : AGES_DAYS) {
      for (int x : FREQUENCIES) {
        // x repeat purchase days need x + 1 distinct days within the age.
        if (x >= age) {
          continue;
        }
        for (double share : RECENCY_SHARES) {
          double sinceLast = x == 0 ? age : age * (1 - share);
          exercise(model, x, sinceLast, age);
        }
      }
    }
  }

  private static void inRange(String name, double value) {
    if (!(value >= MIN_PARAMETER && value <= MAX_PARAMETER)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s = %s is outside %.3g .. %.6g, the range the fits search",
              name,
              value,
              MIN_PARAMETER,
              MAX_PARAMETER));
    }
  }

  private static void exercise(
      LifetimeModel model, int x, double daysSinceLast, double daysSinceFirst) {
    try {
      PurchaseSummary s = model.summary(x + 1L, daysSinceLast, daysSinceFirst);
      probability("P(alive)", model.probabilityAlive(s));
      probability("P(no purchase in 90 days)", model.probabilityNoPurchase(s, 90));
      nonNegative("expected purchases in 90 days", model.expectedPurchases(s, 90));
      for (double spend : MEAN_SPENDS) {
        nonNegative("CLV at a mean spend of " + spend, model.lifetimeValue(s, x + 1, spend));
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "the lifetime model fails for a member with %d"
                  + " repeat purchase days, the last %.0f and the first %.0f days ago: %s",
              x,
              daysSinceLast,
              daysSinceFirst,
              e.getMessage()),
          e);
    }
  }

  private static void probability(String figure, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(figure + " = " + p);
    }
  }

  private static void nonNegative(String figure, double v) {
    if (!(v >= -SLACK) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(figure + " = " + v);
    }
  }
}
