package dev.treue.training.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.CustomerStateCodec;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.WindowedState;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.training.replay.MemberReplay;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One rule for events a lifetime cap refuses: the snapshot replay ({@link MemberReplay#stateBefore})
 * leaves out exactly the events the service's path (a {@link WindowedState}, the {@code out_of_range}
 * status) refuses, so training and served features agree at the limits.
 */
class RefusedEventReplayTest {
  private static final long DAY = 86_400_000L;

  @Test
  void theSnapshotReplayLeavesOutWhatTheServiceRefuses() {
    Member member =
        new Member("whale", 19_990, "basic", CustomerState.NONE, "regular", "app", true);
    List<LoyaltyEvent> events = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      long ts = (20_000L + i * 3) * DAY;
      // 9e11 per purchase: the twelfth passes the lifetime spend cap of 1e13, and so does every
      // later one.
      events.add(
          new LoyaltyEvent(
              "p" + (10 + i), "whale", ts, EventType.PURCHASE, 9e11, 0, "yachts", null, "web"));
      events.add(
          new LoyaltyEvent(
              "q" + (10 + i), "whale", ts + 1, EventType.PURCHASE, 12.5, 0, "coffee", null, "web"));
    }
    events.sort(MemberReplay.TIME_ORDER);
    long end = 20_100L * DAY;
    CustomerState replayed = MemberReplay.stateBefore(member, events, end);
    // The service's path: the same events offered in time order to a member's window.
    WindowedState window = WindowedState.of(CustomerState.beforeHistory(member, events));
    int refused = 0;
    for (LoyaltyEvent e : events) {
      refused += window.offer(e) == WindowedState.Outcome.OUT_OF_RANGE ? 1 : 0;
    }
    assertEquals(3, refused);
    CustomerState served = window.view();
    assertEquals(
        11 + 14, replayed.purchases(), "the refused purchases are left out, the small ones kept");
    assertArrayEquals(CustomerStateCodec.encode(served), CustomerStateCodec.encode(replayed));
    assertArrayEquals(
        ChurnFeatures.compute(served, 20_050), ChurnFeatures.compute(replayed, 20_050));
  }
}
