package dev.treue.store;

import dev.treue.core.customer.CustomerState;
import java.util.List;

/**
 * The result of folding posted events into one member's state.
 *
 * @param customerId the member
 * @param statuses one status per posted event, in the order posted
 * @param reasons per posted event, why it was not folded ({@link EventStatus#OUT_OF_RANGE} and
 *     {@link EventStatus#TOO_LATE}), else null
 * @param state the stored state after the update (the unchanged one when nothing new was folded),
 *     null when the member is unknown and nothing was stored, or opted out
 * @param written true when a new state was written
 * @param attempts compare-and-set attempts used (1 without contention)
 */
public record EventUpdate(
    String customerId,
    List<EventStatus> statuses,
    List<String> reasons,
    StoredState state,
    boolean written,
    int attempts) {

  public EventUpdate {
    statuses = List.copyOf(statuses);
    reasons = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(reasons));
  }

  /** The member's folded state after the update, or null when nothing is stored for them. */
  public CustomerState customerState() {
    return state == null ? null : state.state();
  }

  /** Number of events with the given status. */
  public long count(EventStatus status) {
    return statuses.stream().filter(s -> s == status).count();
  }
}
