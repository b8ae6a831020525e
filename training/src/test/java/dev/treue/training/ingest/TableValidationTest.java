package dev.treue.training.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
}
