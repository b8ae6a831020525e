package dev.treue.core.customer;

/** Searches in ascending arrays of epoch days, which a member's per-day counters and points lots are. */
final class SortedDays {
  private SortedDays() {}

  /**
   * The index of the first day after {@code day} among {@code days[from..to)}, ascending: {@code to}
   * when there is none.
   */
  static int firstAfter(int[] days, int from, int to, int day) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (days[mid] <= day) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
