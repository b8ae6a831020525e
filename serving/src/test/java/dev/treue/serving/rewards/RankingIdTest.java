package dev.treue.serving.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Ranking ids keep the form they had when {@code String.format} wrote them. */
class RankingIdTest {
  @Test
  void writesTheBitsAsFormatWould() {
    long[] highs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789abcdefL};
    int[] lows = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x89abcdef};
    for (long high : highs) {
      for (int low : lows) {
        assertEquals(String.format("rk-%016x%08x", high, low), RewardsService.rankingId(high, low));
      }
    }
    SplittableRandom r = new SplittableRandom(17);
    for (int i = 0; i < 1000; i++) {
      long high = r.nextLong();
      int low = r.nextInt();
      assertEquals(String.format("rk-%016x%08x", high, low), RewardsService.rankingId(high, low));
    }
  }

  @Test
  void drawsANewIdEachTime() {
    assertNotEquals(RewardsService.rankingId(), RewardsService.rankingId());
  }
}
