package dev.treue.core.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeTriggerEvaluatorTest {
  private static final long DAY = 86_400_000L;
  private static final int SIGNUP = (int) LocalDate.of(2024, 3, 10).toEpochDay();

  private int next;

  private static TriggerSettings only(TriggerKind kind) {
    return TriggerSettings.DEFAULTS.with(kind, true);
  }

  private CustomerState member(String tier) {
    return CustomerState.of(new Member("m1", SIGNUP, tier, CustomerState.NONE, "s", "web", true));
  }

  private void add(CustomerState s, int day, EventType type, double amount, long points) {
    next++;
    s.apply(
        new LoyaltyEvent("e" + next, "m1", day * DAY, type, amount, points, "food", null, null));
  }

  private static List<String> ids(CustomerState s, int today, TriggerSettings settings) {
    return TimeTriggerEvaluator.evaluate(s, today, settings, 365).stream()
        .map(TimeTriggerEvaluator.Due::firingId)
        .toList();
  }

  @Test
  void becameLapsedFiresFromTheLapseDayWithOneIdAndNotForLongLapsedMembers() {
    CustomerState s = member("basic");
    int last = SIGNUP + 5;
    add(s, last, EventType.PURCHASE, 20, 0);
    TriggerSettings on = only(TriggerKind.BECAME_LAPSED);
    assertEquals(List.of(), ids(s, last + 364, on), "still active on the last day of the window");
    String id = "became_lapsed:m1:d" + (last + 365);
    assertEquals(List.of(id), ids(s, last + 365, on));
    assertEquals(List.of(id), ids(s, last + 365 + TimeTriggerEvaluator.CATCH_UP_DAYS), "catch-up");
    assertEquals(List.of(), ids(s, last + 366 + TimeTriggerEvaluator.CATCH_UP_DAYS, on));
    assertEquals(List.of(), ids(s, last + 365, TriggerSettings.DEFAULTS), "off");
    assertEquals(List.of(), ids(member("basic"), last + 365, on), "never purchased is not lapsed");
  }

  private List<String> ids(CustomerState s, int today) {
    return ids(s, today, only(TriggerKind.BECAME_LAPSED));
  }

  @Test
  void anniversaryFiresOncePerYearFromTheSignupDay() {
    CustomerState s = member("basic");
    TriggerSettings on = only(TriggerKind.MEMBERSHIP_ANNIVERSARY);
    int first = (int) LocalDate.of(2025, 3, 10).toEpochDay();
    assertEquals(List.of(), ids(s, first - 1, on));
    assertEquals(List.of("membership_anniversary:m1:y2025"), ids(s, first, on));
    assertEquals(List.of("membership_anniversary:m1:y2025"), ids(s, first + 3, on));
    assertEquals(List.of(), ids(s, first + 30, on));
    int second = (int) LocalDate.of(2026, 3, 10).toEpochDay();
    List<TimeTriggerEvaluator.Due> due = TimeTriggerEvaluator.evaluate(s, second, on, 365);
    assertEquals("membership_anniversary:m1:y2026", due.get(0).firingId());
    assertEquals(2, due.get(0).details().get("years"));
    assertEquals(List.of(), ids(s, SIGNUP, on), "the signup day itself is no anniversary");
  }

  @Test
  void pointsExpiringFiresForTheOldestLotWithinTheWindowAndMovesOnWhenItIsSpent() {
    CustomerState s = member("basic");
    TriggerSettings on = only(TriggerKind.POINTS_EXPIRING); // within 30 days
    add(s, SIGNUP + 10, EventType.POINTS_EARNED, 0, 100);
    add(s, SIGNUP + 40, EventType.POINTS_EARNED, 0, 50);
    int expiry = SIGNUP + 10 + CustomerState.POINTS_VALID_DAYS;
    assertEquals(List.of(), ids(s, expiry - 31, on));
    List<TimeTriggerEvaluator.Due> due = TimeTriggerEvaluator.evaluate(s, expiry - 30, on, 365);
    assertEquals(
        List.of("points_expiring:m1:d" + expiry), due.stream().map(d -> d.firingId()).toList());
    assertEquals(100L, due.get(0).details().get("points_expiring"));
    assertEquals(List.of("points_expiring:m1:d" + expiry), ids(s, expiry - 1, on));
    add(s, expiry - 1, EventType.POINTS_REDEEMED, 0, 100);
    int nextExpiry = SIGNUP + 40 + CustomerState.POINTS_VALID_DAYS;
    assertEquals(List.of(), ids(s, expiry - 1, on), "the next lot is not within 30 days yet");
    assertEquals(List.of("points_expiring:m1:d" + nextExpiry), ids(s, nextExpiry - 30, on));
    assertEquals(
        List.of("points_expiring:m1:d" + nextExpiry),
        ids(s, nextExpiry - 30, on.with(TriggerKind.POINTS_EXPIRING, true)));
  }

  @Test
  void tierDowngradeAheadNamesTheSpendStillNeededBeforeTheAnniversaryReview() {
    CustomerState s = member("silver"); // keeping silver needs 500
    TriggerSettings on = only(TriggerKind.TIER_DOWNGRADE_AHEAD); // within 30 days
    int review = (int) LocalDate.of(2025, 3, 10).toEpochDay();
    add(s, review - 365, EventType.PURCHASE, 100, 0); // outside the 365 days ending on the review
    add(s, review - 100, EventType.PURCHASE, 300, 0);
    add(s, review - 50, EventType.RETURN, 20, 0);
    assertEquals(List.of(), ids(s, review - 31, on), "review not within 30 days");
    List<TimeTriggerEvaluator.Due> due = TimeTriggerEvaluator.evaluate(s, review - 30, on, 365);
    assertEquals(
        List.of("tier_downgrade_ahead:m1:d" + review),
        due.stream().map(d -> d.firingId()).toList());
    assertEquals(280.0, due.get(0).details().get("spend_counted"));
    assertEquals(220.0, due.get(0).details().get("spend_needed"));
    assertEquals("2025-03-10", due.get(0).details().get("review_date"));
    add(s, review - 10, EventType.PURCHASE, 220, 0);
    assertEquals(List.of(), ids(s, review - 10, on), "enough spend: no warning");
    assertEquals(List.of(), ids(member("basic"), review - 5, on), "basic cannot be downgraded");
  }

  private static CustomerState born(String id, LocalDate birth, LocalDate signup) {
    return CustomerState.of(
        new Member(
            id, (int) signup.toEpochDay(), "basic", (int) birth.toEpochDay(), null, "web", true));
  }

  private static int day(int year, int month, int dayOfMonth) {
    return (int) LocalDate.of(year, month, dayOfMonth).toEpochDay();
  }

  @Test
  void birthdayFiresOnTheDayOncePerYearWithCatchUpAndOnlyTheDayInThePayload() {
    CustomerState s = born("m1", LocalDate.of(1990, 7, 14), LocalDate.of(2020, 1, 1));
    TriggerSettings on = only(TriggerKind.BIRTHDAY);
    assertEquals(List.of(), ids(s, day(2024, 7, 13), on), "the day before");
    List<TimeTriggerEvaluator.Due> due =
        TimeTriggerEvaluator.evaluate(s, day(2024, 7, 14), on, 365);
    assertEquals(1, due.size());
    assertEquals("birthday:m1:y2024", due.get(0).firingId());
    assertEquals(day(2024, 7, 14), due.get(0).periodDay());
    assertEquals(java.util.Map.of("birthday_on", "2024-07-14"), due.get(0).details());
    assertEquals(
        List.of("birthday:m1:y2024"),
        ids(s, day(2024, 7, 14) + TimeTriggerEvaluator.CATCH_UP_DAYS, on),
        "a stopped sweep catches up");
    assertEquals(
        List.of(), ids(s, day(2024, 7, 15) + TimeTriggerEvaluator.CATCH_UP_DAYS, on), "not later");
    assertEquals(List.of("birthday:m1:y2025"), ids(s, day(2025, 7, 14), on));
    assertEquals(List.of(), ids(s, day(2024, 7, 14), TriggerSettings.DEFAULTS), "off");
    assertEquals(List.of(), ids(member("basic"), day(2024, 7, 14), on), "no birth date");
    CustomerState baby = born("m2", LocalDate.of(2024, 7, 14), LocalDate.of(2024, 7, 14));
    assertEquals(List.of(), ids(baby, day(2024, 7, 14), on), "the birth itself is no birthday");
  }

  @Test
  void aTwentyNinthOfFebruaryBirthdayOrSignupFallsOnTheTwentyEighthInOtherYears() {
    CustomerState s = born("m1", LocalDate.of(1996, 2, 29), LocalDate.of(2020, 2, 29));
    TriggerSettings both =
        TriggerSettings.DEFAULTS
            .with(TriggerKind.BIRTHDAY, true)
            .with(TriggerKind.MEMBERSHIP_ANNIVERSARY, true);
    assertEquals(List.of(), ids(s, day(2023, 2, 27), both));
    List<TimeTriggerEvaluator.Due> due =
        TimeTriggerEvaluator.evaluate(s, day(2023, 2, 28), both, 365);
    assertEquals(
        List.of("membership_anniversary:m1:y2023", "birthday:m1:y2023"),
        due.stream().map(TimeTriggerEvaluator.Due::firingId).toList());
    assertEquals(day(2023, 2, 28), due.get(0).periodDay());
    assertEquals(3, due.get(0).details().get("years"));
    assertEquals(day(2023, 2, 28), due.get(1).periodDay());
    assertEquals(
        List.of("membership_anniversary:m1:y2024", "birthday:m1:y2024"),
        ids(s, day(2024, 2, 29), both),
        "on the 29th in a leap year");
    assertEquals(
        List.of(),
        ids(
            born("m3", LocalDate.of(2000, 2, 29), LocalDate.of(2000, 2, 29)),
            day(2000, 3, 1),
            both),
        "nothing before the first year is over");
  }

  @Test
  void everyKindOnGivesOneFiringPerKindInKindOrderAndNothingForBirthday() {
    CustomerState s = member("gold");
    int today = (int) LocalDate.of(2025, 3, 10).toEpochDay();
    add(s, today - 365 - 365 + 3, EventType.POINTS_EARNED, 0, 10);
    TriggerSettings all =
        new TriggerSettings(EnumSet.allOf(TriggerKind.class), 0.7, 0.6, List.of(10L), 1000, 30, 30);
    List<TimeTriggerEvaluator.Due> due = TimeTriggerEvaluator.evaluate(s, today, all, 365);
    List<TriggerKind> kinds = due.stream().map(TimeTriggerEvaluator.Due::kind).toList();
    assertEquals(
        List.of(TriggerKind.MEMBERSHIP_ANNIVERSARY, TriggerKind.TIER_DOWNGRADE_AHEAD),
        kinds,
        "the points lot expired more than the catch-up days ago");
    assertTrue(kinds.stream().noneMatch(k -> k.eventDriven() || k == TriggerKind.BIRTHDAY));
  }
}
