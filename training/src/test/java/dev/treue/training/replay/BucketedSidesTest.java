package dev.treue.training.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** Merging one bucket's member rows and event rows, each sorted by member. */
class BucketedSidesTest {
  @Test
  void aMembersProfileComesBeforeTheirEventsAndEveryRowOnce() {
    Iterator<InternalRow> merged =
        BucketedSides.merged(
            rows("a:p", "c:p", "d:p"), rows("a:1", "a:2", "b:1", "c:1", "e:1", "e:2"), 1, 0);
    List<String> out = new ArrayList<>();
    merged.forEachRemaining(r -> out.add(r.getUTF8String(0) + ":" + r.getUTF8String(1)));
    assertEquals(List.of("a:p", "a:1", "a:2", "b:1", "c:p", "c:1", "d:p", "e:1", "e:2"), out);
  }

  @Test
  void aSideOutOfOrderIsRefusedNotMisread() {
    Iterator<InternalRow> merged =
        BucketedSides.merged(rows("a:p", "c:p"), rows("b:1", "a:1"), 1, 0);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> {
              while (merged.hasNext()) {
                merged.next();
              }
            });
    assertTrue(e.getMessage().contains("events of a member bucket are not sorted"), e.getMessage());
    assertTrue(e.getMessage().contains("a after b"), e.getMessage());
  }

  @Test
  void aMemberInAnotherBucketIsRefusedNotReplayedWithoutTheirEvents() {
    String elsewhere = "a";
    while (BucketedSides.bucketOf(UTF8String.fromString(elsewhere), 4) == 2) {
      elsewhere += "a";
    }
    int home = BucketedSides.bucketOf(UTF8String.fromString(elsewhere), 4);
    Iterator<InternalRow> merged =
        BucketedSides.merged(rows(elsewhere + ":p"), rows(elsewhere + ":1"), 4, 2);
    IllegalStateException e = assertThrows(IllegalStateException.class, merged::next);
    assertTrue(
        e.getMessage().contains("member bucket 2 but belongs in bucket " + home + " of 4"),
        e.getMessage());
  }

  /**
   * Rows of (member, value) that, like Spark's, are one object reused for every row: the merge must
   * not read a row after asking its side for the next.
   */
  private static Iterator<InternalRow> rows(String... memberValue) {
    GenericInternalRow row = new GenericInternalRow(2);
    Iterator<String> it = List.of(memberValue).iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public InternalRow next() {
        String[] p = it.next().split(":");
        row.update(0, UTF8String.fromString(p[0]));
        row.update(1, UTF8String.fromString(p[1]));
        return row;
      }
    };
  }
}
