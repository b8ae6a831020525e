package dev.treue.core.i18n;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How numbers are written for people in each {@link Language}: money with the currency's symbol
 * ({@code €1,234.50} in English, {@code 1.234,50 €} in German, the ISO code where the currency has
 * no symbol of its own: {@code CHF 0.50}, {@code 0,50 CHF}), whole percentages ({@code 12%},
 * {@code 12 %}), decimals with the language's decimal mark, and plain numbers for CSV cells.
 * Amounts are exact decimals rounded half up to the currency's minor unit (whole cents, whole yen).
 */
public final class Numbers {
  // Each currency's symbol, looked up once: Currency.getSymbol asks the locale providers every
  // call (3% of a churn-risk request's CPU, whose reasons quote money, in a JFR profile).
  private static final ConcurrentHashMap<Currency, String> SYMBOLS = new ConcurrentHashMap<>();

  private Numbers() {}

  /** The decimal mark: '.' in English, ',' in German. */
  public static char decimalMark(Language language) {
    return language == Language.DE ? ',' : '.';
  }

  /** The thousands separator: ',' in English, '.' in German. */
  public static char groupSeparator(Language language) {
    return language == Language.DE ? '.' : ',';
  }

  /**
   * An amount of money for people to read, rounded half up to the currency's minor unit, grouped
   * by thousands; a negative amount keeps its sign unless it rounds to zero.
   *
   * @throws IllegalArgumentException when the amount is not finite
   */
  public static String money(Language language, double amount, Currency currency) {
    if (!Double.isFinite(amount)) {
      throw new IllegalArgumentException("money to display must be finite: " + amount);
    }
    return money(language, BigDecimal.valueOf(amount), currency);
  }

  /** An exact amount of money for people to read ({@link #money(Language, double, Currency)}). */
  public static String money(Language language, BigDecimal amount, Currency currency) {
    int digits = currency.getDefaultFractionDigits() < 0 ? 2 : currency.getDefaultFractionDigits();
    BigDecimal rounded = amount.setScale(digits, RoundingMode.HALF_UP);
    String number = grouped(language, rounded.abs());
    String sign = rounded.signum() < 0 ? "-" : "";
    String symbol = SYMBOLS.computeIfAbsent(currency, c -> c.getSymbol(Locale.ENGLISH));
    boolean code = symbol.equals(currency.getCurrencyCode());
    if (language == Language.DE) {
      return sign + number + " " + symbol;
    }
    return sign + symbol + (code ? " " : "") + number;
  }

  /** A share as a whole percentage: 0.123 is {@code 12%} in English, {@code 12 %} in German. */
  public static String percent(Language language, double share) {
    long whole = Math.round(100 * share);
    return language == Language.DE ? whole + " %" : whole + "%";
  }

  /** A whole number grouped by thousands: {@code 1,234} or {@code 1.234}. */
  public static String integer(Language language, long n) {
    String digits = grouped(language, BigDecimal.valueOf(Math.abs(n)));
    return n < 0 ? "-" + digits : digits;
  }

  /**
   * A decimal with exactly {@code digits} decimals, rounded half up, not grouped: {@code 0.35} or
   * {@code 0,35}.
   */
  public static String decimal(Language language, double value, int digits) {
    BigDecimal v = BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP);
    String text = v.signum() == 0 ? v.abs().toPlainString() : v.toPlainString();
    return language == Language.DE ? text.replace('.', ',') : text;
  }

  /**
   * A number for a CSV cell a spreadsheet reads as a number: Java's shortest exact text of the
   * double (what the English files always held), with a decimal comma in German.
   */
  public static String cell(Language language, double value) {
    String text = Double.toString(value);
    return language == Language.DE ? text.replace('.', ',') : text;
  }

  /** A non-negative decimal's plain digits with the language's marks, grouped by thousands. */
  private static String grouped(Language language, BigDecimal nonNegative) {
    String plain = nonNegative.toPlainString();
    int dot = plain.indexOf('.');
    String whole = dot < 0 ? plain : plain.substring(0, dot);
    StringBuilder b = new StringBuilder(plain.length() + whole.length() / 3 + 1);
    int lead = whole.length() % 3 == 0 ? 3 : whole.length() % 3;
    b.append(whole, 0, lead);
    for (int i = lead; i < whole.length(); i += 3) {
      b.append(groupSeparator(language)).append(whole, i, i + 3);
    }
    if (dot >= 0) {
      b.append(decimalMark(language)).append(plain, dot + 1, plain.length());
    }
    return b.toString();
  }

  /**
   * {@code String.format(Locale.ROOT, "%.<decimals>f", v)}, several times faster (the formatter
   * parses its pattern on every call, and phrases are built for every member scored): both round
   * the shortest decimal that reads back as {@code v} half up.
   */
  public static String fixed(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
    BigDecimal rounded = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP);
    // The formatter keeps the sign of a negative value (or -0) that rounds to zero.
    return (Double.doubleToRawLongBits(v) < 0 && rounded.signum() == 0 ? "-" : "")
        + rounded.toPlainString();
  }
}
