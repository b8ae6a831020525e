package dev.treue.training.triggers;

import dev.treue.core.trigger.Holdout;
import dev.treue.core.trigger.TriggerKind;
import dev.treue.core.trigger.TriggerSettings;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * What one sweep evaluates, shipped to every executor.
 *
 * @param triggers the tenant's trigger settings (only the time-driven kinds matter here)
 * @param holdout the tenant's control group: its members' firings are recorded {@code held_out}
 * @param asOfDay the epoch day evaluated; each member's history is replayed to its end
 * @param activeDays the activity window of {@code MemberStatus} (the served model's {@code
 *     active_days})
 * @param firedAt every firing's {@code fired_at}: when the sweep started
 */
public record SweepSettings(
    TriggerSettings triggers, Holdout holdout, int asOfDay, int activeDays, Instant firedAt)
    implements Serializable {

  public SweepSettings {
    if (activeDays < 1) {
      throw new IllegalArgumentException("active days must be at least 1, was " + activeDays);
    }
  }

  /** The time-driven kinds that are on, in {@link TriggerKind} order. */
  public List<TriggerKind> timeDrivenKinds() {
    return triggers.enabled().stream().filter(k -> !k.eventDriven()).sorted().toList();
  }
}
