package dev.treue.training.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link MemberReplay#sort} puts a member's events in the order the list's own sort gives them,
 * whether they come sorted (as member buckets hold them), nearly sorted (ties on time in any
 * order) or shuffled.
 */
class MemberReplaySortTest {
  @Test
  void givesTheOrderOfTheListsOwnSort() {
    String[] ids = {"a", "b", "a1", "", "B", "a:1", "a.1"};
    for (long seed = 1; seed <= 200; seed++) {
      Random random = new Random(seed);
      List<LoyaltyEvent> events = new ArrayList<>();
      long ts = 1_700_000_000_000L;
      for (int i = 0, n = random.nextInt(60); i < n; i++) {
        ts += random.nextInt(3) == 0 ? 0 : random.nextInt(1_000);
        String id = ids[random.nextInt(ids.length)] + random.nextInt(3);
        events.add(new LoyaltyEvent(id, "m", ts, EventType.PURCHASE, 1, 0, null, null, null));
      }
      if (seed % 3 == 0) {
        Collections.shuffle(events, random);
      } else if (seed % 3 == 1) {
        events.sort(MemberReplay.TIME_ORDER);
      }
      List<LoyaltyEvent> expected = new ArrayList<>(events);
      expected.sort(MemberReplay.TIME_ORDER);
      MemberReplay.sort(events);
      assertEquals(expected, events, "seed " + seed);
    }
  }

  @Test
  void keepsEventsAtOneTimeWithoutIdsInTheirOrderAndSortsTheTimes() {
    // A replay that left the ids out: ties stay as the bucket holds them (a stable sort).
    LoyaltyEvent a = new LoyaltyEvent(null, "m", 20, EventType.PURCHASE, 1, 0, null, null, null);
    LoyaltyEvent b =
        new LoyaltyEvent(null, "m", 20, EventType.POINTS_EARNED, 0, 5, null, null, null);
    LoyaltyEvent c = new LoyaltyEvent(null, "m", 10, EventType.PURCHASE, 2, 0, null, null, null);
    List<LoyaltyEvent> tied = new ArrayList<>(List.of(a, b));
    MemberReplay.sort(tied);
    assertEquals(List.of(a, b), tied);
    List<LoyaltyEvent> late = new ArrayList<>(List.of(a, b, c));
    MemberReplay.sort(late);
    assertEquals(List.of(c, a, b), late);
  }
}
