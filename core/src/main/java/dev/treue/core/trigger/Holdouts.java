package dev.treue.core.trigger;

import java.util.Map;

/**
 * Every tenant's control group: the ones configured, and {@link Holdout#NONE} (nobody held out) for
 * the rest. Trigger deliveries and reward issues ask it whether a member is held out.
 *
 * @param byTenant the configured groups by tenant id
 */
public record Holdouts(Map<String, Holdout> byTenant) {
  /** Nobody held out anywhere. */
  public static final Holdouts NONE = new Holdouts(Map.of());

  public Holdouts {
    byTenant = Map.copyOf(byTenant);
  }

  /** The tenant's control group; {@link Holdout#NONE} when none is configured. */
  public Holdout of(String tenant) {
    return byTenant.getOrDefault(tenant, Holdout.NONE);
  }

  /** True when the member of that tenant is held out: contacts to them are suppressed. */
  public boolean heldOut(String tenant, String customerId) {
    return of(tenant).heldOut(customerId);
  }
}
