package dev.treue.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Unspent points lots against a plain map worked the long way (the sum counted, the old lots merged
 * by counting them), through random earning, spending, merging and reading back.
 */
class PointLotsTest {
  @Test
  void theKeptSumAndTheLotsEqualThoseWorkedTheLongWay() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      PointLots lots = new PointLots();
      TreeMap<Integer, Long> expected = new TreeMap<>();
      int day = 0;
      for (int step = 0; step < 2_000; step++) {
        day += random.nextInt(4);
        switch (random.nextInt(5)) {
          case 0, 1 -> {
            // Mostly on the latest day, as a replay earns; sometimes on an older one, as a late
            // event reaches the service; now and then nothing (a lot of 0 points is kept).
            int on = random.nextInt(4) == 0 ? day - random.nextInt(40) : day;
            long points = random.nextInt(20) == 0 ? 0 : 1 + random.nextInt(500);
            lots.earn(on, points);
            expected.merge(on, points, Long::sum);
          }
          case 2 -> {
            long points = random.nextInt(900);
            lots.spend(points);
            spend(expected, points);
          }
          case 3 -> {
            int boundary = day - random.nextInt(60);
            lots.mergeUpTo(boundary);
            mergeUpTo(expected, boundary);
          }
          default -> {
            PointLots read = new PointLots();
            lots(lots).forEach(read::put); // as the codec reads them back
            PointLots copy = new PointLots();
            copy.copyFrom(read);
            lots = copy;
          }
        }
        assertEquals(expected, lots(lots), "seed " + seed + " step " + step);
        assertEquals(sum(expected), lots.total(), "seed " + seed + " step " + step);
        int asOf = day - random.nextInt(30);
        assertEquals(sum(expected.headMap(asOf, true)), lots.earnedUpTo(asOf));
        assertEquals(
            expected.isEmpty() ? CustomerState.NONE : expected.firstKey(), lots.oldestDay());
      }
    }
  }

  @Test
  void aLotSetAgainReplacesItsPointsInTheSum() {
    PointLots lots = new PointLots();
    lots.put(10, 100);
    lots.put(10, 30);
    assertEquals(30, lots.total());
  }

  /** The lots as the codec writes them, oldest first. */
  private static TreeMap<Integer, Long> lots(PointLots lots) {
    TreeMap<Integer, Long> m = new TreeMap<>();
    for (int i = 0; i < lots.count(); i++) {
      m.put(lots.day(i), lots.points(i));
    }
    return m;
  }

  private static void spend(TreeMap<Integer, Long> lots, long points) {
    long left = points;
    while (left > 0 && !lots.isEmpty()) {
      Map.Entry<Integer, Long> oldest = lots.firstEntry();
      long take = Math.min(left, oldest.getValue());
      left -= take;
      if (take == oldest.getValue()) {
        lots.pollFirstEntry();
      } else {
        lots.put(oldest.getKey(), oldest.getValue() - take);
      }
    }
  }

  private static void mergeUpTo(TreeMap<Integer, Long> lots, int boundary) {
    Map<Integer, Long> old = lots.headMap(boundary, true);
    if (old.size() > 1) {
      long sum = sum(old);
      int last = lots.headMap(boundary, true).lastKey();
      old.clear();
      lots.put(last, sum);
    }
  }

  private static long sum(Map<Integer, Long> lots) {
    long sum = 0;
    for (long v : lots.values()) {
      sum += v;
    }
    return sum;
  }
}
