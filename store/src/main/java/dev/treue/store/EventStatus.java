package dev.treue.store;

/** What happened to one posted event. */
public enum EventStatus {
  /** Folded into the member's state now. */
  ACCEPTED,
  /** Its id was folded before (or earlier in the same request): not counted again. */
  DUPLICATE,
  /**
   * Its timestamp lies before the batch coverage of the member's state: the batch history already
   * holds the events up to that instant, so it is not folded (it would most likely count twice); a
   * genuinely late event is picked up by the next batch load, which reads the full history.
   */
  COVERED,
  /**
   * Older than the member's lateness window ({@link dev.treue.core.customer.WindowedState}): folding
   * it now would not give the state of time order, so it is not folded and not remembered as seen.
   */
  TOO_LATE,
  /** Folding it would take the points balance or a money total out of range: not folded; see the reason. */
  OUT_OF_RANGE,
  /** The member opted out of profiling: the event is acknowledged but nothing is stored. */
  NOT_STORED;

  /** Lower-case name used in JSON. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
