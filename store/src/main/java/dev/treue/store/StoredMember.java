package dev.treue.store;

import dev.treue.core.customer.CustomerState;

/**
 * What one read of a member finds: the stored state (null when the member is unknown) and whether
 * the member opted out of profiling. Missing is a result, not an exception.
 *
 * @param customerId the member id asked for
 * @param state the stored state, or null when Redis holds none
 * @param optedOut true when the opt-out marker is set
 */
public record StoredMember(String customerId, StoredState state, boolean optedOut) {

  /** True when Redis holds a state for the member. */
  public boolean known() {
    return state != null;
  }

  /** The member's folded state (every stored event in time order), or null when the member is unknown. */
  public CustomerState customerState() {
    return state == null ? null : state.state();
  }
}
