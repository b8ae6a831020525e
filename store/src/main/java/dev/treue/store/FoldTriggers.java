package dev.treue.store;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.trigger.Firing;
import dev.treue.core.trigger.TriggerMemory;
import java.util.List;

/**
 * What a fold fires: called by {@link MemberEventWriter} on every compare-and-set attempt that
 * changes the state, before the write, so the firings and the new {@link TriggerMemory} are written
 * in the same script as the state (the member's outbox, {@link RedisKeys#memberOutbox}).
 */
@FunctionalInterface
public interface FoldTriggers {
  /** Fires nothing and leaves the member's trigger memory unread and unwritten. */
  FoldTriggers NONE = (before, after, memory) -> new Outcome(List.of(), memory);

  /**
   * @param before a copy of the member's state before the fold, or null for a member the fold creates
   * @param after the state about to be written (its revision is the new one)
   * @param memory what the member's triggers remember before the fold
   */
  Outcome fire(CustomerState before, StoredState after, TriggerMemory memory);

  /**
   * @param firings to record in the member's outbox with the state
   * @param memory to store with the state
   */
  record Outcome(List<Firing> firings, TriggerMemory memory) {
    public Outcome {
      firings = List.copyOf(firings);
    }
  }
}
