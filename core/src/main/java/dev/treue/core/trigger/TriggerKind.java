package dev.treue.core.trigger;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of trigger a tenant can switch on; each firing on the tenant's trigger stream names one
 * by its {@link #wireName()}, and webhook subscriptions list the kinds they want.
 */
public enum TriggerKind {
  /** The churn probability rose through the tenant's threshold (re-armed below a lower one). */
  CHURN_RISK_CROSSED,
  /** The member became lapsed. */
  BECAME_LAPSED,
  /** The member's first purchase (welcome). */
  FIRST_PURCHASE,
  /** The member's Nth purchase. */
  PURCHASE_MILESTONE,
  /** The anniversary of the member's enrolment. */
  MEMBERSHIP_ANNIVERSARY,
  /** The member's birthday (with consent). */
  BIRTHDAY,
  /** The member's tier changed. */
  TIER_CHANGED,
  /** The member will lose the tier at the review date without more spend. */
  TIER_DOWNGRADE_AHEAD,
  /** Points expire within the tenant's horizon. */
  POINTS_EXPIRING,
  /** The member's points balance reached the tenant's level. */
  POINTS_BALANCE_REACHED;

  /** The name on the wire and in configuration, e.g. {@code churn_risk_crossed}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kind a wire name stands for.
   *
   * @throws IllegalArgumentException naming the allowed values when it stands for none
   */
  public static TriggerKind fromWire(String name) {
    for (TriggerKind k : values()) {
      if (k.wireName().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "trigger kind '" + name + "' is not known (expected one of " + wireNames() + ")");
  }

  /** Every wire name, comma separated, for messages. */
  public static String wireNames() {
    return Arrays.stream(values()).map(TriggerKind::wireName).collect(Collectors.joining(", "));
  }
}
