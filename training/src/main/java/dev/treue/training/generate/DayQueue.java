package dev.treue.training.generate;

import java.util.Arrays;

/**
 * A FIFO of (day, amount) entries in day order, used for points lots and the net spend ledger.
 * Entries leave from the head (expiry, FIFO redemption, ageing out of the tier window).
 */
final class DayQueue {
  int[] day = new int[32];
  long[] value = new long[32];
  int head;
  int tail;

  boolean isEmpty() {
    return head == tail;
  }

  void clear() {
    head = 0;
    tail = 0;
  }

  /** Appends, merging into the last entry when it is for the same day. */
  void add(int d, long v) {
    if (tail > head && day[tail - 1] == d) {
      value[tail - 1] += v;
      return;
    }
    if (tail == day.length) {
      if (head > 0) {
        System.arraycopy(day, head, day, 0, tail - head);
        System.arraycopy(value, head, value, 0, tail - head);
        tail -= head;
        head = 0;
      }
      if (tail == day.length) {
        day = Arrays.copyOf(day, day.length * 2);
        value = Arrays.copyOf(value, value.length * 2);
      }
    }
    day[tail] = d;
    value[tail++] = v;
  }

  /** Takes up to {@code amount} from the oldest entries; returns what was taken. */
  long consume(long amount) {
    long left = amount;
    while (left > 0 && head < tail) {
      long take = Math.min(left, value[head]);
      value[head] -= take;
      left -= take;
      if (value[head] == 0) {
        head++;
      }
    }
    return amount - left;
  }

  void copyFrom(DayQueue o) {
    int n = o.tail - o.head;
    if (day.length < n) {
      day = new int[Math.max(n, day.length * 2)];
      value = new long[day.length];
    }
    System.arraycopy(o.day, o.head, day, 0, n);
    System.arraycopy(o.value, o.head, value, 0, n);
    head = 0;
    tail = n;
  }
}
