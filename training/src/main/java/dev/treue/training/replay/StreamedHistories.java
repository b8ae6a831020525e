package dev.treue.training.replay;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import java.util.function.Function;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Members and their events as one stream, partitioned by member and sorted within each partition,
 * so a member's profile and events arrive together and are replayed one member at a time: the same
 * members and histories as {@link MemberHistories#join}, without building a list of event structs
 * per member in Spark, a second shuffle for the join, or sorting those lists' rows. One shuffle of
 * flat rows (Spark's own binary rows, compressed; the event type as one byte) and a sort inside
 * each partition; a partition holds only one member's history in memory at a time ({@link
 * #members}), read from those binary rows without a {@code Row} object per event.
 *
 * <p>Events of customers missing from {@code members} are dropped, and members without events get
 * an empty history, as the left join of {@link MemberHistories#join} does.
 */
public final class StreamedHistories {
  /** Column holding the member's profile on a member row; null on event rows. */
  private static final String PROFILE = "profile";

  private static final String[] EVENT_COLUMNS = {
    "event_id", "type", "amount", "points", "category", "offer_id"
  };
  private static final String[] PROFILE_COLUMNS = {
    "signup_day", "tier", "birth_day", "segment", "channel", "profiling_consent"
  };

  /** Where {@link #sorted} puts the customer id and the profile. */
  private static final int CUSTOMER_ID = 0;

  private static final int PROFILE_AT = 2 + EVENT_COLUMNS.length;

  private static final EventType[] TYPES = EventType.values();

  private StreamedHistories() {}

  /** One member and their events in replay order ({@link MemberReplay#TIME_ORDER}). */
  public record History(Member member, List<LoyaltyEvent> events) {}

  /**
   * @param members validated {@code customers} rows
   * @param events validated, de-duplicated {@code events} rows
   * @return rows partitioned by member and sorted by member and time; {@link #binaryRows} reads
   *     them for {@link #members}
   */
  public static Dataset<Row> sorted(Dataset<Row> members, Dataset<Row> events) {
    return sorted(sides(members, events));
  }

  private static Dataset<Row> sorted(Sides sides) {
    return sides
        .members()
        .unionByName(sides.events())
        .repartition(col("customer_id"))
        .sortWithinPartitions(col("customer_id"), col("ts_millis"));
  }

  /** The member rows and the event rows, both in the flat layout {@link #members} reads. */
  private record Sides(Dataset<Row> members, Dataset<Row> events) {}

  private static Sides sides(Dataset<Row> members, Dataset<Row> events) {
    List<Column> eventSide = new ArrayList<>();
    List<Column> memberSide = new ArrayList<>();
    eventSide.add(col("customer_id"));
    memberSide.add(col("customer_id"));
    eventSide.add(col("ts_millis"));
    // The profile row sorts first; its place does not matter to members(), only the cost.
    memberSide.add(lit(Long.MIN_VALUE).as("ts_millis"));
    for (String c : EVENT_COLUMNS) {
      Column value = c.equals("type") ? typeCode(col(c)) : col(c);
      eventSide.add(value.as(c));
      DataType type = c.equals("type") ? DataTypes.ByteType : events.schema().apply(c).dataType();
      memberSide.add(lit(null).cast(type).as(c));
    }
    List<Column> profile = new ArrayList<>();
    for (String c : PROFILE_COLUMNS) {
      profile.add(col(c));
    }
    Column profileStruct = struct(profile.toArray(Column[]::new));
    memberSide.add(profileStruct.as(PROFILE));
    Dataset<Row> memberRows = members.select(memberSide.toArray(Column[]::new));
    eventSide.add(lit(null).cast(memberRows.schema().apply(PROFILE).dataType()).as(PROFILE));
    Dataset<Row> eventRows = events.select(eventSide.toArray(Column[]::new));
    return new Sides(memberRows, eventRows);
  }

  /**
   * The event type as a one-byte code, {@link EventType#ordinal}, so the shuffle and the sort move
   * a byte instead of the name. Validated events hold the exact wire names (what {@link
   * EventType#wireName} gives); any other name becomes null and is refused by {@link
   * EventType#fromWire} in the replay.
   */
  private static Column typeCode(Column wireName) {
    Column code = null;
    for (EventType t : EventType.values()) {
      Column when = wireName.equalTo(t.wireName());
      Column ordinal = lit((byte) t.ordinal());
      code = code == null ? when(when, ordinal) : code.when(when, ordinal);
    }
    return code;
  }

  /**
   * The {@link #sorted} rows as Spark's own binary rows, for {@link #members}: reading them this way
   * copies only the columns the replay keeps (no {@code Row} object and no string per column and
   * event). Spark plans the rows here; with adaptive execution on, that runs the shuffle now.
   */
  public static JavaRDD<InternalRow> binaryRows(Dataset<Row> members, Dataset<Row> events) {
    Sides sides = sides(members, events);
    OptionalInt buckets = BucketedSides.shared(sides.members(), sides.events());
    if (buckets.isPresent()) {
      // Both from the same member buckets of a validated folder: bucket by bucket, no shuffle.
      int n = buckets.getAsInt();
      JavaRDD<InternalRow> m = sides.members().queryExecution().toRdd().toJavaRDD();
      JavaRDD<InternalRow> e = sides.events().queryExecution().toRdd().toJavaRDD();
      return m.zipPartitions(
          e, (mi, ei) -> BucketedSides.merged(mi, ei, n, TaskContext.getPartitionId()));
    }
    return sorted(sides).queryExecution().toRdd().toJavaRDD();
  }

  /**
   * The members of one partition of {@link #binaryRows}, each with their events sorted in replay
   * order, read lazily one member at a time. Spark reuses one row object for every row, so a value
   * kept past its row is copied.
   */
  public static Iterator<History> members(Iterator<InternalRow> rows) {
    return new Iterator<>() {
      private final Words words = new Words();
      private InternalRow pending = rows.hasNext() ? rows.next() : null;
      private History next = advance();

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public History next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        History h = next;
        next = advance();
        return h;
      }

      /** The next member with a profile; groups of events without one are skipped. */
      private History advance() {
        while (pending != null) {
          UTF8String id = pending.getUTF8String(CUSTOMER_ID).clone();
          String customerId = id.toString();
          Member member = null;
          List<LoyaltyEvent> events = new ArrayList<>();
          while (pending != null && id.equals(pending.getUTF8String(CUSTOMER_ID))) {
            if (!pending.isNullAt(PROFILE_AT)) {
              member = member(customerId, pending.getStruct(PROFILE_AT, PROFILE_COLUMNS.length));
            } else {
              events.add(event(customerId, pending, words));
            }
            pending = rows.hasNext() ? rows.next() : null;
          }
          if (member != null) {
            // Spark sorted by time; this settles ties by event id exactly as every replay does.
            events.sort(MemberReplay.TIME_ORDER);
            return new History(member, events);
          }
        }
        return null;
      }
    };
  }

  /**
   * What {@code perMember} gives for each member of one partition of {@link #binaryRows}, in turn
   * and lazily: a member's history is read only once the rows of the member before are used up.
   */
  public static <T> Iterator<T> flatMap(
      Iterator<InternalRow> rows, Function<History, Iterator<T>> perMember) {
    Iterator<History> members = members(rows);
    return new Iterator<>() {
      private Iterator<T> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && members.hasNext()) {
          current = perMember.apply(members.next());
        }
        return current.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  private static Member member(String customerId, InternalRow p) {
    return new Member(
        customerId,
        p.getInt(0),
        string(p, 1),
        p.isNullAt(2) ? CustomerState.NONE : p.getInt(2),
        string(p, 3),
        string(p, 4),
        p.isNullAt(5) || p.getBoolean(5));
  }

  private static LoyaltyEvent event(String customerId, InternalRow r, Words words) {
    // Columns: customer_id, ts_millis, then EVENT_COLUMNS in order.
    return new LoyaltyEvent(
        string(r, 2),
        customerId,
        r.getLong(1),
        type(r, 3),
        r.isNullAt(4) ? 0 : r.getDouble(4),
        r.isNullAt(5) ? 0 : r.getLong(5),
        words.word(r, 6),
        words.word(r, 7),
        null);
  }

  private static EventType type(InternalRow r, int i) {
    return r.isNullAt(i) ? EventType.fromWire(null) : TYPES[r.getByte(i)];
  }

  private static String string(InternalRow r, int i) {
    return r.isNullAt(i) ? null : r.getUTF8String(i).toString();
  }

  /**
   * Categories and offer ids of one partition, each made a Java string once: a programme has few
   * of them and millions of events that repeat them. Past {@link #MAX_WORDS} distinct values the
   * rest are copied per event, so odd data cannot fill the heap.
   */
  private static final class Words {
    private static final int MAX_WORDS = 100_000;
    private final Map<UTF8String, String> words = new HashMap<>();

    String word(InternalRow r, int i) {
      if (r.isNullAt(i)) {
        return null;
      }
      UTF8String raw = r.getUTF8String(i);
      String w = words.get(raw);
      if (w == null) {
        w = raw.toString();
        if (words.size() < MAX_WORDS) {
          words.put(raw.clone(), w);
        }
      }
      return w;
    }
  }
}
