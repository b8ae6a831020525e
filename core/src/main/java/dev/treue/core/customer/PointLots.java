package dev.treue.core.customer;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A member's unspent points by the day they were earned (one lot a day), spent oldest first, with
 * their sum kept as they change: the range check of every points event asks for the sum, which
 * summing the lots each time made a walk over up to a year of lots per event.
 */
final class PointLots implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TreeMap<Integer, Long> byDay = new TreeMap<>();
  private long total;

  /** Adds {@code points} earned on {@code day} to that day's lot. */
  void earn(int day, long points) {
    byDay.merge(day, points, Long::sum);
    total += points;
  }

  /** Takes {@code points} from the oldest lots; points beyond the lots take nothing more. */
  void spend(long points) {
    long left = points;
    while (left > 0 && !byDay.isEmpty()) {
      Map.Entry<Integer, Long> oldest = byDay.firstEntry();
      long take = Math.min(left, oldest.getValue());
      left -= take;
      total -= take;
      if (take == oldest.getValue()) {
        byDay.pollFirstEntry();
      } else {
        byDay.put(oldest.getKey(), oldest.getValue() - take);
      }
    }
  }

  /**
   * Lots on or before {@code boundary} become one lot on the latest of their days: the oldest are
   * consumed first anyway, and features only ask for lots earned up to a day after the boundary.
   */
  void mergeUpTo(int boundary) {
    // Asked on every new latest day: two lookups tell whether there is anything to merge, where
    // counting the lots before the boundary walked them.
    if (byDay.isEmpty() || byDay.firstKey() > boundary) {
      return;
    }
    Integer second = byDay.higherKey(byDay.firstKey());
    if (second == null || second > boundary) {
      return;
    }
    NavigableMap<Integer, Long> old = byDay.headMap(boundary, true);
    long sum = 0;
    for (long v : old.values()) {
      sum += v;
    }
    int last = old.lastKey();
    old.clear();
    byDay.put(last, sum);
  }

  /** The sum of the lots. */
  long total() {
    return total;
  }

  /** Points still unspent that were earned on or before {@code day}. */
  long earnedUpTo(int day) {
    long sum = 0;
    for (long v : byDay.headMap(day, true).values()) {
      sum += v;
    }
    return sum;
  }

  /** The day of the oldest lot, or {@link CustomerState#NONE} without lots. */
  int oldestDay() {
    return byDay.isEmpty() ? CustomerState.NONE : byDay.firstKey();
  }

  /** The lots by day, oldest first, read only (for the codec). */
  Map<Integer, Long> byDay() {
    return Collections.unmodifiableMap(byDay);
  }

  /** Sets the lot of {@code day}, as the codec reads it back. */
  void put(int day, long points) {
    Long was = byDay.put(day, points);
    total += points - (was == null ? 0 : was);
  }

  /** Makes these lots equal {@code other}'s. */
  void copyFrom(PointLots other) {
    byDay.clear();
    byDay.putAll(other.byDay);
    total = other.total;
  }
}
