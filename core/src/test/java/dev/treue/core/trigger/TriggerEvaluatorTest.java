package dev.treue.core.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerEvaluatorTest {
  private static final long DAY = 86_400_000L;
  private static final TriggerSettings ALL_ON =
      new TriggerSettings(EnumSet.allOf(TriggerKind.class), 0.7, 0.5, List.of(2L, 3L), 100, 30, 30);

  private int next;

  private LoyaltyEvent event(EventType type, double amount, long points, String category) {
    next++;
    return new LoyaltyEvent(
        "e" + next, "m1", (20_000 + next) * DAY, type, amount, points, category, null, null);
  }

  private CustomerState after(CustomerState before, LoyaltyEvent e) {
    CustomerState s = before.copy();
    s.apply(e);
    return s;
  }

  /** Feeds one churn probability per event and counts churn_risk_crossed firings. */
  private int churnFirings(double... probabilities) {
    TriggerMemory memory = TriggerMemory.ARMED;
    CustomerState state = new CustomerState("m1");
    int fired = 0;
    for (double p : probabilities) {
      CustomerState next = after(state, event(EventType.APP_SESSION, 0, 0, null));
      TriggerEvaluator.Evaluation ev = TriggerEvaluator.evaluate(ALL_ON, state, next, p, memory);
      fired +=
          (int) ev.fired().stream().filter(f -> f.kind() == TriggerKind.CHURN_RISK_CROSSED).count();
      memory = ev.memory();
      state = next;
    }
    return fired;
  }

  @Test
  void overUnderTheRearmLineAndOverAgainFiresTwice() {
    assertEquals(2, churnFirings(0.2, 0.75, 0.8, 0.9, 0.4, 0.3, 0.72, 0.95));
  }

  @Test
  void dippingBelowTheThresholdButNotBelowTheRearmLineDoesNotFireAgain() {
    assertEquals(1, churnFirings(0.71, 0.65, 0.55, 0.74, 0.69, 0.8));
  }

  @Test
  void staysUnfiredBelowTheThresholdAndFiresExactlyAtIt() {
    assertEquals(0, churnFirings(0.1, 0.69, 0.6));
    assertEquals(1, churnFirings(0.7));
  }

  @Test
  void unscoredFoldsLeaveTheMemoryAlone() {
    assertEquals(1, churnFirings(0.8, Double.NaN, 0.8, Double.NaN));
    TriggerEvaluator.Evaluation ev =
        TriggerEvaluator.evaluate(
            ALL_ON, null, new CustomerState("m1"), Double.NaN, new TriggerMemory(true));
    assertTrue(ev.memory().churnAbove());
  }

  @Test
  void theMemoryMovesEvenWhenTheKindIsOff() {
    // Switching the kind on later must not fire for a member already above the threshold.
    TriggerSettings off = ALL_ON.with(TriggerKind.CHURN_RISK_CROSSED, false);
    CustomerState s = new CustomerState("m1");
    TriggerEvaluator.Evaluation ev =
        TriggerEvaluator.evaluate(off, null, s, 0.9, TriggerMemory.ARMED);
    assertEquals(List.of(), ev.fired());
    assertTrue(ev.memory().churnAbove());
  }

  @Test
  void firstPurchaseMilestonesTierAndBalanceFireOnceWhenCrossed() {
    CustomerState s = new CustomerState("m1");
    List<String> fired = new ArrayList<>();
    List<LoyaltyEvent> events =
        List.of(
            event(EventType.APP_SESSION, 0, 0, null),
            event(EventType.PURCHASE, 20, 0, "grocery"),
            event(EventType.POINTS_EARNED, 0, 60, null),
            event(EventType.PURCHASE, 20, 0, "grocery"),
            event(EventType.POINTS_EARNED, 0, 60, null),
            event(EventType.PURCHASE, 20, 0, "grocery"),
            event(EventType.PURCHASE, 20, 0, "grocery"),
            event(EventType.POINTS_EARNED, 0, 60, null),
            event(EventType.TIER_CHANGE, 0, 0, "silver"));
    TriggerMemory memory = TriggerMemory.ARMED;
    for (LoyaltyEvent e : events) {
      CustomerState next = after(s, e);
      TriggerEvaluator.Evaluation ev = TriggerEvaluator.evaluate(ALL_ON, s, next, 0.1, memory);
      ev.fired().forEach(f -> fired.add(e.eventId() + ":" + f.kind().wireName() + ":" + f.part()));
      memory = ev.memory();
      s = next;
    }
    assertEquals(
        List.of(
            "e2:first_purchase:null",
            "e4:purchase_milestone:n2",
            "e5:points_balance_reached:null",
            "e6:purchase_milestone:n3",
            "e9:tier_changed:null"),
        fired);
  }

  @Test
  void aBatchCrossingTwoMilestonesFiresBoth() {
    CustomerState s = new CustomerState("m1");
    CustomerState next = s.copy();
    for (int i = 0; i < 3; i++) {
      next.apply(event(EventType.PURCHASE, 10, 0, "grocery"));
    }
    List<String> parts =
        TriggerEvaluator.evaluate(ALL_ON, s, next, Double.NaN, TriggerMemory.ARMED).fired().stream()
            .map(f -> f.kind().wireName() + ":" + f.part())
            .toList();
    assertEquals(
        List.of("first_purchase:null", "purchase_milestone:n2", "purchase_milestone:n3"), parts);
  }

  @Test
  void settingsReadFromConfigurationNameTheBadField() {
    TriggerSettings s =
        TriggerSettings.fromMap(
            Map.of(
                "first_purchase", Map.of("enabled", true),
                "churn_risk_crossed", Map.of("enabled", true, "threshold", 0.8, "rearm_below", 0.6),
                "purchase_milestone", Map.of("purchases", List.of(5, 10))),
            TriggerSettings.DEFAULTS);
    assertEquals(
        EnumSet.of(TriggerKind.FIRST_PURCHASE, TriggerKind.CHURN_RISK_CROSSED), s.enabled());
    assertEquals(0.8, s.churnThreshold());
    assertEquals(List.of(5L, 10L), s.purchaseMilestones());
    assertEquals(false, s.toMap().get("purchase_milestone").get("enabled"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TriggerSettings.fromMap(
                    Map.of("churn_risk_crossed", Map.of("rearm_below", 0.9)),
                    TriggerSettings.DEFAULTS));
    assertTrue(e.getMessage().startsWith("churn_risk_crossed.rearm_below"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TriggerSettings.fromMap(Map.of("birthdays", Map.of()), TriggerSettings.DEFAULTS));
    assertTrue(e.getMessage().contains("birthdays"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TriggerSettings.fromMap(
                    Map.of("first_purchase", Map.of("enabled", "yes")), TriggerSettings.DEFAULTS));
    assertTrue(e.getMessage().startsWith("first_purchase.enabled"), e.getMessage());
  }

  @Test
  void firingsSurviveTheOutboxRoundTrip() {
    Firing f =
        new Firing(
            Firing.id(TriggerKind.FIRST_PURCHASE, "m1", 3, java.time.Instant.ofEpochMilli(5), null),
            TriggerKind.FIRST_PURCHASE,
            "m1",
            java.time.Instant.parse("2026-12-05T06:00:00Z"),
            false,
            "{\"churn_probability\":0.2}");
    assertEquals(f, Firing.decode(f.encode()));
    assertEquals("first_purchase:m1:r3.5", f.firingId());
    assertEquals("2026-12-05T06:00:00Z", f.fields().get("fired_at"));
    assertEquals("false", f.fields().get("held_out"));
  }
}
