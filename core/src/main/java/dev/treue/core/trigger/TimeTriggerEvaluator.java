package dev.treue.core.trigger;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.DailyCounter;
import dev.treue.core.customer.DayBuckets;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.customer.TierLadder;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which time-driven triggers are due for a member on a day: pure, {@code (state, today,
 * settings) -> firings}. Each firing has an id per (kind, member, period), so a sweep that runs
 * many times a day, or on several instances at once, names the same moment with the same id and
 * the store fires it once (see the store's {@code TimeTriggerClaims}).
 *
 * <ul>
 *   <li>{@link TriggerKind#BECAME_LAPSED}: {@link MemberStatus} is lapsed; the period is the lapse
 *       day (last purchase + active days), {@code became_lapsed:<id>:d<epoch-day>}.
 *   <li>{@link TriggerKind#MEMBERSHIP_ANNIVERSARY}: the signup day's anniversary (a 29 February
 *       signup has it on 28 February in other years), {@code membership_anniversary:<id>:y<year>}.
 *   <li>{@link TriggerKind#POINTS_EXPIRING}: points earned on day d expire on d + {@link
 *       CustomerState#POINTS_VALID_DAYS}; fires when unspent points expire within {@code
 *       within_days}, once per expiry day of the oldest unspent lot, {@code d<expiry epoch-day>}.
 *   <li>{@link TriggerKind#TIER_DOWNGRADE_AHEAD}: the tier is reviewed on the membership
 *       anniversary (signup day, else first purchase day) against the rolling 365-day net spend of
 *       {@link TierLadder}; fires when the review is within {@code within_days} and the spend already
 *       counted for it falls short of the tier's, once per review day, {@code d<review epoch-day>}.
 *
 *   <li>{@link TriggerKind#BIRTHDAY}: the birthday of {@link CustomerState#birthDay} (a 29 February
 *       birth has it on 28 February in other years), {@code birthday:<id>:y<year>}. The birth date
 *       comes from the profile ({@code customers.birth_date}) a load wrote; members without profiling
 *       consent are never stored, so they never fire, nor do members known only through events.
 * </ul>
 *
 * <p>A moment that passed fires only within {@link #CATCH_UP_DAYS} of it (a sweep that missed days
 * catches up; switching a kind on does not fire for members who lapsed years ago).
 */
public final class TimeTriggerEvaluator {
  /** How many days after its moment a missed time-driven firing still fires. */
  public static final int CATCH_UP_DAYS = 7;

  private TimeTriggerEvaluator() {}

  /**
   * One due firing.
   *
   * @param kind what fires
   * @param firingId {@code <kind>:<customer>:<period>}, the same for every sweep of the period
   * @param periodDay the epoch day the period is about (lapse, anniversary, expiry, review day)
   * @param details the kind's payload fields
   */
  public record Due(
      TriggerKind kind, String firingId, int periodDay, Map<String, Object> details) {}

  /**
   * @param state the member's state (events up to now)
   * @param today the UTC epoch day of the sweep
   * @param activeDays the activity window of {@link MemberStatus}
   * @return the due firings, in {@link TriggerKind} order; empty when no time-driven kind is on
   */
  public static List<Due> evaluate(
      CustomerState state, int today, TriggerSettings settings, int activeDays) {
    List<Due> due = new ArrayList<>();
    String id = state.customerId();
    if (settings.on(TriggerKind.BECAME_LAPSED)
        && state.lastPurchaseDay() != CustomerState.NONE
        && state.lastPurchaseDay() <= today
        && MemberStatus.of(state, today, activeDays) == MemberStatus.LAPSED) {
      int lapseDay = state.lastPurchaseDay() + activeDays;
      if (today - lapseDay <= CATCH_UP_DAYS) {
        due.add(
            new Due(
                TriggerKind.BECAME_LAPSED,
                firingId(TriggerKind.BECAME_LAPSED, id, "d" + lapseDay),
                lapseDay,
                details(
                    "last_purchase_date", date(state.lastPurchaseDay()),
                    "lapsed_on", date(lapseDay),
                    "active_days", activeDays)));
      }
    }
    if (settings.on(TriggerKind.MEMBERSHIP_ANNIVERSARY)
        && state.signupDay() != CustomerState.NONE) {
      LocalDate signup = LocalDate.ofEpochDay(state.signupDay());
      LocalDate anniversary = lastYearly(signup, today);
      if (anniversary != null && today - anniversary.toEpochDay() <= CATCH_UP_DAYS) {
        due.add(
            new Due(
                TriggerKind.MEMBERSHIP_ANNIVERSARY,
                firingId(TriggerKind.MEMBERSHIP_ANNIVERSARY, id, "y" + anniversary.getYear()),
                (int) anniversary.toEpochDay(),
                details(
                    "years",
                    anniversary.getYear() - signup.getYear(),
                    "signup_date",
                    signup.toString())));
      }
    }
    if (settings.on(TriggerKind.BIRTHDAY) && state.birthDay() != CustomerState.NONE) {
      LocalDate birthday = lastYearly(LocalDate.ofEpochDay(state.birthDay()), today);
      if (birthday != null && today - birthday.toEpochDay() <= CATCH_UP_DAYS) {
        // Only the day celebrated: the birth date and the age stay out of the payload.
        due.add(
            new Due(
                TriggerKind.BIRTHDAY,
                firingId(TriggerKind.BIRTHDAY, id, "y" + birthday.getYear()),
                (int) birthday.toEpochDay(),
                details("birthday_on", birthday.toString())));
      }
    }
    if (settings.on(TriggerKind.POINTS_EXPIRING)
        && state.oldestPointsLotDay() != CustomerState.NONE) {
      int within = settings.pointsExpiringDays();
      // The same reading as the churn feature points_expiring_30: overdue lots count as expiring.
      long points = state.pointsEarnedUpTo(today + within - CustomerState.POINTS_VALID_DAYS);
      int expiry = state.oldestPointsLotDay() + CustomerState.POINTS_VALID_DAYS;
      if (points > 0 && today - expiry <= CATCH_UP_DAYS) {
        due.add(
            new Due(
                TriggerKind.POINTS_EXPIRING,
                firingId(TriggerKind.POINTS_EXPIRING, id, "d" + expiry),
                expiry,
                details(
                    "points_expiring", points,
                    "expires_on", date(expiry),
                    "within_days", within)));
      }
    }
    if (settings.on(TriggerKind.TIER_DOWNGRADE_AHEAD) && state.tierRank() > 0) {
      int since =
          state.signupDay() != CustomerState.NONE ? state.signupDay() : state.firstPurchaseDay();
      if (since != CustomerState.NONE && since <= today) {
        int review = nextAnniversary(since, today);
        int within = settings.downgradeAheadDays();
        if (review - today <= within) {
          double counted = netSpend(state, review - 365, today);
          double keep = TierLadder.spendToKeep(state.tierRank());
          double needed = keep - counted;
          if (needed > 0) {
            due.add(
                new Due(
                    TriggerKind.TIER_DOWNGRADE_AHEAD,
                    firingId(TriggerKind.TIER_DOWNGRADE_AHEAD, id, "d" + review),
                    review,
                    details(
                        "tier", TierLadder.name(state.tierRank()),
                        "review_date", date(review),
                        "spend_to_keep", keep,
                        "spend_counted", counted,
                        "spend_needed", needed,
                        "within_days", within)));
          }
        }
      }
    }
    due.sort(Comparator.comparing(Due::kind));
    return List.copyOf(due);
  }

  /**
   * The latest return of {@code origin}'s day of the year on or before {@code today}, a 29 February
   * falling on 28 February in other years; null before its first return (one year after it).
   */
  static LocalDate lastYearly(LocalDate origin, int today) {
    LocalDate now = LocalDate.ofEpochDay(today);
    // withYear, not Period: 2000-02-29 to 2001-02-28 is 11 months and 30 days, not a year.
    LocalDate day = origin.withYear(now.getYear());
    if (day.isAfter(now)) {
      day = origin.withYear(now.getYear() - 1);
    }
    return day.getYear() > origin.getYear() ? day : null;
  }

  /** {@code <kind>:<customer>:<period>}. */
  public static String firingId(TriggerKind kind, String customerId, String period) {
    return kind.wireName() + ":" + customerId + ":" + period;
  }

  /** The first anniversary of {@code since} on or after {@code today} (today itself included). */
  static int nextAnniversary(int since, int today) {
    LocalDate start = LocalDate.ofEpochDay(since);
    LocalDate now = LocalDate.ofEpochDay(today);
    int years = Math.max(1, Period.between(start, now).getYears());
    LocalDate next = start.plusYears(years);
    while (next.isBefore(now)) {
      years++;
      next = start.plusYears(years);
    }
    return (int) next.toEpochDay();
  }

  /** Net spend (spend minus returns) on the days after {@code fromExclusive} up to {@code to}. */
  private static double netSpend(CustomerState state, int fromExclusive, int to) {
    double net = 0;
    DayBuckets days = state.days();
    for (int i = days.firstAfter(fromExclusive); i < days.size() && days.day(i) <= to; i++) {
      net += days.get(i, DailyCounter.SPEND) - days.get(i, DailyCounter.RETURN_AMOUNT);
    }
    return net;
  }

  private static String date(int epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }

  private static Map<String, Object> details(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
