package dev.treue.training.replay;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Members and their events as one stream, partitioned by member and sorted within each partition,
 * so a member's profile and events arrive together and are replayed one member at a time: the same
 * members and histories as {@link MemberHistories#join}, without building a list of event structs
 * per member in Spark, a second shuffle for the join, or sorting those lists' rows. One shuffle of
 * flat rows (Spark's own binary rows, compressed) and a sort inside each partition; a partition
 * holds only one member's history in memory at a time ({@link #members}).
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

  private StreamedHistories() {}

  /** One member and their events in replay order ({@link MemberReplay#TIME_ORDER}). */
  public record History(Member member, List<LoyaltyEvent> events) {}

  /**
   * @param members validated {@code customers} rows
   * @param events validated, de-duplicated {@code events} rows
   * @return rows to hand, partition by partition, to {@link #members}
   */
  public static Dataset<Row> sorted(Dataset<Row> members, Dataset<Row> events) {
    List<Column> eventSide = new ArrayList<>();
    List<Column> memberSide = new ArrayList<>();
    eventSide.add(col("customer_id"));
    memberSide.add(col("customer_id"));
    eventSide.add(col("ts_millis"));
    // The profile row sorts first; its place does not matter to members(), only the cost.
    memberSide.add(lit(Long.MIN_VALUE).as("ts_millis"));
    for (String c : EVENT_COLUMNS) {
      eventSide.add(col(c));
      memberSide.add(lit(null).cast(events.schema().apply(c).dataType()).as(c));
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
    return memberRows
        .unionByName(eventRows)
        .repartition(col("customer_id"))
        .sortWithinPartitions(col("customer_id"), col("ts_millis"));
  }

  /**
   * The members of one partition of {@link #sorted} rows, each with their events sorted in replay
   * order, read lazily one member at a time.
   */
  public static Iterator<History> members(Iterator<Row> rows) {
    return new Iterator<>() {
      private Row pending = rows.hasNext() ? rows.next() : null;
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
          String customerId = pending.getString(0);
          Row profile = null;
          List<LoyaltyEvent> events = new ArrayList<>();
          while (pending != null && customerId.equals(pending.getString(0))) {
            int p = pending.fieldIndex(PROFILE);
            if (!pending.isNullAt(p)) {
              profile = pending.getStruct(p);
            } else {
              events.add(event(customerId, pending));
            }
            pending = rows.hasNext() ? rows.next() : null;
          }
          if (profile != null) {
            // Spark sorted by time; this settles ties by event id exactly as every replay does.
            events.sort(MemberReplay.TIME_ORDER);
            return new History(member(customerId, profile), events);
          }
        }
        return null;
      }
    };
  }

  private static Member member(String customerId, Row p) {
    Integer birth = p.isNullAt(2) ? null : p.getInt(2);
    Boolean consent = p.isNullAt(5) ? null : p.getBoolean(5);
    return new Member(
        customerId,
        p.getInt(0),
        p.getString(1),
        birth == null ? CustomerState.NONE : birth,
        p.getString(3),
        p.getString(4),
        consent == null || consent);
  }

  private static LoyaltyEvent event(String customerId, Row r) {
    // Columns: customer_id, ts_millis, then EVENT_COLUMNS in order.
    return new LoyaltyEvent(
        r.getString(2),
        customerId,
        r.getLong(1),
        EventType.fromWire(r.getString(3)),
        r.isNullAt(4) ? 0 : r.getDouble(4),
        r.isNullAt(5) ? 0 : r.getLong(5),
        r.getString(6),
        r.getString(7),
        null);
  }
}
