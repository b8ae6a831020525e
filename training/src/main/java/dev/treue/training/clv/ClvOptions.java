package dev.treue.training.clv;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import dev.treue.core.clv.ClvHorizon;

/** The CLV horizon options that {@code train churn} and {@code train clv} share. */
public final class ClvOptions {
  /** Months of purchases the CLV counts. */
  public static final Option MONTHS =
      Option.of(
          "clv-months",
          String.valueOf(ClvHorizon.DEFAULT.months()),
          "customer lifetime value horizon in months (1 .. 120)");

  /** Yearly discount rate. */
  public static final Option DISCOUNT_RATE =
      Option.of(
          "discount-rate",
          String.valueOf(ClvHorizon.DEFAULT.annualDiscountRate()),
          "yearly discount rate of future spend in CLV, e.g. 0.1 for 10% (0 .. 1)");

  private ClvOptions() {}

  /** The horizon the options give; a usage error naming the option when out of range. */
  public static ClvHorizon horizon(Arguments a) {
    try {
      return new ClvHorizon(a.integer(MONTHS.name()), a.decimal(DISCOUNT_RATE.name()));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "options --" + MONTHS.name() + " / --" + DISCOUNT_RATE.name() + ": " + e.getMessage());
    }
  }
}
