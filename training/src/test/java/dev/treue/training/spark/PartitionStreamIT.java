package dev.treue.training.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PartitionStreamIT {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.get();
  }

  /**
   * Seven partitions of 100 rows, the third one emptied: ids with text beyond ASCII, an array of
   * doubles with the awkward values, a label that is sometimes null.
   */
  private static Dataset<Row> rows() {
    return spark
        .range(0, 700, 1, 7)
        .filter(col("id").lt(200).or(col("id").geq(300)))
        .select(
            concat(lit("mitglied-é-😀-"), col("id").cast(DataTypes.StringType)).as("customer_id"),
            col("id").cast(DataTypes.IntegerType).as("day"),
            array(
                    col("id").cast(DataTypes.DoubleType).multiply(0.5),
                    lit(-0.0),
                    lit(Double.NaN),
                    lit(Double.MAX_VALUE),
                    lit(Double.MIN_VALUE))
                .as("features"),
            when(col("id").mod(3).equalTo(0), lit(null).cast(DataTypes.IntegerType))
                .otherwise(col("id").mod(2).cast(DataTypes.IntegerType))
                .as("label"));
  }

  @Test
  void bringsEveryRowInTheOrderToLocalIteratorDoesWithItsFieldsIntact() {
    Dataset<Row> rows = rows();
    List<Row> expected = new ArrayList<>();
    rows.toLocalIterator().forEachRemaining(expected::add);
    List<InternalRow> got = new ArrayList<>();
    try (PartitionStream stream = PartitionStream.of(rows, 3)) {
      assertEquals(3, stream.inFlight());
      stream.forEachRemaining(got::add);
      assertTrue(!stream.hasNext() && !stream.hasNext(), "the end stays the end");
    }
    assertEquals(600, expected.size());
    assertEquals(expected.size(), got.size());
    // Every row is its own object: reading them all after the stream ended still works.
    for (int i = 0; i < got.size(); i++) {
      Row e = expected.get(i);
      InternalRow g = got.get(i);
      assertEquals(e.getString(0), g.getUTF8String(0).toString());
      assertEquals(e.getInt(1), g.getInt(1));
      List<Double> f = e.getList(2);
      double[] want = f.stream().mapToDouble(Double::doubleValue).toArray();
      assertArrayEquals(want, g.getArray(2).toDoubleArray());
      assertEquals(e.isNullAt(3), g.isNullAt(3));
      if (!e.isNullAt(3)) {
        assertEquals(e.getInt(3), g.getInt(3));
      }
    }
    assertEquals(
        Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(got.get(0).getArray(2).getDouble(1)));
  }

  @Test
  void anEmptyDatasetAndOnePartitionAtATimeWork() {
    try (PartitionStream stream = PartitionStream.of(rows().filter(col("day").lt(0)))) {
      assertTrue(!stream.hasNext());
    }
    List<InternalRow> got = new ArrayList<>();
    try (PartitionStream stream = PartitionStream.of(rows(), 1)) {
      stream.forEachRemaining(got::add);
    }
    assertEquals(600, got.size());
  }

  @Test
  void theSessionSettingBoundsThePartitionsInFlightAndABadOneIsRefused() {
    try {
      try (PartitionStream stream = PartitionStream.of(rows())) {
        assertEquals(2, stream.inFlight(), "as many as the session's 2 task slots");
      }
      spark.conf().set(PartitionStream.IN_FLIGHT_SETTING, "1");
      try (PartitionStream stream = PartitionStream.of(rows())) {
        assertEquals(1, stream.inFlight());
      }
      for (String bad : List.of("0", "-3", "zwei", "")) {
        spark.conf().set(PartitionStream.IN_FLIGHT_SETTING, bad);
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> PartitionStream.of(rows()));
        assertTrue(e.getMessage().contains(PartitionStream.IN_FLIGHT_SETTING), e.getMessage());
      }
    } finally {
      spark.conf().unset(PartitionStream.IN_FLIGHT_SETTING);
    }
  }

  /** Tasks of the slow partitions running at this moment, and the most seen at once. */
  static final AtomicInteger RUNNING = new AtomicInteger();

  static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();

  @Test
  void computesSeveralPartitionsAtOnceWhereToLocalIteratorComputesOne() {
    RUNNING.set(0);
    MOST_AT_ONCE.set(0);
    Dataset<Row> slow = slowPartitions(4);
    slow.toLocalIterator().forEachRemaining(r -> {});
    assertEquals(1, MOST_AT_ONCE.get(), "toLocalIterator's partitions, one job after the other");
    MOST_AT_ONCE.set(0);
    int rows = 0;
    try (PartitionStream stream = PartitionStream.of(slow, 2)) {
      while (stream.hasNext()) {
        stream.next();
        rows++;
      }
    }
    assertEquals(4, rows);
    assertEquals(2, MOST_AT_ONCE.get());
  }

  @Test
  void aFailingPartitionFailsTheStreamAndStopsTheOthers() {
    Dataset<Row> failing =
        rows()
            .map(
                (org.apache.spark.api.java.function.MapFunction<Row, Integer>)
                    r -> {
                      if (r.getInt(1) == 650) {
                        throw new IllegalStateException("partition six is broken");
                      }
                      return r.getInt(1);
                    },
                Encoders.INT())
            .toDF();
    PartitionStream stream = PartitionStream.of(failing, 2);
    RuntimeException e =
        assertThrows(RuntimeException.class, () -> stream.forEachRemaining(r -> {}));
    assertTrue(messages(e).contains("partition six is broken"), messages(e));
    stream.close();
    assertNoJobRunsWithin(10_000);
  }

  @Test
  void closingEarlyCancelsThePartitionsStillComputing() {
    RUNNING.set(0);
    MOST_AT_ONCE.set(0);
    PartitionStream stream = PartitionStream.of(slowPartitions(6), 2);
    assertTrue(stream.hasNext());
    InternalRow first = stream.next();
    stream.close();
    assertNoJobRunsWithin(10_000);
    assertThrows(IllegalStateException.class, stream::hasNext);
    assertEquals(0L, first.getLong(0), "a row returned before the close stays readable");
  }

  @Test
  void aClosedStreamReadsNoFurtherRowsOfThePartitionItHadStarted() {
    PartitionStream stream = PartitionStream.of(rows(), 2);
    stream.next();
    stream.close();
    assertThrows(IllegalStateException.class, stream::hasNext);
    assertThrows(IllegalStateException.class, stream::next);
  }

  private static Dataset<Row> slowPartitions(int partitions) {
    return spark
        .range(0, partitions, 1, partitions)
        .mapPartitions(
            (MapPartitionsFunction<Long, Long>)
                ids -> {
                  int now = RUNNING.incrementAndGet();
                  MOST_AT_ONCE.accumulateAndGet(now, Math::max);
                  try {
                    Thread.sleep(400);
                  } finally {
                    RUNNING.decrementAndGet();
                  }
                  List<Long> out = new ArrayList<>();
                  ids.forEachRemaining(out::add);
                  return out.iterator();
                },
            Encoders.LONG())
        .toDF();
  }

  private static void assertNoJobRunsWithin(long millis) {
    long until = System.currentTimeMillis() + millis;
    while (spark.sparkContext().statusTracker().getActiveJobIds().length > 0) {
      assertTrue(System.currentTimeMillis() < until, "a job still runs after the stream closed");
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String messages(Throwable t) {
    StringBuilder out = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      out.append(c).append('\n');
    }
    return out.toString();
  }
}
