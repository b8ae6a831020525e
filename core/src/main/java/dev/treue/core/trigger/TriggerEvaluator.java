package dev.treue.core.trigger;

import dev.treue.core.customer.CustomerState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which event-driven triggers a fold fires, from the member's state before and after it,
 * their churn probability after it and what their triggers remember. Pure: the caller records the
 * firings and the new memory atomically with the state.
 *
 * <p>{@link TriggerKind#CHURN_RISK_CROSSED} has hysteresis: it fires when the probability is at or
 * above the threshold while armed, and is then disarmed until the probability falls below the re-arm
 * line, so a member hovering around the threshold fires once, not on every event. A member the
 * model does not score (lapsed, never purchased, no model) leaves the memory as it is.
 */
public final class TriggerEvaluator {
  private TriggerEvaluator() {}

  /**
   * One trigger that fires.
   *
   * @param kind what fired
   * @param part a suffix telling apart firings of one kind in one fold (the milestone), or null
   * @param details the kind's own payload fields
   */
  public record Fired(TriggerKind kind, String part, Map<String, Object> details) {}

  /**
   * What a fold fires and what the member's triggers remember after it.
   *
   * @param fired the firings, in {@link TriggerKind} order
   * @param memory the memory to store with the new state
   */
  public record Evaluation(List<Fired> fired, TriggerMemory memory) {
    /** True when the memory must be written (it changed). */
    public boolean memoryChanged(TriggerMemory before) {
      return !memory.equals(before);
    }
  }

  /**
   * @param before the member's state before the fold, or null for a member the fold creates
   * @param after the state after the fold
   * @param churnProbability the churn probability of {@code after}, NaN when the member is not scored
   * @param memory what the member's triggers remembered before the fold
   */
  public static Evaluation evaluate(
      TriggerSettings settings,
      CustomerState before,
      CustomerState after,
      double churnProbability,
      TriggerMemory memory) {
    List<Fired> fired = new ArrayList<>();
    boolean above = memory.churnAbove();
    if (!Double.isNaN(churnProbability)) {
      if (!above && churnProbability >= settings.churnThreshold()) {
        above = true;
        if (settings.on(TriggerKind.CHURN_RISK_CROSSED)) {
          fired.add(
              new Fired(
                  TriggerKind.CHURN_RISK_CROSSED,
                  null,
                  details(
                      "threshold",
                      settings.churnThreshold(),
                      "rearm_below",
                      settings.churnRearmBelow())));
        }
      } else if (above && churnProbability < settings.churnRearmBelow()) {
        above = false;
      }
    }
    long purchasesBefore = before == null ? 0 : before.purchases();
    long purchasesAfter = after.purchases();
    if (settings.on(TriggerKind.FIRST_PURCHASE) && purchasesBefore == 0 && purchasesAfter > 0) {
      fired.add(new Fired(TriggerKind.FIRST_PURCHASE, null, details("purchases", purchasesAfter)));
    }
    if (settings.on(TriggerKind.PURCHASE_MILESTONE)) {
      for (long n : settings.purchaseMilestones()) {
        if (purchasesBefore < n && purchasesAfter >= n) {
          fired.add(
              new Fired(
                  TriggerKind.PURCHASE_MILESTONE,
                  "n" + n,
                  details("milestone", n, "purchases", purchasesAfter)));
        }
      }
    }
    if (settings.on(TriggerKind.TIER_CHANGED)
        && before != null
        && before.tierRank() != after.tierRank()) {
      fired.add(
          new Fired(
              TriggerKind.TIER_CHANGED,
              null,
              details(
                  "tier_rank_before",
                  before.tierRank(),
                  "tier_rank_after",
                  after.tierRank(),
                  "direction",
                  after.tierRank() > before.tierRank() ? "up" : "down")));
    }
    long balance = settings.pointsBalance();
    long balanceBefore = before == null ? 0 : before.pointsBalance();
    if (settings.on(TriggerKind.POINTS_BALANCE_REACHED)
        && balanceBefore < balance
        && after.pointsBalance() >= balance) {
      fired.add(
          new Fired(
              TriggerKind.POINTS_BALANCE_REACHED,
              null,
              details("balance", balance, "points_balance", after.pointsBalance())));
    }
    return new Evaluation(List.copyOf(fired), new TriggerMemory(above));
  }

  private static Map<String, Object> details(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
