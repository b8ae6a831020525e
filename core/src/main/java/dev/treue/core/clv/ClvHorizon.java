package dev.treue.core.clv;

import java.io.Serializable;

/**
 * How far ahead customer lifetime value looks and how it discounts.
 *
 * @param months horizon in months, 1 .. 120
 * @param annualDiscountRate yearly discount rate, e.g. 0.1 for 10 %; 0 .. 1
 */
public record ClvHorizon(int months, double annualDiscountRate) implements Serializable {
  /** Twelve months at 10 % a year, the default everywhere. */
  public static final ClvHorizon DEFAULT = new ClvHorizon(12, 0.10);

  public ClvHorizon {
    if (months < 1 || months > 120) {
      throw new IllegalArgumentException("clv horizon must be 1 .. 120 months, got " + months);
    }
    if (!(annualDiscountRate >= 0 && annualDiscountRate <= 1)) {
      throw new IllegalArgumentException(
          "annual discount rate must be 0 .. 1, got " + annualDiscountRate);
    }
  }
}
