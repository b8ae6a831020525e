package dev.treue.training.score;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import dev.treue.core.i18n.Language;
import dev.treue.core.reason.ReasonWords;
import java.util.Currency;

/**
 * The options for how the batch commands that give reasons ({@code score}, {@code materialize}) put
 * them into words: the programme currency and the language, the same as the service's
 * {@code currency} and {@code language} settings.
 */
public final class ReasonArguments {
  /** {@code --currency}: the programme currency. */
  public static final Option CURRENCY =
      Option.of(
          "currency",
          ReasonWords.DEFAULT_CURRENCY.getCurrencyCode(),
          "ISO 4217 code of the programme currency, for money in reasons (e.g. EUR, USD, GBP)");

  /** {@code --language}: the language reasons, explanations and the CSV files are written in. */
  public static final Option LANGUAGE =
      Option.of(
          "language",
          Language.EN.wireName(),
          "language of reasons, offer explanations and CSV files: en or de (German CSV files use"
              + " ';' and decimal commas)");

  private ReasonArguments() {}

  /** The language named by {@code --language}; a usage error when Treue does not speak it. */
  public static Language language(Arguments a) {
    try {
      return Language.parse(a.string(LANGUAGE.name()));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--language: " + e.getMessage());
    }
  }

  /** The scorer giving reasons in {@code language}, money in {@code currency}. */
  public static ChurnScorer inWords(ChurnScorer scorer, Language language, Currency currency) {
    return scorer.withWords(ReasonWords.of(language, currency));
  }

  /** The programme currency named by {@code --currency}; a usage error when it names none. */
  public static Currency currency(Arguments a) {
    String code = a.string(CURRENCY.name());
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--currency: " + code + " is not an ISO 4217 currency code; expected e.g. EUR");
    }
  }

  /** The scorer giving reasons in {@code currency}. */
  public static ChurnScorer inCurrency(ChurnScorer scorer, Currency currency) {
    return scorer.withWords(scorer.words().in(currency));
  }
}
