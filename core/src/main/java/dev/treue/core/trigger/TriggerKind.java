package dev.treue.core.trigger;

import java.util.Locale;

/**
 * The moments a programme can act on. Event-driven kinds are evaluated when a posted event is folded
 * into a member's state ({@link TriggerEvaluator}); time-driven ones by a scheduled sweep.
 */
public enum TriggerKind {
  CHURN_RISK_CROSSED(true),
  BECAME_LAPSED(false),
  FIRST_PURCHASE(true),
  PURCHASE_MILESTONE(true),
  MEMBERSHIP_ANNIVERSARY(false),
  BIRTHDAY(false),
  TIER_CHANGED(true),
  TIER_DOWNGRADE_AHEAD(false),
  POINTS_EXPIRING(false),
  POINTS_BALANCE_REACHED(true);

  private final boolean eventDriven;

  TriggerKind(boolean eventDriven) {
    this.eventDriven = eventDriven;
  }

  /** True when an event fold can fire it; false when only the time-driven sweep can. */
  public boolean eventDriven() {
    return eventDriven;
  }

  /** Lower-case name used in configuration, JSON and on the firing stream. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kind of a wire name.
   *
   * @throws IllegalArgumentException naming the accepted names
   */
  public static TriggerKind fromWire(String name) {
    for (TriggerKind k : values()) {
      if (k.wireName().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown trigger kind '" + name + "'; expected one of " + wireNames());
  }

  /** Every wire name, in declaration order. */
  public static java.util.List<String> wireNames() {
    return java.util.Arrays.stream(values()).map(TriggerKind::wireName).toList();
  }
}
