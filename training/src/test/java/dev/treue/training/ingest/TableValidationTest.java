package dev.treue.training.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What {@code validate --out} adds up after its write: each partition's scan comes back once a
 * partition's rows are through, in any order, and again when Spark computes a partition again.
 */
class TableValidationTest {

  private static TableValidation.PartitionScan scan(int partition, long valid, long... hashes) {
    return new TableValidation.PartitionScan(
        partition,
        valid + 1,
        valid,
        1,
        hashes,
        List.of(new TableValidation.Reject(partition, "bad " + partition, "raw")));
  }

  @Test
  void aPartitionReportedTwiceCountsOnceAndTheScansComeInPartitionOrder() {
    List<TableValidation.PartitionScan> reported =
        List.of(scan(2, 1, 9), scan(0, 2, 1, 5), scan(1, 0), scan(0, 2, 1, 5), scan(2, 1, 9));

    List<TableValidation.PartitionScan> scans = TableValidation.oncePerPartition(reported, 3);

    assertEquals(
        List.of(0, 1, 2), scans.stream().map(TableValidation.PartitionScan::partition).toList());
    assertEquals(3, scans.stream().mapToLong(TableValidation.PartitionScan::valid).sum());
    assertEquals(3, scans.stream().mapToLong(TableValidation.PartitionScan::rejected).sum());
    assertArrayEquals(new long[] {1, 5}, scans.get(0).sortedKeyHashes());
  }

  @Test
  void aPartitionThatReportedNothingIsAnError() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> TableValidation.oncePerPartition(List.of(scan(0, 1, 3), scan(2, 1, 4)), 3));
    assertTrue(e.getMessage().contains("partition 1"), e.getMessage());
  }

  @Test
  void repeatedHashesAreFoundWithinARunAcrossRunsAndAtTheExtremes() {
    List<long[]> runs =
        List.of(
            new long[] {Long.MIN_VALUE, -5, 3, 3, 9},
            new long[] {},
            new long[] {-5, 4, Long.MAX_VALUE},
            new long[] {Long.MIN_VALUE, 10, Long.MAX_VALUE},
            new long[] {7});
    assertEquals(
        Set.of(Long.MIN_VALUE, -5L, 3L, Long.MAX_VALUE), TableValidation.repeatedHashes(runs));
    assertEquals(Set.of(), TableValidation.repeatedHashes(List.of()));
    assertEquals(Set.of(), TableValidation.repeatedHashes(List.of(new long[] {1, 2, 3})));
  }

  @Test
  void repeatedHashesAgreeWithCountingEveryHash() {
    for (long seed = 1; seed <= 5; seed++) {
      Random random = new Random(seed);
      List<long[]> runs = new ArrayList<>();
      Map<Long, Integer> counts = new HashMap<>();
      for (int r = 0; r < 1 + random.nextInt(40); r++) {
        long[] run = new long[random.nextInt(300)];
        for (int i = 0; i < run.length; i++) {
          // a small range makes repeats common; now and then the whole range
          run[i] = random.nextInt(10) == 0 ? random.nextLong() : random.nextInt(2_000) - 1_000;
          counts.merge(run[i], 1, Integer::sum);
        }
        Arrays.sort(run);
        runs.add(run);
      }
      Set<Long> expected = new HashSet<>();
      counts.forEach(
          (h, n) -> {
            if (n > 1) {
              expected.add(h);
            }
          });
      assertEquals(expected, TableValidation.repeatedHashes(runs), "seed " + seed);
    }
  }
}
