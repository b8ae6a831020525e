package dev.treue.core.churn;

import dev.treue.core.offers.Money;
import java.io.Serializable;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How reasons are put into words: a table of {@link ReasonPhrase}s (English unless another table is
 * given) and the programme currency money is shown in. Quantities are whole days, counts, money to
 * the cent with the currency's symbol, and shares as whole percentages.
 */
public final class ReasonWords implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The programme currency when none is configured. */
  public static final Currency DEFAULT_CURRENCY = Currency.getInstance("EUR");

  /** English phrases, amounts in euros. */
  public static final ReasonWords ENGLISH_EUR = english(DEFAULT_CURRENCY);

  private final EnumMap<ReasonPhrase, String> table;
  private final Currency currency;

  /**
   * @param table every {@link ReasonPhrase}'s wording in one language
   * @param currency the programme currency
   */
  public ReasonWords(Map<ReasonPhrase, String> table, Currency currency) {
    this.table = new EnumMap<>(ReasonPhrase.class);
    this.table.putAll(table);
    for (ReasonPhrase p : ReasonPhrase.values()) {
      if (this.table.get(p) == null) {
        throw new IllegalArgumentException("the reason table has no wording for " + p);
      }
    }
    this.currency = Objects.requireNonNull(currency, "currency");
  }

  /** English phrases, amounts in {@code currency}. */
  public static ReasonWords english(Currency currency) {
    Map<ReasonPhrase, String> table = new EnumMap<>(ReasonPhrase.class);
    for (ReasonPhrase p : ReasonPhrase.values()) {
      table.put(p, p.english());
    }
    return new ReasonWords(table, currency);
  }

  /** The programme currency. */
  public Currency currency() {
    return currency;
  }

  /** The same table in another currency. */
  public ReasonWords in(Currency other) {
    return new ReasonWords(table, other);
  }

  String say(ReasonPhrase phrase, String... args) {
    String template = table.get(phrase);
    StringBuilder out = new StringBuilder(template.length() + 16);
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{' && i + 2 < template.length() && template.charAt(i + 2) == '}') {
        out.append(args[template.charAt(i + 1) - '0']);
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  String days(long n) {
    return say(n == 1 ? ReasonPhrase.DAYS_ONE : ReasonPhrase.DAYS_MANY, Long.toString(n));
  }

  String purchases(long n) {
    return say(n == 1 ? ReasonPhrase.PURCHASES_ONE : ReasonPhrase.PURCHASES_MANY, Long.toString(n));
  }

  String points(long n) {
    return say(n == 1 ? ReasonPhrase.POINTS_ONE : ReasonPhrase.POINTS_MANY, Long.toString(n));
  }

  String categories(long n) {
    return say(
        n == 1 ? ReasonPhrase.CATEGORIES_ONE : ReasonPhrase.CATEGORIES_MANY, Long.toString(n));
  }

  String money(double amount) {
    return Money.display(amount, currency);
  }

  /** A share as a whole percentage: 0.423 is "42%". */
  static String percent(double share) {
    return Math.round(100 * share) + "%";
  }
}
