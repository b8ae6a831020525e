package dev.treue.training.replay;

import static org.apache.spark.sql.functions.col;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How a member's history is replayed into a {@link CustomerState}: in time order (ties by event id),
 * from the state the member had before the history ({@link CustomerState#beforeHistory}: the tier
 * before the history, not the export-time tier). Snapshots and the materialized feature cache
 * both replay this way, so the service starts from exactly the state training saw.
 */
public final class MemberReplay {
  /** Replay order: timestamp, then event id ({@link LoyaltyEvent#REPLAY_ORDER}). */
  public static final Comparator<LoyaltyEvent> TIME_ORDER = LoyaltyEvent.REPLAY_ORDER;

  private MemberReplay() {}

  /**
   * The events a replay up to {@code endMillis} (exclusive) needs: those before it, and the tier
   * changes after it, which are not folded ({@link #stateBefore} stops at {@code endMillis}) but say
   * which tier the member held before them ({@link CustomerState#beforeHistory}). Cutting the
   * history at a past as-of day without them seeds the export-time tier, a tier the member may only
   * have reached later.
   */
  public static Dataset<Row> eventsForReplayBefore(Dataset<Row> events, long endMillis) {
    return events.filter(
        col("ts_millis").lt(endMillis).or(col("type").equalTo(EventType.TIER_CHANGE.wireName())));
  }

  /** The member profile of a {@link MemberHistories} row. */
  public static Member member(Row row) {
    return MemberRows.member(row);
  }

  /** The events of a {@link MemberHistories} row, sorted in replay order. */
  public static List<LoyaltyEvent> sortedEvents(Row row) {
    List<LoyaltyEvent> events = MemberRows.events(row);
    sort(events);
    return events;
  }

  /**
   * Sorts a member's events in replay order ({@link #TIME_ORDER}). Read from a member bucket or
   * sorted by Spark they mostly are in that order already (by time; ties only need the ids
   * compared, where there are ids): one pass over the times then settles it, where the list's sort
   * compared every pair through the comparator's chain of lambdas (a fortieth of the feature job).
   */
  public static void sort(List<LoyaltyEvent> events) {
    for (int i = 1; i < events.size(); i++) {
      LoyaltyEvent a = events.get(i - 1);
      LoyaltyEvent b = events.get(i);
      // Two events at one time without ids (a replay that left them out) are equal in the order.
      if (a.tsMillis() > b.tsMillis()
          || a.tsMillis() == b.tsMillis()
              && (a.eventId() != null || b.eventId() != null)
              && TIME_ORDER.compare(a, b) > 0) {
        events.sort(TIME_ORDER);
        return;
      }
    }
  }

  /** The events before {@code endMillis} (exclusive) of a history sorted in replay order. */
  public static List<LoyaltyEvent> before(List<LoyaltyEvent> sorted, long endMillis) {
    int n = 0;
    while (n < sorted.size() && sorted.get(n).tsMillis() < endMillis) {
      n++;
    }
    return sorted.subList(0, n);
  }

  /**
   * The state after every event before {@code endMillis} (exclusive), events sorted in replay order.
   * Events a lifetime cap refuses are left out ({@link CustomerState#applyUnlessRefused}), as the
   * service refuses them ({@code out_of_range}) when it receives the same events in time order.
   */
  public static CustomerState stateBefore(
      Member member, List<LoyaltyEvent> sorted, long endMillis) {
    CustomerState state = CustomerState.beforeHistory(member, sorted);
    for (LoyaltyEvent e : sorted) {
      if (e.tsMillis() >= endMillis) {
        break;
      }
      state.applyUnlessRefused(e);
    }
    return state;
  }
}
