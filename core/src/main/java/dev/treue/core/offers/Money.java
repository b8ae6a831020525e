package dev.treue.core.offers;

import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.Numbers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * The one rule for an offer's money ({@code value}, {@code cost}, {@code budget}): amounts in the
 * programme currency with at most {@link #SCALE} decimals, i.e. whole minor units (cents), from 0
 * to {@link #MAX_UNITS}. Budgets are spent in whole cents ({@code long}), so a cost finer than a
 * cent is refused rather than rounded: a rounded cost of 0.004 would be 0 cents and let every
 * grant cost nothing.
 *
 * <p>Every amount allowed has at most 15 significant digits, so the {@code double} an
 * {@link Offer} keeps converts back to exactly its cents ({@link #cents(double)}), and sums of
 * cents stay below 2^53, exact in Redis's Lua numbers too.
 */
public final class Money {
  /** Decimals of the programme currency's smallest unit: amounts are whole cents. */
  public static final int SCALE = 2;

  /** Largest amount in currency units: 10^12, i.e. 10^14 cents. */
  public static final long MAX_UNITS = 1_000_000_000_000L;

  private static final double CENTS_PER_UNIT = 100;

  /** Largest amount in cents. */
  public static final long MAX_CENTS = MAX_UNITS * 100;

  // A plain decimal, optionally with a short exponent; no sign other than '+' or '-', no hex, NaN
  // or Infinity.
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?");
  private static final int MAX_TEXT = 48;

  private Money() {}

  /** What {@link #parseCents} accepts, for error messages. */
  public static String rule() {
    return "money in the programme currency: a decimal from 0 to "
        + MAX_UNITS
        + " with at most "
        + SCALE
        + " decimals (whole cents)";
  }

  /**
   * Parses an amount into cents.
   *
   * @return the amount in cents
   * @throws IllegalArgumentException with a reason (without the field name) when the text is not a
   *     plain decimal, is negative, is finer than a cent or above {@link #MAX_UNITS}
   */
  public static long parseCents(String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty() || t.length() > MAX_TEXT || !DECIMAL.matcher(t).matches()) {
      throw new IllegalArgumentException("expected " + rule() + ", got '" + shown(t) + "'");
    }
    BigDecimal v = new BigDecimal(t);
    if (v.signum() < 0) {
      throw new IllegalArgumentException(
          "expected " + rule() + ", got a negative amount " + shown(t));
    }
    if (v.compareTo(BigDecimal.valueOf(MAX_UNITS)) > 0) {
      throw new IllegalArgumentException(
          "expected " + rule() + ", got " + shown(t) + ", which is above " + MAX_UNITS);
    }
    BigDecimal stripped = v.stripTrailingZeros();
    if (stripped.scale() > SCALE) {
      throw new IllegalArgumentException(
          "expected " + rule() + ", got " + shown(t) + ", which is finer than a cent");
    }
    return stripped.movePointRight(SCALE).longValueExact();
  }

  /**
   * The cents of an amount an {@link Offer} holds (one {@link #parseCents} accepted).
   *
   * @throws IllegalArgumentException when the amount is not whole cents within the range
   */
  public static long cents(double amount) {
    if (!Double.isFinite(amount)) {
      throw new IllegalArgumentException("amount " + amount + " is not finite");
    }
    return parseCents(BigDecimal.valueOf(amount).toPlainString());
  }

  /** True when the amount is whole cents within the range. */
  public static boolean valid(double amount) {
    try {
      cents(amount);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** An amount in cents as currency units (the nearest double, exact for every amount allowed). */
  public static double units(long cents) {
    // One correctly rounded division: the nearest double to cents / 100, as BigDecimal's
    // doubleValue gives it, without a BigDecimal per call (rankings convert every candidate's
    // budget). Exact reasoning holds while cents has fewer than 53 bits; MAX_CENTS has 47.
    return cents / CENTS_PER_UNIT;
  }

  /**
   * A computed amount (a sum, a mean, a model's value) rounded half up to whole cents, exactly, for
   * figures written as numbers in JSON and files; the rule {@link Numbers#money} shows them with.
   *
   * @throws NumberFormatException when the amount is not finite
   */
  public static BigDecimal roundedToCents(double amount) {
    return BigDecimal.valueOf(amount).setScale(SCALE, RoundingMode.HALF_UP);
  }

  /** An amount in cents as plain text with its decimals, e.g. {@code 12.50}. */
  public static String format(long cents) {
    return BigDecimal.valueOf(cents, SCALE).toPlainString();
  }

  private static String shown(String t) {
    String s = t.length() > 40 ? t.substring(0, 40) + "..." : t;
    return s.replaceAll("\\p{Cntrl}", "?");
  }

  /**
   * An amount for people to read in English ({@code €1,234.50}, {@code CHF 0.50}): rounded half up
   * to the currency's minor unit, see {@link Numbers#money(Language, double, Currency)}, which
   * writes it in any language.
   */
  public static String display(double amount, Currency currency) {
    return Numbers.money(Language.EN, amount, currency);
  }
}
