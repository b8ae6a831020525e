package dev.treue.core.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiringHistoryTest {
  private static final long DAY = 86_400_000L;
  private static final int SIGNUP = (int) LocalDate.of(2024, 3, 10).toEpochDay();
  private static final Member MEMBER =
      new Member("m1", SIGNUP, "basic", CustomerState.NONE, "s", "web", true);

  private final List<LoyaltyEvent> events = new ArrayList<>();

  private long purchase(int day, int hour) {
    long ts = day * DAY + hour * 3_600_000L;
    events.add(
        new LoyaltyEvent(
            "e" + events.size(), "m1", ts, EventType.PURCHASE, 20, 20, "food", null, null));
    return ts;
  }

  private Map<TriggerKind, Long> fired(TriggerKind kind, int from, int to, int activeDays) {
    events.sort(LoyaltyEvent.REPLAY_ORDER);
    return FiringHistory.firstFirings(
        MEMBER, events, TriggerSettings.DEFAULTS.with(kind, true), activeDays, from, to);
  }

  @Test
  void anEventDrivenKindFiresAtTheEventThatCrossedItAndOnlyInThePeriod() {
    long first = purchase(SIGNUP + 20, 9);
    assertEquals(
        Map.of(TriggerKind.FIRST_PURCHASE, first),
        fired(TriggerKind.FIRST_PURCHASE, SIGNUP + 10, SIGNUP + 30, 365));
    assertTrue(fired(TriggerKind.FIRST_PURCHASE, SIGNUP + 21, SIGNUP + 60, 365).isEmpty());
    assertTrue(fired(TriggerKind.FIRST_PURCHASE, SIGNUP, SIGNUP + 19, 365).isEmpty());
    for (int i = 1; i < 10; i++) {
      purchase(SIGNUP + 20 + i, 9);
    }
    long tenth = events.get(9).tsMillis();
    assertEquals(
        Map.of(TriggerKind.PURCHASE_MILESTONE, tenth),
        fired(TriggerKind.PURCHASE_MILESTONE, SIGNUP, SIGNUP + 60, 365));
  }

  @Test
  void aTimeDrivenKindFiresOnItsDayAndAMomentCaughtUpFromBeforeThePeriodDoesNotCount() {
    int anniversary = (int) LocalDate.of(2025, 3, 10).toEpochDay();
    assertEquals(
        Map.of(TriggerKind.MEMBERSHIP_ANNIVERSARY, anniversary * DAY - 1),
        fired(TriggerKind.MEMBERSHIP_ANNIVERSARY, anniversary - 5, anniversary + 5, 365));
    // the service fired it on its day, before the period; the catch-up days inside do not fire it
    // again
    assertTrue(
        fired(TriggerKind.MEMBERSHIP_ANNIVERSARY, anniversary + 1, anniversary + 5, 365).isEmpty());
    purchase(SIGNUP + 3, 12);
    int lapse = SIGNUP + 3 + 30;
    assertEquals(
        Map.of(TriggerKind.BECAME_LAPSED, lapse * DAY - 1),
        fired(TriggerKind.BECAME_LAPSED, SIGNUP, SIGNUP + 100, 30));
    purchase(lapse + 2, 12);
    // lapsed on day lapse, came back two days later: the second lapse is another firing, not the
    // first
    assertEquals(
        Map.of(TriggerKind.BECAME_LAPSED, (lapse + 32) * DAY - 1),
        fired(TriggerKind.BECAME_LAPSED, lapse + 1, SIGNUP + 100, 30));
  }

  @Test
  void aBirthdayFiresOnItsDayAndAMemberWithoutConsentFiresNothing() {
    int born = (int) LocalDate.of(1990, 7, 4).toEpochDay();
    int birthday = (int) LocalDate.of(2025, 7, 4).toEpochDay();
    Member withBirthDate = new Member("m1", SIGNUP, "basic", born, "s", "web", true);
    TriggerSettings on = TriggerSettings.DEFAULTS.with(TriggerKind.BIRTHDAY, true);
    assertEquals(
        Map.of(TriggerKind.BIRTHDAY, birthday * DAY - 1),
        FiringHistory.firstFirings(withBirthDate, events, on, 365, birthday - 3, birthday + 3));
    purchase(SIGNUP + 1, 10);
    Member optedOut = new Member("m1", SIGNUP, "basic", born, "s", "web", false);
    TriggerSettings all = on.with(TriggerKind.FIRST_PURCHASE, true);
    assertTrue(FiringHistory.firstFirings(optedOut, events, all, 365, SIGNUP, birthday).isEmpty());
  }

  @Test
  void churnRiskCrossedNeedsScoresAndIsNeverReplayed() {
    for (int i = 0; i < 5; i++) {
      purchase(SIGNUP + i, 10);
    }
    assertTrue(fired(TriggerKind.CHURN_RISK_CROSSED, SIGNUP, SIGNUP + 400, 30).isEmpty());
  }
}
