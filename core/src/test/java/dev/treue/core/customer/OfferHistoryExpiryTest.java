package dev.treue.core.customer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.time.Days;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A state forgets offer histories after {@link CustomerState#OFFER_HISTORY_DAYS} of silence just as
 * when it looks at every history on every new latest day: one state folds a random history, a second
 * the same history but decoded afresh before every event (a decoded state knows nothing about its
 * histories' days, so it looks at all of them), and both encode the same after every step.
 */
class OfferHistoryExpiryTest {
  private static final EventType[] TYPES = {
    EventType.OFFER_SENT, EventType.OFFER_SENT, EventType.OFFER_REDEEMED, EventType.APP_SESSION
  };

  @Test
  void forgetsTheSameHistoriesAsAStateThatLooksAtAllOfThem() {
    int forgotten = 0;
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      CustomerState kept = new CustomerState("m");
      CustomerState fresh = new CustomerState("m");
      int day = 19_000;
      for (int step = 0; step < 400; step++) {
        // Mostly days or weeks apart, now and then a year or more of silence, sometimes late.
        int gap = random.nextInt(10) == 0 ? 300 + random.nextInt(600) : random.nextInt(20);
        day += gap;
        int on = random.nextInt(6) == 0 ? day - random.nextInt(500) : day;
        EventType type = TYPES[random.nextInt(TYPES.length)];
        String offer = type == EventType.APP_SESSION ? null : "o" + random.nextInt(12);
        LoyaltyEvent e =
            new LoyaltyEvent(
                "e" + step, "m", on * Days.DAY_MILLIS + 1, type, 0, 0, null, offer, null);
        int before = kept.offerHistory().size();
        kept.apply(e);
        fresh = CustomerStateCodec.decode(CustomerStateCodec.encode(fresh));
        fresh.apply(e);
        if (kept.offerHistory().size() < before) {
          forgotten++;
        }
        assertArrayEquals(
            CustomerStateCodec.encode(fresh),
            CustomerStateCodec.encode(kept),
            "seed " + seed + " step " + step);
      }
    }
    assertTrue(forgotten > 20, "the histories forgot offers only " + forgotten + " times");
  }
}
