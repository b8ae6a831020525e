package dev.treue.core.time;

/**
 * The length of a day in epoch milliseconds. Every day in this project is a UTC day (epoch day =
 * floor(millis / {@link #DAY_MILLIS})), so it always has exactly this many milliseconds.
 */
public final class Days {
  /** Milliseconds in one UTC day. */
  public static final long DAY_MILLIS = 86_400_000L;

  private Days() {}
}
