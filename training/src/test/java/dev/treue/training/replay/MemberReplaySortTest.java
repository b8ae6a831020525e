package dev.treue.training.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link MemberReplay#sort} puts a member's events in the order the list's own sort gives them,
 * whether they come sorted (as member buckets hold them), nearly sorted (ties on time in file
 * order, which is byte order, where the ids sort differently as strings) or shuffled.
 */
class MemberReplaySortTest {
  @Test
  void givesTheOrderOfTheListsOwnSort() {
    // Ids whose UTF-8 byte order differs from their string order: U+FF21 sorts after U+1F600 as
    // bytes, before it as Java's UTF-16 strings.
    String[] ids = {"a", "b", "\uFF21", "\uD83D\uDE00", "a1", "", "B"};
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
        java.util.Collections.shuffle(events, random);
      } else if (seed % 3 == 1) {
        events.sort(MemberReplay.TIME_ORDER);
      }
      List<LoyaltyEvent> expected = new ArrayList<>(events);
      expected.sort(MemberReplay.TIME_ORDER);
      MemberReplay.sort(events);
      assertEquals(expected, events, "seed " + seed);
    }
  }
}
