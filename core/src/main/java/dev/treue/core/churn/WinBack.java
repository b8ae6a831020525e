package dev.treue.core.churn;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.reason.Reason;
import dev.treue.core.reason.ReasonArg;
import dev.treue.core.reason.ReasonPhrase;
import dev.treue.core.reason.ReasonWords;
import java.util.ArrayList;
import java.util.List;

/**
 * What winning back a {@link MemberStatus#LAPSED lapsed} member is worth, from the churn model's
 * lifetime model: the one definition the service's answer, the at-risk rows (service and
 * materialize) and the batch file share. Lapsed members get these figures instead of a churn
 * probability: they have already left, so "will they leave" is the wrong question.
 *
 * <p>The win-back value, what the win-back list ranks by, is the lifetime model's expected purchase
 * days in the next 90 days: the member's chance of coming back and how often they would buy. It was
 * chosen by measurement (README, "the win-back list"): on the lapsed members at the validation
 * cutoff it finds those who buy again better than P(alive) x CLV (the list's order before), than
 * expected spend or CLV alone, and than recency on the generated programmes. P(alive) x CLV counted
 * P(alive) twice (BG/NBD's expected purchases, and so CLV, already carry it) and, since BG/NBD's
 * P(alive) is 1 for a member who bought on one day only, put one-day buyers first however long their
 * silence. For that reason no P(alive) reason is given to a one-day buyer either.
 *
 * @param probabilityAlive BG/NBD P(alive) at the as-of day
 * @param expectedPurchases90 expected purchase days in the next 90 days
 * @param clv customer lifetime value over the lifetime model's horizon, discounted
 * @param value the win-back value, {@link #value(double[])}: expected purchase days in the next 90
 *     days, the list's order
 * @param reasons the figures in words, most telling first
 * @param why the same reasons before they were put into words ({@link Reason}), for the at-risk
 *     rows, which phrase them in their reader's language
 */
public record WinBack(
    double probabilityAlive,
    double expectedPurchases90,
    double clv,
    double value,
    List<String> reasons,
    List<Reason> why) {

  /** How the English reason of a member who never purchased begins. */
  public static final String NOT_ACTIVATED = "not activated yet";

  public WinBack {
    reasons = List.copyOf(reasons);
    why = List.copyOf(why);
  }

  /** The win-back figures of a member who has purchased, reasons in English, amounts in euros. */
  public static WinBack of(CustomerState state, double[] features, int asOfDay) {
    return of(state, features, asOfDay, ReasonWords.ENGLISH_EUR);
  }

  /**
   * The win-back figures of a member who has purchased.
   *
   * @param state the member's state on {@code asOfDay}
   * @param features their vector with the lifetime features filled ({@code ChurnScorer.features})
   * @param words the language the reasons are given in
   * @throws IllegalArgumentException when the member never purchased: there is nothing to win back
   */
  public static WinBack of(CustomerState state, double[] features, int asOfDay, ReasonWords words) {
    if (state.lastPurchaseDay() == CustomerState.NONE) {
      throw new IllegalArgumentException(
          "member " + state.customerId() + " never purchased: nothing to win back");
    }
    MemberValueFigures figures = MemberValueFigures.of(0, features);
    double alive = probabilityAlive(figures);
    double expected = figures.expectedPurchases90() == null ? 0 : figures.expectedPurchases90();
    double clv = Math.max(0, figures.clv());
    List<Reason> why = new ArrayList<>(3);
    why.add(lastBought(state, asOfDay));
    // BG/NBD lets a member drop out only after a repeat purchase, so its P(alive) of a one-day
    // buyer is 1 whatever the silence: quoting it as "100% chance they still buy" would mislead.
    if (state.gapCount() > 0) {
      why.add(Reason.of(ReasonPhrase.STILL_BUY_CHANCE, ReasonArg.percent(alive)));
    }
    why.add(Reason.of(ReasonPhrase.EXPECTED_NEXT_90, ReasonArg.decimal(expected, 2)));
    return new WinBack(alive, expected, clv, value(features), words.render(why), why);
  }

  /**
   * The win-back value of a vector, what the win-back list ranks by: the lifetime model's expected
   * purchase days in the next 90 days ({@link MemberValueFigures#expectedPurchases90()}), without
   * building the reasons. Training's evaluation of the list ranks by this same function.
   *
   * @param features a vector with the lifetime features filled; 0 for a member who never purchased
   */
  public static double value(double[] features) {
    Double expected = MemberValueFigures.of(0, features).expectedPurchases90();
    return expected == null ? 0 : Math.max(0, expected);
  }

  private static double probabilityAlive(MemberValueFigures figures) {
    return figures.probabilityAlive() == null ? 0 : figures.probabilityAlive();
  }

  /** The English reason of a member who never purchased ({@link #notActivated(CustomerState, int, ReasonWords)}). */
  public static String notActivated(CustomerState state, int asOfDay) {
    return notActivated(state, asOfDay, ReasonWords.ENGLISH_EUR);
  }

  /** The reason of a member who never purchased, in {@code words} ({@link #notActivated(CustomerState, int)}). */
  public static String notActivated(CustomerState state, int asOfDay, ReasonWords words) {
    return words.render(notActivatedReason(state, asOfDay));
  }

  /** The reason of a member who never purchased: how long ago they joined, when known. */
  public static Reason notActivatedReason(CustomerState state, int asOfDay) {
    int signup = state.signupDay();
    if (signup == CustomerState.NONE || signup > asOfDay) {
      return Reason.of(ReasonPhrase.NOT_ACTIVATED);
    }
    return Reason.of(ReasonPhrase.NOT_ACTIVATED_SINCE, ReasonArg.count(asOfDay - signup));
  }

  private static Reason lastBought(CustomerState state, int asOfDay) {
    ReasonArg since = ReasonArg.days(asOfDay - state.lastPurchaseDay());
    if (state.gapCount() == 0) {
      return Reason.of(ReasonPhrase.LAST_BOUGHT_ONCE, since);
    }
    return Reason.of(
        ReasonPhrase.LAST_BOUGHT_USUALLY, since, ReasonArg.days(Math.round(state.gapMean())));
  }
}
