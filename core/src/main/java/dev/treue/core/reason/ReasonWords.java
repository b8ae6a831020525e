package dev.treue.core.reason;

import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.Numbers;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How reasons are put into words: a table of {@link ReasonPhrase}s in one {@link Language}, that
 * language's way of writing numbers ({@link Numbers}) and the programme currency money is shown in.
 * Quantities are whole days, counts, money to the cent with the currency's symbol, and shares as
 * whole percentages.
 */
public final class ReasonWords implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The programme currency when none is configured. */
  public static final Currency DEFAULT_CURRENCY = Currency.getInstance("EUR");

  // Made once per language and currency: the service asks for them on every request.
  private static final ConcurrentMap<String, ReasonWords> CACHE = new ConcurrentHashMap<>();

  /** English phrases, amounts in euros. */
  public static final ReasonWords ENGLISH_EUR = english(DEFAULT_CURRENCY);

  private final EnumMap<ReasonPhrase, String> table;
  // The table split at its placeholders once: reasons are built for every member scored.
  private final Template[] templates;
  private final Currency currency;
  private final Language language;

  /** A phrase as literal parts between placeholders: parts[0] args[0] parts[1] ... parts[n]. */
  private record Template(String[] parts, int[] args) implements Serializable {
    static Template of(String text) {
      List<String> parts = new ArrayList<>();
      List<Integer> args = new ArrayList<>();
      int from = 0;
      for (int i = 0; i + 2 < text.length(); i++) {
        char d = text.charAt(i + 1);
        if (text.charAt(i) == '{' && d >= '0' && d <= '9' && text.charAt(i + 2) == '}') {
          parts.add(text.substring(from, i));
          args.add(d - '0');
          from = i + 3;
          i += 2;
        }
      }
      parts.add(text.substring(from));
      return new Template(
          parts.toArray(new String[0]), args.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  /**
   * A table of its own with English numbers.
   *
   * @param table every {@link ReasonPhrase}'s wording in one language
   * @param currency the programme currency
   */
  public ReasonWords(Map<ReasonPhrase, String> table, Currency currency) {
    this(table, Language.EN, currency);
  }

  /**
   * @param table every {@link ReasonPhrase}'s wording in {@code language}
   * @param language how numbers and money are written
   * @param currency the programme currency
   */
  public ReasonWords(Map<ReasonPhrase, String> table, Language language, Currency currency) {
    this.language = Objects.requireNonNull(language, "language");
    this.table = new EnumMap<>(ReasonPhrase.class);
    this.table.putAll(table);
    for (ReasonPhrase p : ReasonPhrase.values()) {
      if (this.table.get(p) == null) {
        throw new IllegalArgumentException("the reason table has no wording for " + p);
      }
    }
    this.currency = Objects.requireNonNull(currency, "currency");
    this.templates = new Template[ReasonPhrase.values().length];
    for (ReasonPhrase p : ReasonPhrase.values()) {
      templates[p.ordinal()] = Template.of(this.table.get(p));
    }
  }

  /** English phrases, amounts in {@code currency}. */
  public static ReasonWords english(Currency currency) {
    return of(Language.EN, currency);
  }

  /**
   * The phrases of {@code language}, amounts in {@code currency}: made once per pair and shared, as
   * the service asks for them on every request.
   */
  public static ReasonWords of(Language language, Currency currency) {
    return CACHE.computeIfAbsent(
        language.wireName() + "/" + currency.getCurrencyCode(), k -> build(language, currency));
  }

  private static ReasonWords build(Language language, Currency currency) {
    Map<ReasonPhrase, String> table = new EnumMap<>(ReasonPhrase.class);
    for (ReasonPhrase p : ReasonPhrase.values()) {
      table.put(p, p.wording(language));
    }
    return new ReasonWords(table, language, currency);
  }

  /** The language numbers and money are written in. */
  public Language language() {
    return language;
  }

  /** The programme currency. */
  public Currency currency() {
    return currency;
  }

  /** The same table in another currency. */
  public ReasonWords in(Currency other) {
    return new ReasonWords(table, language, other);
  }

  /**
   * A reason in these words; one kept as written ({@link Reason#asWritten}) as it is. A churn
   * reason's phrase comes from this table, a reward explanation's from its own table in this
   * language; the quantities are written alike in both.
   */
  public String render(Reason reason) {
    if (reason.phrase() == null) {
      return reason.args().get(0).text();
    }
    String[] words = new String[reason.args().size()];
    for (int i = 0; i < words.length; i++) {
      words[i] = word(reason.args().get(i));
    }
    return reason.phrase() instanceof ReasonPhrase churn
        ? say(churn, words)
        : reason.phrase().fill(language, words);
  }

  /** Reasons in these words, in order. */
  public List<String> render(List<Reason> reasons) {
    List<String> out = new ArrayList<>(reasons.size());
    for (Reason r : reasons) {
      out.add(render(r));
    }
    return out;
  }

  /** A quantity in these words: "96 days", "€12.50", "42%". */
  public String word(ReasonArg a) {
    return switch (a.kind()) {
      case DAYS -> days(a.whole());
      case PURCHASES -> purchases(a.whole());
      case POINTS -> points(a.whole());
      case CATEGORIES -> categories(a.whole());
      case COUNT -> Long.toString(a.whole());
      case GROUPED -> Numbers.integer(language, a.whole());
      case MONEY -> money(a.number());
      case PERCENT -> percent(a.number());
      case DECIMAL_1 -> decimal(a.number(), 1);
      case DECIMAL_2 -> decimal(a.number(), 2);
      case TEXT -> a.text();
    };
  }

  String say(ReasonPhrase phrase, String... args) {
    Template t = templates[phrase.ordinal()];
    if (t.args().length == 0) {
      return t.parts()[0];
    }
    StringBuilder out = new StringBuilder(64);
    for (int i = 0; i < t.args().length; i++) {
      out.append(t.parts()[i]).append(args[t.args()[i]]);
    }
    return out.append(t.parts()[t.args().length]).toString();
  }

  /** A count with its noun, singular for one: "1 day", "96 days". */
  private String count(long n, ReasonPhrase one, ReasonPhrase many) {
    Template t = templates[(n == 1 ? one : many).ordinal()];
    return t.args().length == 1
        ? t.parts()[0] + n + t.parts()[1]
        : say(n == 1 ? one : many, "" + n);
  }

  String days(long n) {
    return count(n, ReasonPhrase.DAYS_ONE, ReasonPhrase.DAYS_MANY);
  }

  String purchases(long n) {
    return count(n, ReasonPhrase.PURCHASES_ONE, ReasonPhrase.PURCHASES_MANY);
  }

  String points(long n) {
    return count(n, ReasonPhrase.POINTS_ONE, ReasonPhrase.POINTS_MANY);
  }

  String categories(long n) {
    return count(n, ReasonPhrase.CATEGORIES_ONE, ReasonPhrase.CATEGORIES_MANY);
  }

  String money(double amount) {
    return Numbers.money(language, amount, currency);
  }

  /** A share as a whole percentage: 0.423 is "42%" ("42 %" in German). */
  String percent(double share) {
    return Numbers.percent(language, share);
  }

  /** A decimal with {@code digits} decimals in the language's marks ("0.4", "0,4"). */
  String decimal(double value, int digits) {
    String plain = Numbers.fixed(value, digits);
    return language == Language.DE ? plain.replace('.', ',') : plain;
  }
}
