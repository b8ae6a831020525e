package dev.treue.core.trigger;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.time.Days;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When the service's triggers would have fired for a member, from the member's history: the history is
 * replayed through the service's own rules, {@link TriggerEvaluator} on each event as it is folded (one event
 * per fold) and {@link TimeTriggerEvaluator} once per day on the state before that day's events (the day's
 * first sweep). The uplift job ({@code ./treue uplift --trigger}) takes its population from it, so "fired"
 * means on historical data what it means in the service.
 *
 * <p>{@code churn_risk_crossed} needs the served model's score of every state and is not replayed (the
 * evaluator is given NaN, as for an unscored member). Time-driven moments are evaluated from {@link
 * TimeTriggerEvaluator#CATCH_UP_DAYS} days before the period, so a moment before it that the service caught up
 * on within the period counts as fired before the period, as it would have been. A member without profiling
 * consent fires nothing: the service stores no state for them and records no firing.
 */
public final class FiringHistory {
  private FiringHistory() {}

  /**
   * The first firing of each kind on in {@code settings} within the days {@code fromDay .. toDay}, as the
   * instant after which its outcome counts: the folded event's timestamp for an event-driven kind (the event
   * itself is not an outcome of its firing), the millisecond before the firing day for a time-driven one.
   *
   * @param sorted the member's events in {@link LoyaltyEvent#REPLAY_ORDER}
   * @param activeDays the activity window ({@code became_lapsed}), as the service's model bundle has it
   */
  public static Map<TriggerKind, Long> firstFirings(
      Member member,
      List<LoyaltyEvent> sorted,
      TriggerSettings settings,
      int activeDays,
      int fromDay,
      int toDay) {
    Map<TriggerKind, Long> first = new EnumMap<>(TriggerKind.class);
    if (!member.profilingConsent()) {
      return first;
    }
    boolean eventKinds = false;
    boolean timeKinds = false;
    for (TriggerKind k : TriggerKind.values()) {
      if (settings.on(k)) {
        eventKinds |= k.eventDriven();
        timeKinds |= !k.eventDriven();
      }
    }
    CustomerState state = CustomerState.beforeHistory(member, sorted);
    boolean exists = false;
    int start = fromDay - TimeTriggerEvaluator.CATCH_UP_DAYS;
    int i = 0;
    while (i < sorted.size() && sorted.get(i).epochDay() < start) {
      exists |= state.applyUnlessRefused(sorted.get(i)) == null;
      i++;
    }
    Set<String> seen = new HashSet<>();
    for (int day = start; day <= toDay; day++) {
      boolean present = exists || state.signupDay() <= day;
      if (timeKinds && present) {
        for (TimeTriggerEvaluator.Due due :
            TimeTriggerEvaluator.evaluate(state, day, settings, activeDays)) {
          if (seen.add(due.firingId()) && day >= fromDay) {
            first.putIfAbsent(due.kind(), day * Days.DAY_MILLIS - 1);
          }
        }
      }
      while (i < sorted.size() && sorted.get(i).epochDay() == day) {
        LoyaltyEvent e = sorted.get(i++);
        CustomerState before = eventKinds && present ? state.copy() : null;
        if (state.applyUnlessRefused(e) != null) {
          continue;
        }
        exists = true;
        if (eventKinds && day >= fromDay) {
          for (TriggerEvaluator.Fired f :
              TriggerEvaluator.evaluate(settings, before, state, Double.NaN, TriggerMemory.ARMED)
                  .fired()) {
            first.putIfAbsent(f.kind(), e.tsMillis());
          }
        }
      }
    }
    return first;
  }
}
