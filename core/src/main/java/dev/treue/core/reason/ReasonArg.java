package dev.treue.core.reason;

import java.util.Objects;

/**
 * One quantity a {@link Reason} quotes, before it is put into words: what it is (a number of days,
 * an amount of money, a share...) and its value. {@link ReasonWords} writes it in a language and the
 * programme currency.
 *
 * @param kind what the quantity is, and so how it is written
 * @param number the value of a number; 0 for text
 * @param text the text of a {@link Kind#TEXT} quantity (a tier name); null for numbers
 */
public record ReasonArg(Kind kind, double number, String text) {
  /** What a quantity is; each has its one-letter code in the stored form ({@link Reason#encode}). */
  public enum Kind {
    DAYS('d'),
    PURCHASES('p'),
    POINTS('t'),
    CATEGORIES('c'),
    /** A bare whole number. */
    COUNT('n'),
    /** A whole number grouped by thousands in the language's marks: "1,200", "1.200". */
    GROUPED('g'),
    MONEY('m'),
    /** A share, written as a whole percentage. */
    PERCENT('%'),
    DECIMAL_1('1'),
    DECIMAL_2('2'),
    /** Words that are the same in every language (the programme's tier names). */
    TEXT('s');

    private final char code;

    Kind(char code) {
      this.code = code;
    }

    /** The kind's letter in the stored form. */
    public char code() {
      return code;
    }

    static Kind ofCode(char code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      throw new IllegalArgumentException("no reason quantity has the code '" + code + "'");
    }

    /** True for kinds whose value is a whole number. */
    boolean whole() {
      return this == DAYS
          || this == PURCHASES
          || this == POINTS
          || this == CATEGORIES
          || this == COUNT
          || this == GROUPED;
    }
  }

  public ReasonArg {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.TEXT) != (text != null)) {
      throw new IllegalArgumentException(kind + " quantity with text " + text);
    }
  }

  /** A number of days: "96 days". */
  public static ReasonArg days(long n) {
    return new ReasonArg(Kind.DAYS, n, null);
  }

  /** A number of purchases: "1 purchase". */
  public static ReasonArg purchases(long n) {
    return new ReasonArg(Kind.PURCHASES, n, null);
  }

  /** A number of points: "120 points". */
  public static ReasonArg points(long n) {
    return new ReasonArg(Kind.POINTS, n, null);
  }

  /** A number of categories: "2 categories". */
  public static ReasonArg categories(long n) {
    return new ReasonArg(Kind.CATEGORIES, n, null);
  }

  /** A bare whole number: "4". */
  public static ReasonArg count(long n) {
    return new ReasonArg(Kind.COUNT, n, null);
  }

  /** A whole number grouped by thousands: "1,200" ("1.200" in German). */
  public static ReasonArg grouped(long n) {
    return new ReasonArg(Kind.GROUPED, n, null);
  }

  /** An amount in the programme currency: "€12.50". */
  public static ReasonArg money(double amount) {
    return new ReasonArg(Kind.MONEY, amount, null);
  }

  /** A share as a whole percentage: 0.42 is "42%". */
  public static ReasonArg percent(double share) {
    return new ReasonArg(Kind.PERCENT, share, null);
  }

  /** A decimal with 1 or 2 decimals: "0.4". */
  public static ReasonArg decimal(double value, int digits) {
    if (digits != 1 && digits != 2) {
      throw new IllegalArgumentException(
          "reasons quote decimals with 1 or 2 digits, not " + digits);
    }
    return new ReasonArg(digits == 1 ? Kind.DECIMAL_1 : Kind.DECIMAL_2, value, null);
  }

  /** Words that read the same in every language: a tier name, an offer's category or kind. */
  public static ReasonArg text(String text) {
    return new ReasonArg(Kind.TEXT, 0, Objects.requireNonNull(text, "text"));
  }

  /** The whole number of a count kind. */
  long whole() {
    return (long) number;
  }
}
