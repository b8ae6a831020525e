package dev.treue.training.score;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.churn.ReasonWords;
import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import java.util.Currency;

/**
 * The option for how the batch commands that give reasons ({@code score}, {@code materialize}) put
 * money into words, the same as the service's {@code currency} setting.
 */
public final class ReasonArguments {
  /** {@code --currency}: the programme currency. */
  public static final Option CURRENCY =
      Option.of(
          "currency",
          ReasonWords.DEFAULT_CURRENCY.getCurrencyCode(),
          "ISO 4217 code of the programme currency, for money in reasons (e.g. EUR, USD, GBP)");

  private ReasonArguments() {}

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
