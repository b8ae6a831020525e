package dev.treue.core.trigger;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tenant's triggers: which kinds are on, and each kind's parameters. Read from the service
 * configuration ({@link #fromMap}) and shown by {@code GET /v1/triggers} ({@link #toMap}).
 *
 * @param enabled the kinds that fire; every kind is off by default
 * @param churnThreshold {@link TriggerKind#CHURN_RISK_CROSSED} fires when the churn probability
 *     rises to or above this
 * @param churnRearmBelow and is re-armed only once the probability falls below this (hysteresis),
 *     strictly below the threshold
 * @param purchaseMilestones the purchase counts {@link TriggerKind#PURCHASE_MILESTONE} fires at,
 *     ascending, distinct, positive
 * @param pointsBalance the balance {@link TriggerKind#POINTS_BALANCE_REACHED} fires at when a
 *     member's balance rises to or through it
 * @param pointsExpiringDays {@link TriggerKind#POINTS_EXPIRING}: points expiring within this many
 *     days (time-driven sweep)
 * @param downgradeAheadDays {@link TriggerKind#TIER_DOWNGRADE_AHEAD}: tier review within this many
 *     days (time-driven sweep)
 */
public record TriggerSettings(
    Set<TriggerKind> enabled,
    double churnThreshold,
    double churnRearmBelow,
    List<Long> purchaseMilestones,
    long pointsBalance,
    int pointsExpiringDays,
    int downgradeAheadDays)
    implements java.io.Serializable {

  /** Every kind off, parameters at their defaults. */
  public static final TriggerSettings DEFAULTS =
      new TriggerSettings(Set.of(), 0.7, 0.6, List.of(10L, 25L, 50L, 100L), 1000, 30, 30);

  public TriggerSettings {
    Set<TriggerKind> on = EnumSet.noneOf(TriggerKind.class);
    on.addAll(enabled);
    enabled = java.util.Collections.unmodifiableSet(on);
    if (!(churnThreshold > 0 && churnThreshold <= 1)) {
      throw new IllegalArgumentException(
          "churn_risk_crossed.threshold: " + churnThreshold + " is outside (0, 1]");
    }
    if (!(churnRearmBelow >= 0 && churnRearmBelow < churnThreshold)) {
      throw new IllegalArgumentException(
          "churn_risk_crossed.rearm_below: "
              + churnRearmBelow
              + " must be at least 0 and below the threshold "
              + churnThreshold);
    }
    purchaseMilestones = List.copyOf(purchaseMilestones);
    long previous = 0;
    for (long n : purchaseMilestones) {
      if (n <= previous) {
        throw new IllegalArgumentException(
            "purchase_milestone.purchases: expected positive counts in ascending order without repeats, got "
                + purchaseMilestones);
      }
      previous = n;
    }
    if (pointsBalance < 1) {
      throw new IllegalArgumentException(
          "points_balance_reached.balance: " + pointsBalance + " must be at least 1");
    }
    if (pointsExpiringDays < 1 || pointsExpiringDays > 3650) {
      throw new IllegalArgumentException(
          "points_expiring.within_days: " + pointsExpiringDays + " is outside 1 to 3650");
    }
    if (downgradeAheadDays < 1 || downgradeAheadDays > 3650) {
      throw new IllegalArgumentException(
          "tier_downgrade_ahead.within_days: " + downgradeAheadDays + " is outside 1 to 3650");
    }
  }

  /** True when the kind fires. */
  public boolean on(TriggerKind kind) {
    return enabled.contains(kind);
  }

  /** These settings with one kind switched. */
  public TriggerSettings with(TriggerKind kind, boolean on) {
    Set<TriggerKind> next = EnumSet.noneOf(TriggerKind.class);
    next.addAll(enabled);
    if (on) {
      next.add(kind);
    } else {
      next.remove(kind);
    }
    return new TriggerSettings(
        next,
        churnThreshold,
        churnRearmBelow,
        purchaseMilestones,
        pointsBalance,
        pointsExpiringDays,
        downgradeAheadDays);
  }

  /**
   * Settings from configuration, on top of {@code base}: an object of kind wire name to an object
   * with {@code enabled} (true/false) and the kind's parameters ({@code threshold}, {@code
   * rearm_below}; {@code purchases}; {@code balance}; {@code within_days}). Kinds not named keep
   * {@code base}'s values.
   *
   * @throws IllegalArgumentException naming the field, e.g. {@code churn_risk_crossed.threshold}
   */
  public static TriggerSettings fromMap(Map<String, ?> kinds, TriggerSettings base) {
    Set<TriggerKind> on = EnumSet.noneOf(TriggerKind.class);
    on.addAll(base.enabled);
    double threshold = base.churnThreshold;
    double rearm = base.churnRearmBelow;
    List<Long> milestones = base.purchaseMilestones;
    long balance = base.pointsBalance;
    int expiringDays = base.pointsExpiringDays;
    int downgradeDays = base.downgradeAheadDays;
    for (Map.Entry<String, ?> e : kinds.entrySet()) {
      TriggerKind kind = TriggerKind.fromWire(e.getKey());
      String where = kind.wireName();
      if (!(e.getValue() instanceof Map<?, ?> params)) {
        throw new IllegalArgumentException(
            where + ": expected an object such as {\"enabled\": true}");
      }
      for (Map.Entry<?, ?> p : params.entrySet()) {
        String name = String.valueOf(p.getKey());
        Object v = p.getValue();
        String field = where + "." + name;
        switch (kind.wireName() + "." + name) {
          case "churn_risk_crossed.threshold" -> threshold = number(v, field);
          case "churn_risk_crossed.rearm_below" -> rearm = number(v, field);
          case "purchase_milestone.purchases" -> milestones = counts(v, field);
          case "points_balance_reached.balance" -> balance = whole(v, field);
          case "points_expiring.within_days" -> expiringDays = (int) whole(v, field);
          case "tier_downgrade_ahead.within_days" -> downgradeDays = (int) whole(v, field);
          default -> {
            if (!name.equals("enabled")) {
              throw new IllegalArgumentException(
                  field + ": unknown parameter; expected " + parameters(kind));
            }
            if (!(v instanceof Boolean b)) {
              throw new IllegalArgumentException(field + ": expected true or false");
            }
            if (b) {
              on.add(kind);
            } else {
              on.remove(kind);
            }
          }
        }
      }
    }
    return new TriggerSettings(
        on, threshold, rearm, milestones, balance, expiringDays, downgradeDays);
  }

  /** Every kind with {@code enabled} and its parameters, as {@link #fromMap} reads them. */
  public Map<String, Map<String, Object>> toMap() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (TriggerKind k : TriggerKind.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("enabled", on(k));
      m.put("event_driven", k.eventDriven());
      switch (k) {
        case CHURN_RISK_CROSSED -> {
          m.put("threshold", churnThreshold);
          m.put("rearm_below", churnRearmBelow);
        }
        case PURCHASE_MILESTONE -> m.put("purchases", new ArrayList<>(purchaseMilestones));
        case POINTS_BALANCE_REACHED -> m.put("balance", pointsBalance);
        case POINTS_EXPIRING -> m.put("within_days", pointsExpiringDays);
        case TIER_DOWNGRADE_AHEAD -> m.put("within_days", downgradeAheadDays);
        default -> {}
      }
      out.put(k.wireName(), m);
    }
    return out;
  }

  private static List<String> parameters(TriggerKind kind) {
    List<String> names = new ArrayList<>(List.of("enabled"));
    DEFAULTS.toMap().get(kind.wireName()).keySet().stream()
        .filter(n -> !n.equals("enabled") && !n.equals("event_driven"))
        .forEach(names::add);
    return names;
  }

  private static double number(Object v, String field) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(field + ": expected a number, got " + v);
  }

  private static long whole(Object v, String field) {
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    throw new IllegalArgumentException(field + ": expected a whole number, got " + v);
  }

  private static List<Long> counts(Object v, String field) {
    if (!(v instanceof Iterable<?> list)) {
      throw new IllegalArgumentException(field + ": expected a list of whole numbers, got " + v);
    }
    List<Long> out = new ArrayList<>();
    for (Object o : list) {
      out.add(whole(o, field));
    }
    return out;
  }
}
