package dev.treue.training.replay;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
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
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Members and their events as one stream, partitioned by member and sorted within each partition,
 * so a member's profile and events arrive together and are replayed one member at a time: the same
 * members and histories as {@link MemberHistories#join}, without building a list of event structs
 * per member in Spark, a second shuffle for the join, or sorting those lists' rows. One shuffle of
 * flat rows (Spark's own binary rows, compressed; the event type as one byte) and a sort inside
 * each partition, or none where both tables come from a validated folder's member buckets; a
 * partition holds only one member's history in memory at a time ({@link #histories}), read
 * without a {@code Row} object per event.
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

  /** Where {@link #sorted}'s profile struct holds each field {@link #member} reads. */
  private static final int[] PROFILE_FIELDS = {0, 1, 2, 3, 4, 5};

  /**
   * Where {@link #sorted}'s rows hold each event field {@link #event} reads: customer_id,
   * ts_millis, then {@link #EVENT_COLUMNS} in order.
   */
  private static final int[] EVENT_FIELDS = {1, 2, 3, 4, 5, 6, 7};

  private static final EventType[] TYPES = EventType.values();

  /** The member's columns in the order of their row: the member id, then the profile's. */
  static List<String> memberColumns() {
    List<String> columns = new ArrayList<>(List.of("customer_id"));
    columns.addAll(List.of(PROFILE_COLUMNS));
    return List.copyOf(columns);
  }

  /** An event's columns in the order of their row: member id, time, then {@link #EVENT_COLUMNS}. */
  static List<String> eventColumns() {
    return eventColumns(EventIds.READ);
  }

  /** {@link #eventColumns()}, without the event id (the first of {@link #EVENT_COLUMNS}) if not read. */
  static List<String> eventColumns(EventIds ids) {
    List<String> columns = new ArrayList<>(List.of("customer_id", "ts_millis"));
    columns.addAll(List.of(EVENT_COLUMNS));
    if (ids == EventIds.NOT_NEEDED) {
      columns.remove(EVENT_COLUMNS[0]);
    }
    return List.copyOf(columns);
  }

  private StreamedHistories() {}

  /** One member and their events in replay order ({@link MemberReplay#TIME_ORDER}). */
  public record History(Member member, List<LoyaltyEvent> events) {}

  /** Whether a job reads its events' ids. */
  public enum EventIds {
    /**
     * Every event carries its id, whatever the source: for a job that keeps or compares them. None
     * does today (the service's window of recent events is the one place that keeps ids, and a
     * load leaves it empty); the replay's tests compare the two kinds.
     */
    READ,

    /**
     * The job only folds events into a {@link CustomerState}, which never reads an id. Where the
     * histories come from a member bucket's column batches, whose events lie in replay order
     * already (the bucket is sorted by time, then id: Spark sorts the ids by their bytes, which
     * for ids of the contract, ASCII by {@link dev.treue.core.id.IdRule#EVENT}, is the order of
     * {@link LoyaltyEvent#REPLAY_ORDER}), the ids are not read at all and the events carry none
     * (null): decoding and copying an id for every event was a sixth of the feature job. From any
     * other source they are read to sort the events, and kept.
     */
    NOT_NEEDED
  }

  /** The rows of both sides partitioned by member and sorted by member and time. */
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
   * Every member of {@code members} with their events of {@code events} in replay order, a
   * partition's members one at a time (a partition holds one member's history in memory at a
   * time), each member in one partition. Spark plans the rows here; with adaptive execution on,
   * that runs the shuffle now.
   *
   * <p>From the member buckets of a validated folder (both tables in the same buckets), bucket
   * {@code i} of the members is merged with bucket {@code i} of the events with no shuffle; where
   * both are plain bucketed scans (maybe filtered), the rows are read straight from Parquet's
   * column batches ({@link ColumnarHistories}), otherwise from Spark's rows. From anything else,
   * one shuffle and sort of flat rows.
   *
   * @param members validated {@code customers} rows
   * @param events validated, de-duplicated {@code events} rows
   */
  public static JavaRDD<History> histories(Dataset<Row> members, Dataset<Row> events) {
    return histories(members, events, EventIds.READ);
  }

  /**
   * {@link #histories(Dataset, Dataset)}, leaving the events' ids out where the job does not need
   * them and the source allows it.
   *
   * @param members validated {@code customers} rows
   * @param events validated, de-duplicated {@code events} rows
   * @param ids whether the job reads the events' ids
   */
  public static JavaRDD<History> histories(
      Dataset<Row> members, Dataset<Row> events, EventIds ids) {
    Sides sides = sides(members, events);
    OptionalInt buckets = BucketedSides.shared(sides.members(), sides.events());
    if (buckets.isEmpty()) {
      return sorted(sides)
          .queryExecution()
          .toRdd()
          .toJavaRDD()
          .mapPartitions(StreamedHistories::members);
    }
    int n = buckets.getAsInt();
    Optional<ColumnarScan> m = ColumnarScan.of(members, ColumnarHistories.MEMBER_COLUMNS);
    Optional<ColumnarScan> e = ColumnarScan.of(events, eventColumns(ids));
    if (m.isPresent() && e.isPresent()) {
      ColumnarScan.Reading mr = m.get().reading();
      ColumnarScan.Reading er = e.get().reading();
      return m.get()
          .batches()
          .toJavaRDD()
          .zipPartitions(
              e.get().batches().toJavaRDD(),
              (mb, eb) ->
                  ColumnarHistories.histories(
                      mb, mr, eb, er, ids, n, TaskContext.getPartitionId()));
    }
    JavaRDD<InternalRow> mi = sides.members().queryExecution().toRdd().toJavaRDD();
    JavaRDD<InternalRow> ei = sides.events().queryExecution().toRdd().toJavaRDD();
    return mi.zipPartitions(
        ei, (a, b) -> members(BucketedSides.merged(a, b, n, TaskContext.getPartitionId())));
  }

  /**
   * The members of one partition of {@link #sorted} rows (or of {@link BucketedSides#merged}
   * ones), each with their events sorted in replay order, read lazily one member at a time. Spark
   * reuses one row object for every row, so a value kept past its row is copied.
   */
  static Iterator<History> members(Iterator<InternalRow> rows) {
    return new LookAhead<>() {
      private final RepeatedValues<String> words = new RepeatedValues<>(UTF8String::toString);
      private InternalRow pending = rows.hasNext() ? rows.next() : null;

      /** The next member with a profile; groups of events without one are skipped. */
      @Override
      protected History following() {
        while (pending != null) {
          UTF8String id = pending.getUTF8String(CUSTOMER_ID).clone();
          String customerId = id.toString();
          Member member = null;
          List<LoyaltyEvent> events = new ArrayList<>();
          while (pending != null && id.equals(pending.getUTF8String(CUSTOMER_ID))) {
            if (!pending.isNullAt(PROFILE_AT)) {
              InternalRow profile = pending.getStruct(PROFILE_AT, PROFILE_COLUMNS.length);
              member = member(customerId, profile, PROFILE_FIELDS);
            } else {
              events.add(
                  event(
                      customerId,
                      pending,
                      EVENT_FIELDS,
                      type(pending, 3),
                      word(pending, 6, words),
                      word(pending, 7, words)));
            }
            pending = rows.hasNext() ? rows.next() : null;
          }
          if (member != null) {
            // Spark sorted by time; this settles ties by event id exactly as every replay does.
            MemberReplay.sort(events);
            return new History(member, events);
          }
        }
        return null;
      }
    };
  }

  /**
   * What {@code perMember} gives for each member of one partition of {@link #histories}, in turn
   * and lazily: a member's history is read only once the rows of the member before are used up.
   */
  public static <T> Iterator<T> flatMap(
      Iterator<History> members, Function<History, Iterator<T>> perMember) {
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

  /**
   * A member from a row holding their profile.
   *
   * @param at where the row holds signup day, tier, birth day, segment, channel and consent
   */
  static Member member(String customerId, InternalRow p, int[] at) {
    return new Member(
        customerId,
        p.getInt(at[0]),
        string(p, at[1]),
        p.isNullAt(at[2]) ? CustomerState.NONE : p.getInt(at[2]),
        string(p, at[3]),
        string(p, at[4]),
        p.isNullAt(at[5]) || p.getBoolean(at[5]));
  }

  /**
   * An event from a row holding it.
   *
   * <p>The type, category and offer id are read by the caller, as the rows hold them (a code or a
   * name, a dictionary entry or the row's own bytes).
   *
   * @param at where the row holds time, event id, amount and points (the first, second, fourth and
   *     fifth place; the others are the caller's); a negative place for the id when it is not read
   */
  static LoyaltyEvent event(
      String customerId, InternalRow r, int[] at, EventType type, String category, String offerId) {
    return new LoyaltyEvent(
        at[1] < 0 ? null : string(r, at[1]),
        customerId,
        r.getLong(at[0]),
        type,
        r.isNullAt(at[3]) ? 0 : r.getDouble(at[3]),
        r.isNullAt(at[4]) ? 0 : r.getLong(at[4]),
        category,
        offerId,
        null);
  }

  private static EventType type(InternalRow r, int i) {
    return r.isNullAt(i) ? EventType.fromWire(null) : TYPES[r.getByte(i)];
  }

  private static String string(InternalRow r, int i) {
    if (r.isNullAt(i)) {
      return null;
    }
    UTF8String s = r.getUTF8String(i);
    // Decoded from the row's own bytes where it has them on the heap: toString copies them out
    // first (an event id a row, 59M at 1M members).
    if (s.getBaseObject() instanceof byte[] bytes) {
      int from = Math.toIntExact(s.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET);
      return new String(bytes, from, s.numBytes(), StandardCharsets.UTF_8);
    }
    return s.toString();
  }

  /** A string column's value made once a partition for each distinct string, or null. */
  private static String word(InternalRow r, int i, RepeatedValues<String> words) {
    return r.isNullAt(i) ? null : words.get(r.getUTF8String(i));
  }
}
