package dev.treue.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The per-day counters in two arrays hold what a sorted map of days to counter rows holds, whatever
 * order days come in, through pruning and copying.
 */
class DayBucketsTest {
  @Test
  void holdsWhatASortedMapHolds() {
    Random random = new Random(5);
    for (int round = 0; round < 200; round++) {
      DayBuckets buckets = new DayBuckets(1 + random.nextInt(3));
      TreeMap<Integer, double[]> model = new TreeMap<>();
      int base = 19_000 + random.nextInt(1_000);
      for (int step = 0; step < 300; step++) {
        int op = random.nextInt(20);
        if (op == 0) {
          int bound = base + random.nextInt(400) - 50;
          buckets.dropBefore(bound);
          model.headMap(bound, false).clear();
        } else if (op == 1) {
          DayBuckets copy = buckets.copy();
          // The copy is independent: adding to it leaves the original as it was.
          copy.add(base + 1, DailyCounter.SPEND, 99);
          assertSame(model, buckets);
          buckets = copy;
          model.computeIfAbsent(base + 1, d -> new double[DailyCounter.COUNT])[0] += 99;
        } else {
          // Mostly the latest days, sometimes a late event on an earlier day.
          int day =
              base + (random.nextInt(4) == 0 ? random.nextInt(300) : 250 + random.nextInt(60));
          DailyCounter c = DailyCounter.values()[random.nextInt(DailyCounter.COUNT)];
          double value = random.nextInt(5) == 0 ? random.nextDouble() * 100 : random.nextInt(3) + 1;
          buckets.add(day, c, value);
          model.computeIfAbsent(day, d -> new double[DailyCounter.COUNT])[c.ordinal()] += value;
        }
        assertSame(model, buckets);
      }
      int from = base + random.nextInt(300);
      int expected = 0;
      for (int i = buckets.firstAfter(from); i < buckets.size(); i++) {
        expected++;
      }
      assertEquals(model.tailMap(from, false).size(), expected, "days after " + from);
    }
  }

  @Test
  void theDecoderAppendsInOrderOnly() {
    DayBuckets buckets = new DayBuckets(0);
    double[] row = new double[DailyCounter.COUNT];
    row[DailyCounter.PURCHASES.ordinal()] = 2;
    buckets.append(10, row);
    buckets.append(12, row);
    assertThrows(IllegalArgumentException.class, () -> buckets.append(12, row));
    assertThrows(IllegalArgumentException.class, () -> buckets.append(11, row));
    assertEquals(2, buckets.size());
    assertEquals(2, buckets.get(1, DailyCounter.PURCHASES));
    assertEquals(1, buckets.firstAfter(10));
    assertEquals(0, buckets.firstAfter(9));
    assertEquals(2, buckets.firstAfter(12));
  }

  private static void assertSame(TreeMap<Integer, double[]> model, DayBuckets buckets) {
    assertEquals(model.size(), buckets.size());
    int i = 0;
    for (Map.Entry<Integer, double[]> e : model.entrySet()) {
      assertEquals(e.getKey(), buckets.day(i));
      for (int c = 0; c < DailyCounter.COUNT; c++) {
        assertEquals(e.getValue()[c], buckets.get(i, c), "day " + e.getKey() + " counter " + c);
      }
      i++;
    }
  }
}
