package dev.treue.training.replay;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.physical.HashPartitioning;
import org.apache.spark.sql.catalyst.plans.physical.Partitioning;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The member rows and event rows of {@link StreamedHistories} when both come from the same member
 * buckets of a validated folder (its {@code MemberBuckets}): Spark reports both as hash-partitioned
 * by {@code customer_id} into the same number of partitions, each partition one bucket file, sorted
 * by member. Then bucket {@code i} of the members and bucket {@code i} of the events hold the same
 * members, and merging the two sorted streams gives the rows a shuffle and sort would have, with no
 * event moving.
 */
final class BucketedSides {
  private BucketedSides() {}

  /**
   * The number of buckets both sides share, or empty when Spark does not see them partitioned
   * alike by {@code customer_id} (a CSV source, a folder validated before buckets, a side that was
   * shuffled since): then the histories take the shuffle.
   */
  static OptionalInt shared(Dataset<Row> members, Dataset<Row> events) {
    OptionalInt m = buckets(members);
    OptionalInt e = buckets(events);
    return m.isPresent() && e.isPresent() && m.getAsInt() == e.getAsInt() ? m : OptionalInt.empty();
  }

  private static OptionalInt buckets(Dataset<Row> rows) {
    Partitioning p = rows.queryExecution().executedPlan().outputPartitioning();
    if (p instanceof HashPartitioning h && h.expressions().size() == 1) {
      Expression key = h.expressions().head();
      if (key instanceof Attribute a && a.name().equals("customer_id")) {
        return OptionalInt.of(h.numPartitions());
      }
    }
    return OptionalInt.empty();
  }

  /**
   * One bucket's member rows and event rows, each sorted by member, as one stream sorted by member
   * (a member's profile row before their events). Spark reuses a row object per input, so each side
   * is advanced only when its last row has been handed on and the caller has asked for the next.
   *
   * <p>Every member's bucket is checked against Spark's hash of their id as the rows arrive (once a
   * member, not once an event): a member whose rows sat in another bucket would otherwise be
   * replayed without their events, silently.
   *
   * @param buckets the number of buckets
   * @param bucket the bucket these rows are
   * @throws IllegalStateException when a side is not sorted by member or holds a member of another
   *     bucket, which a validated folder's buckets never do
   */
  static Iterator<InternalRow> merged(
      Iterator<InternalRow> members, Iterator<InternalRow> events, int buckets, int bucket) {
    return new Iterator<>() {
      private final Side m = new Side(members, "members", buckets, bucket);
      private final Side e = new Side(events, "events", buckets, bucket);

      @Override
      public boolean hasNext() {
        return m.head() != null || e.head() != null;
      }

      @Override
      public InternalRow next() {
        InternalRow a = m.head();
        InternalRow b = e.head();
        if (a == null && b == null) {
          throw new NoSuchElementException();
        }
        Side from = b == null || a != null && id(a).binaryCompare(id(b)) <= 0 ? m : e;
        return from.take();
      }
    };
  }

  private static UTF8String id(InternalRow r) {
    return r.getUTF8String(0);
  }

  // The ids are compared as bytes (binaryCompare, binaryEquals: the order Spark sorted them in),
  // not with compareTo, which in Spark 4 asks the environment whether it runs under test on every
  // call (System.getenv: 4% of a replay's samples).

  /**
   * The bucket Spark's {@code repartition(buckets, customer_id)} puts the member in: Spark's
   * Murmur3 hash of the id's bytes, called directly (Spark's interpreted hash function matched the
   * data type on every call: 5% of a replay's samples).
   */
  static int bucketOf(UTF8String id, int buckets) {
    int hash =
        Murmur3_x86_32.hashUnsafeBytes(id.getBaseObject(), id.getBaseOffset(), id.numBytes(), SEED);
    return Math.floorMod(hash, buckets);
  }

  /** The seed of Spark's hash partitioning and bucketing. */
  private static final int SEED = 42;

  /**
   * The checks on one side of a bucket as its rows arrive: sorted by member, and each member in
   * this bucket (once a member, not once a row).
   */
  static final class Order {
    private final String name;
    private final int buckets;
    private final int bucket;
    private UTF8String last;

    /**
     * @param name the side, for messages ("members", "events")
     * @param buckets the number of buckets
     * @param bucket the bucket the rows are
     */
    Order(String name, int buckets, int bucket) {
      this.name = name;
      this.buckets = buckets;
      this.bucket = bucket;
    }

    /**
     * @param id the next row's member id
     * @return whether it is the last row's member id
     * @throws IllegalStateException when it sorts before the last or belongs in another bucket
     */
    boolean check(UTF8String id) {
      if (last != null && last.binaryEquals(id)) {
        return true;
      }
      if (last != null && last.binaryCompare(id) > 0) {
        throw new IllegalStateException(
            "the "
                + name
                + " of a member bucket are not sorted by customer_id ("
                + id
                + " after "
                + last
                + "); validate the source again");
      }
      if (bucketOf(id, buckets) != bucket) {
        throw new IllegalStateException(
            "member "
                + id
                + " is among the "
                + name
                + " of member bucket "
                + bucket
                + " but belongs in bucket "
                + bucketOf(id, buckets)
                + " of "
                + buckets
                + "; validate the source again");
      }
      last = id.clone();
      return false;
    }
  }

  /** One sorted input: its current row, fetched only once the one before was taken. */
  private static final class Side {
    private final Iterator<InternalRow> rows;
    private final Order order;
    private InternalRow head;
    private boolean taken = true;

    Side(Iterator<InternalRow> rows, String name, int buckets, int bucket) {
      this.rows = rows;
      this.order = new Order(name, buckets, bucket);
    }

    InternalRow head() {
      if (taken) {
        taken = false;
        head = rows.hasNext() ? rows.next() : null;
        if (head != null) {
          order.check(id(head));
        }
      }
      return head;
    }

    InternalRow take() {
      taken = true;
      return head;
    }
  }
}
