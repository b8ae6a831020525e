package dev.treue.training.replay;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * How a member's history is replayed into a {@link CustomerState}: in time order (ties by event id),
 * from the profile the member had before the history. Snapshots and the materialized feature cache
 * both replay this way, so the service starts from exactly the state training saw.
 */
public final class MemberReplay {
  /** Replay order: timestamp, then event id ({@link LoyaltyEvent#REPLAY_ORDER}). */
  public static final Comparator<LoyaltyEvent> TIME_ORDER = LoyaltyEvent.REPLAY_ORDER;

  private MemberReplay() {}

  /** The member profile of a {@link MemberHistories} row. */
  public static Member member(Row row) {
    return MemberRows.member(row);
  }

  /** The events of a {@link MemberHistories} row, sorted in replay order. */
  public static List<LoyaltyEvent> sortedEvents(Row row) {
    List<LoyaltyEvent> events = MemberRows.events(row);
    events.sort(TIME_ORDER);
    return events;
  }

  /**
   * The state after every event before {@code endMillis} (exclusive), events sorted in replay order.
   * Events a lifetime cap refuses are left out ({@link CustomerState#applyUnlessRefused}), as the
   * service refuses them ({@code out_of_range}) when it receives the same events in time order.
   */
  public static CustomerState stateBefore(
      Member member, List<LoyaltyEvent> sorted, long endMillis) {
    CustomerState state = CustomerState.of(startingProfile(member, sorted));
    for (LoyaltyEvent e : sorted) {
      if (e.tsMillis() >= endMillis) {
        break;
      }
      state.applyUnlessRefused(e);
    }
    return state;
  }

  /**
   * The profile as it was before the history. The {@code customers} table holds the tier at export
   * time, i.e. after every tier change in the history: seeding a replay with it would leak the
   * future into earlier cutoffs (and make the first change look like a downgrade). When the history
   * carries tier changes, the member starts at the entry tier and the events move them.
   */
  public static Member startingProfile(Member member, List<LoyaltyEvent> events) {
    for (LoyaltyEvent e : events) {
      if (e.type() == EventType.TIER_CHANGE) {
        return new Member(
            member.customerId(),
            member.signupEpochDay(),
            TierLadder.name(0),
            member.birthEpochDay(),
            member.segment(),
            member.channel(),
            member.profilingConsent());
      }
    }
    return member;
  }
}
