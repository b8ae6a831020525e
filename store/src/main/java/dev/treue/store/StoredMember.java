package dev.treue.store;

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
}
