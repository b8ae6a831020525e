package dev.treue.training.replay;

import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.training.replay.StreamedHistories.EventIds;
import dev.treue.training.replay.StreamedHistories.History;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BasePredicate;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One member bucket's histories read from the column batches of its two files ({@link
 * ColumnarScan}): the member rows and the event rows, each sorted by member, merged as {@link
 * BucketedSides#merged} merges Spark's rows, each member's profile and events read from the
 * batches' columns as they stand. The same members and events, in the same order, as the replay
 * from Spark's rows; checked the same way (each side sorted by member, each member in this bucket).
 */
final class ColumnarHistories {
  /**
   * The member columns read, in this order: the member id, then the profile's fields as {@link
   * StreamedHistories#member} reads them.
   */
  static final List<String> MEMBER_COLUMNS = StreamedHistories.memberColumns();

  /**
   * The event columns read, in this order: the member id, then the fields as {@link
   * StreamedHistories#event} reads them.
   */
  static final List<String> EVENT_COLUMNS = StreamedHistories.eventColumns();

  private ColumnarHistories() {}

  /**
   * @param members the bucket's member batches
   * @param memberReading their filter and columns ({@link #MEMBER_COLUMNS})
   * @param events the bucket's event batches
   * @param eventReading their filter and columns ({@link StreamedHistories#eventColumns(EventIds)}
   *     of {@code ids})
   * @param ids whether the events' ids are read; without them, events at the same time keep the
   *     bucket's order, which is their ids' order
   * @param buckets the number of buckets
   * @param bucket the bucket these batches are
   * @return the bucket's members with their events in replay order, lazily
   * @throws IllegalStateException when a side is not sorted by member or holds a member of another
   *     bucket
   */
  static Iterator<History> histories(
      Iterator<ColumnarBatch> members,
      ColumnarScan.Reading memberReading,
      Iterator<ColumnarBatch> events,
      ColumnarScan.Reading eventReading,
      EventIds ids,
      int buckets,
      int bucket) {
    Cursor m = new Cursor(members, memberReading, "members", buckets, bucket);
    Cursor e = new Cursor(events, eventReading, "events", buckets, bucket);
    int[] profile = tail(memberReading.ordinals());
    int[] event = eventFields(eventReading.ordinals(), ids);
    return new LookAhead<>() {
      private final Decoded<EventType> types =
          new Decoded<>(name -> EventType.fromWire(name.toString()));
      private final Decoded<String> categories = new Decoded<>(UTF8String::toString);
      private final Decoded<String> offers = new Decoded<>(UTF8String::toString);

      /** The last member's number of events: room for the next one's, most alike. */
      private int lastCount;

      @Override
      protected History following() {
        if (m.row == null) {
          while (e.row != null) {
            e.advance(); // events of no member here: dropped, but their order still checked
          }
          return null;
        }
        UTF8String id = m.id.clone();
        String customerId = id.toString();
        var member = StreamedHistories.member(customerId, m.row, profile);
        for (m.advance(); m.row != null && m.id.binaryEquals(id); m.advance()) {
          member = StreamedHistories.member(customerId, m.row, profile); // the last profile wins
        }
        while (e.row != null && e.id.binaryCompare(id) < 0) {
          e.advance(); // events of members not among these (no consent, no profile)
        }
        List<LoyaltyEvent> list = new ArrayList<>(Math.max(16, lastCount));
        // Only the first row is compared with the member: the ones after it with the row before.
        if (e.row != null && e.id.binaryEquals(id)) {
          do {
            EventType type = types.value(e, event[2]);
            if (type == null) {
              type = EventType.fromWire(null); // refused, as the replay from Spark's rows does
            }
            String category = categories.value(e, event[5]);
            String offer = offers.value(e, event[6]);
            list.add(StreamedHistories.event(customerId, e.row, event, type, category, offer));
            e.advance();
          } while (e.row != null && e.sameMember);
        }
        lastCount = list.size();
        // Sorted by member, time and id in the file; this settles ties by event id as every
        // replay does (without ids they keep the file's order, which is the ids').
        MemberReplay.sort(list);
        return new History(member, list);
      }
    };
  }

  /**
   * The places {@link StreamedHistories#event} reads, from the event columns' ordinals: the id's
   * (second) negative when it is not read.
   */
  private static int[] eventFields(int[] ordinals, EventIds ids) {
    int[] read = tail(ordinals);
    if (ids == EventIds.READ) {
      return read;
    }
    int[] fields = new int[read.length + 1];
    fields[0] = read[0];
    fields[1] = -1;
    System.arraycopy(read, 1, fields, 2, read.length - 1);
    return fields;
  }

  /** The ordinals after the member id's. */
  private static int[] tail(int[] ordinals) {
    int[] t = new int[ordinals.length - 1];
    System.arraycopy(ordinals, 1, t, 0, t.length);
    return t;
  }

  /** One side's current row: the next row of its batches its filter keeps. */
  private static final class Cursor {
    private final Iterator<ColumnarBatch> source;
    private final BasePredicate filter;
    private final int idAt;
    private final BucketedSides.Order order;
    private ColumnarBatch batch;
    private int at;
    private int rows;

    /** How many batches were read: the reader refills one batch object, so this tells them apart. */
    private long batches;

    /** Where the current row is in {@link #batch}. */
    private int index;

    /** The current row, or null past the last; valid until {@link #advance}. */
    InternalRow row;

    /** The current row's member id, pointing into the batch; valid until {@link #advance}. */
    UTF8String id;

    /** Whether the current row's member is the row before's. */
    boolean sameMember;

    Cursor(
        Iterator<ColumnarBatch> batches,
        ColumnarScan.Reading reading,
        String name,
        int buckets,
        int bucket) {
      this.source = batches;
      this.filter = reading.predicate(bucket);
      this.idAt = reading.ordinals()[0];
      this.order = new BucketedSides.Order(name, buckets, bucket);
      advance();
    }

    void advance() {
      while (true) {
        while (at >= rows) {
          if (!source.hasNext()) {
            row = null;
            id = null;
            return;
          }
          // The reader refills the same batch object: nothing read from the last one is kept.
          batch = source.next();
          batches++;
          at = 0;
          rows = batch.numRows();
        }
        InternalRow r = batch.getRow(at);
        if (filter == null || filter.eval(r)) {
          index = at++;
          row = r;
          id = r.getUTF8String(idAt);
          sameMember = order.check(id);
          return;
        }
        at++;
      }
    }
  }

  /**
   * A string column's values, each decoded once a batch where Parquet kept the column in a
   * dictionary (event types, categories, offer ids: a handful of values over millions of events):
   * Spark's reader would copy the entry's bytes out of the dictionary for every row that asks.
   * Elsewhere each distinct value is decoded once a partition ({@link RepeatedValues}).
   */
  private static final class Decoded<T> {
    private final Function<UTF8String, T> decode;
    private final RepeatedValues<T> plain;
    private Object[] byId = new Object[64];
    private long batch = -1;

    Decoded(Function<UTF8String, T> decode) {
      this.decode = decode;
      this.plain = new RepeatedValues<>(decode);
    }

    /** The value of the cursor's current row in {@code column}, or null. */
    @SuppressWarnings("unchecked")
    T value(Cursor c, int column) {
      ColumnVector v = c.batch.column(column);
      if (v.isNullAt(c.index)) {
        return null;
      }
      if (v instanceof WritableColumnVector w && w.hasDictionary()) {
        if (batch != c.batches) {
          batch = c.batches; // a new batch may have a new dictionary
          Arrays.fill(byId, null);
        }
        int id = w.getDictionaryIds().getInt(c.index);
        if (id >= byId.length) {
          byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
        }
        Object known = byId[id];
        if (known == null) {
          known = decode.apply(v.getUTF8String(c.index));
          byId[id] = known;
        }
        return (T) known;
      }
      return plain.get(v.getUTF8String(c.index));
    }
  }
}
