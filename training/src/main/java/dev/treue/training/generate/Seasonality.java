package dev.treue.training.generate;

import java.time.LocalDate;

/**
 * Multiplier of the purchase rate by weekday and month: a weekend peak and a December peak with a
 * January dip, as in retail. Both average about 1, so a member's latent rate stays the yearly mean.
 * A day's factor depends only on (weekday, month), 84 combinations, which lets each member
 * precompute {@code exp(-rate)} once per combination instead of once per day.
 */
final class Seasonality {
  /** Monday to Sunday. */
  private static final double[] WEEKDAY = {0.85, 0.90, 0.95, 1.00, 1.15, 1.30, 0.85};

  /** January to December. */
  private static final double[] MONTH = {
    0.85, 0.90, 0.95, 1.00, 1.00, 1.00, 0.95, 0.95, 1.00, 1.00, 1.10, 1.45
  };

  /** Number of distinct (weekday, month) combinations. */
  static final int COMBINATIONS = 84;

  private Seasonality() {}

  /** The combination index of a date. */
  static int index(LocalDate date) {
    return (date.getDayOfWeek().getValue() - 1) * 12 + date.getMonthValue() - 1;
  }

  /** The rate multiplier of a combination index. */
  static double factor(int index) {
    return WEEKDAY[index / 12] * MONTH[index % 12];
  }
}
