package dev.treue.core.customer;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A member's per-day counters ({@link DailyCounter}), sorted by day, in two arrays: the days, and
 * their counters one row of {@link DailyCounter#COUNT} after the other. A state is decoded for every
 * request, and a sorted map of boxed days to a small array each was a tenth of what a churn-risk
 * request allocated; events almost always land on the latest day, so adding is an append.
 */
public final class DayBuckets implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int ROW = DailyCounter.COUNT;
  private static final int[] NO_DAYS = {};
  private static final double[] NO_COUNTERS = {};

  private int[] days;
  private double[] counters;
  private int size;

  /** Room for {@code capacity} days; none is allocated for 0 (a state about to be decoded). */
  DayBuckets(int capacity) {
    days = capacity == 0 ? NO_DAYS : new int[capacity];
    counters = capacity == 0 ? NO_COUNTERS : new double[capacity * ROW];
  }

  /** Days held. */
  public int size() {
    return size;
  }

  /** The {@code i}-th day held (epoch day), in ascending order. */
  public int day(int i) {
    return days[i];
  }

  /** Counter {@code c} on the {@code i}-th day held. */
  public double get(int i, DailyCounter c) {
    return counters[i * ROW + c.ordinal()];
  }

  /** Counter number {@code c} (its ordinal) on the {@code i}-th day held. */
  public double get(int i, int c) {
    return counters[i * ROW + c];
  }

  /** The index of the first day after {@code day}: {@link #size()} when there is none. */
  public int firstAfter(int day) {
    return SortedDays.firstAfter(days, 0, size, day);
  }

  /** Adds {@code value} to a counter of a day, making the day (all zeros) if it is not held. */
  void add(int day, DailyCounter c, double value) {
    int i;
    if (size > 0 && days[size - 1] == day) {
      i = size - 1;
    } else if (size == 0 || days[size - 1] < day) {
      i = insert(size, day);
    } else {
      int after = firstAfter(day);
      i = after > 0 && days[after - 1] == day ? after - 1 : insert(after, day);
    }
    counters[i * ROW + c.ordinal()] += value;
  }

  /**
   * Appends a day after every day held (the decoder's way in).
   *
   * @throws IllegalArgumentException when {@code day} is not after the last day held
   */
  void append(int day, double[] row) {
    if (size > 0 && day <= days[size - 1]) {
      throw new IllegalArgumentException("day " + day + " is not after " + days[size - 1]);
    }
    int i = insert(size, day);
    System.arraycopy(row, 0, counters, i * ROW, ROW);
  }

  /** Forgets the days before {@code day}. */
  void dropBefore(int day) {
    int from = 0;
    while (from < size && days[from] < day) {
      from++;
    }
    if (from == 0) {
      return;
    }
    System.arraycopy(days, from, days, 0, size - from);
    System.arraycopy(counters, from * ROW, counters, 0, (size - from) * ROW);
    Arrays.fill(counters, (size - from) * ROW, size * ROW, 0);
    size -= from;
  }

  /** An independent copy. */
  DayBuckets copy() {
    DayBuckets c = new DayBuckets(size);
    System.arraycopy(days, 0, c.days, 0, size);
    System.arraycopy(counters, 0, c.counters, 0, size * ROW);
    c.size = size;
    return c;
  }

  /** Makes an empty day at index {@code i}; returns {@code i}. */
  private int insert(int i, int day) {
    if (size == days.length) {
      int room = Math.max(8, size * 2);
      days = Arrays.copyOf(days, room);
      counters = Arrays.copyOf(counters, room * ROW);
    }
    if (i < size) {
      System.arraycopy(days, i, days, i + 1, size - i);
      System.arraycopy(counters, i * ROW, counters, (i + 1) * ROW, (size - i) * ROW);
      Arrays.fill(counters, i * ROW, (i + 1) * ROW, 0);
    }
    // Past the last day held the counters are zero (new arrays, and dropBefore clears what it
    // moves away from), so an append, the common case, writes nothing but the day.
    days[i] = day;
    size++;
    return i;
  }
}
