package dev.treue.core.customer;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A member's unspent points by the day they were earned (one lot a day), spent oldest first, with
 * their sum kept as they change: the range check of every points event asks for the sum, which
 * summing the lots each time made a walk over up to a year of lots per event.
 *
 * <p>The lots are two arrays sorted by day, the live ones from {@code head} to {@code end}: a
 * replay earns on its latest day (an append), spends from the oldest lot (the head moves on) and
 * merges the old lots into one (the head moves on again), so the common steps neither box a day nor
 * walk a tree, as a sorted map of boxed days did (a twentieth of the feature job's time).
 */
final class PointLots implements Serializable {
  private static final long serialVersionUID = 2L;
  private static final int[] NO_DAYS = {};
  private static final long[] NO_POINTS = {};

  private int[] days = NO_DAYS;
  private long[] points = NO_POINTS;
  private int head;
  private int end;
  private long total;

  /** Adds {@code points} earned on {@code day} to that day's lot. */
  void earn(int day, long points) {
    if (end > head && days[end - 1] == day) {
      this.points[end - 1] += points;
    } else {
      int i = end > head && days[end - 1] > day ? indexOf(day) : -(end + 1);
      if (i >= 0) {
        this.points[i] += points;
      } else {
        insert(-(i + 1), day, points);
      }
    }
    total += points;
  }

  /** Takes {@code points} from the oldest lots; points beyond the lots take nothing more. */
  void spend(long points) {
    long left = points;
    while (left > 0 && head < end) {
      long take = Math.min(left, this.points[head]);
      left -= take;
      total -= take;
      if (take == this.points[head]) {
        head++;
      } else {
        this.points[head] -= take;
      }
    }
  }

  /**
   * Lots on or before {@code boundary} become one lot on the latest of their days: the oldest are
   * consumed first anyway, and features only ask for lots earned up to a day after the boundary.
   */
  void mergeUpTo(int boundary) {
    // Asked on every new latest day: mostly the second lot is already past the boundary.
    if (end - head < 2 || days[head + 1] > boundary) {
      return;
    }
    int last = firstAfter(boundary) - 1;
    long sum = 0;
    for (int i = head; i <= last; i++) {
      sum += points[i];
    }
    points[last] = sum;
    head = last;
  }

  /** The sum of the lots. */
  long total() {
    return total;
  }

  /** Points still unspent that were earned on or before {@code day}. */
  long earnedUpTo(int day) {
    long sum = 0;
    for (int i = head, to = firstAfter(day); i < to; i++) {
      sum += points[i];
    }
    return sum;
  }

  /** The day of the oldest lot, or {@link CustomerState#NONE} without lots. */
  int oldestDay() {
    return head < end ? days[head] : CustomerState.NONE;
  }

  /** The number of lots (for the codec). */
  int count() {
    return end - head;
  }

  /** The day of the {@code i}-th lot, oldest first (for the codec). */
  int day(int i) {
    return days[head + i];
  }

  /** The points of the {@code i}-th lot, oldest first (for the codec). */
  long points(int i) {
    return points[head + i];
  }

  /** Sets the lot of {@code day}, as the codec reads it back. */
  void put(int day, long points) {
    int i = indexOf(day);
    if (i >= 0) {
      total += points - this.points[i];
      this.points[i] = points;
    } else {
      insert(-(i + 1), day, points);
      total += points;
    }
  }

  /** Makes these lots equal {@code other}'s. */
  void copyFrom(PointLots other) {
    days = Arrays.copyOfRange(other.days, other.head, other.end);
    points = Arrays.copyOfRange(other.points, other.head, other.end);
    head = 0;
    end = days.length;
    total = other.total;
  }

  /** The index of the first live lot after {@code day}: {@code end} when there is none. */
  private int firstAfter(int day) {
    return SortedDays.firstAfter(days, head, end, day);
  }

  /** The index of {@code day}'s lot, or {@code -(insertion point + 1)}, as a binary search. */
  private int indexOf(int day) {
    int at = firstAfter(day);
    return at > head && days[at - 1] == day ? at - 1 : -(at + 1);
  }

  /** Makes a lot at index {@code i} (between head and end), shifting the later ones. */
  private void insert(int i, int day, long value) {
    if (end == days.length) {
      // Spent lots before the head make room first; the arrays grow only when they are live.
      int live = end - head;
      if (head > 0 && live < days.length / 2) {
        System.arraycopy(days, head, days, 0, live);
        System.arraycopy(points, head, points, 0, live);
        i -= head;
        head = 0;
        end = live;
      } else {
        int room = Math.max(8, days.length * 2);
        days = Arrays.copyOf(days, room);
        points = Arrays.copyOf(points, room);
      }
    }
    System.arraycopy(days, i, days, i + 1, end - i);
    System.arraycopy(points, i, points, i + 1, end - i);
    days[i] = day;
    points[i] = value;
    end++;
  }
}
