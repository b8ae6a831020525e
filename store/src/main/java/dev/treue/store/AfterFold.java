package dev.treue.store;

import redis.clients.jedis.AbstractPipeline;

/**
 * Writes that belong with a fold's new state (e.g. the member's at-risk row scored on it), sent in
 * the pipeline of the fold's compare-and-set, after it, so that they cost no round trip of their
 * own. {@link MemberEventWriter} settles them after the pipeline: confirmed when the state was
 * written, undone when it was not (the revision moved or the member opted out meanwhile), so they
 * stay exactly when the state change they belong with does.
 */
@FunctionalInterface
public interface AfterFold {
  /** Queues nothing. */
  AfterFold NONE = (pipeline, after) -> null;

  /**
   * Queues the writes for the state about to be written.
   *
   * @param after the state the fold writes (its revision is the new one)
   * @return how to settle them, or null when nothing was queued
   */
  Queued queue(AbstractPipeline pipeline, StoredState after);

  /** Writes queued with a fold's compare-and-set. */
  interface Queued {
    /** The state was written: the writes stay (and are completed if the pipeline could not run them). */
    void confirm();

    /** The state was not written: the writes are undone. */
    void undo();
  }
}
