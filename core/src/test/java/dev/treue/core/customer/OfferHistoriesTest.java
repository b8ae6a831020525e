package dev.treue.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.time.Days;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A state's offer histories, kept in sorted arrays, are the sorted map the state kept before: the
 * same offers with the same counts and days, the same one dropped over the cap and the same ones
 * forgotten after {@link CustomerState#OFFER_HISTORY_DAYS} of silence, checked against that map's
 * rules (written out below) over random sends and redemptions of more offers than the cap, with
 * late events and years of silence.
 */
class OfferHistoriesTest {
  @Test
  void keepsWhatTheSortedMapKept() {
    int dropped = 0;
    int forgotten = 0;
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      CustomerState state = new CustomerState("m");
      Reference expected = new Reference();
      int offers = 50 + random.nextInt(200);
      int day = 19_000;
      for (int step = 0; step < 1500; step++) {
        day += random.nextInt(200) == 0 ? 400 + random.nextInt(600) : random.nextInt(3);
        int on = random.nextInt(8) == 0 ? day - random.nextInt(300) : day;
        boolean sent = random.nextInt(3) > 0;
        String offer = "o" + random.nextInt(offers) + (random.nextBoolean() ? "" : "-Ä");
        state.apply(
            new LoyaltyEvent(
                "e" + step,
                "m",
                on * Days.DAY_MILLIS + step,
                sent ? EventType.OFFER_SENT : EventType.OFFER_REDEEMED,
                0,
                0,
                null,
                offer,
                null));
        expected.touch(Math.max(expected.latest, on));
        expected.offer(offer, sent, on);
        assertEquals(expected.asText(), text(state.offerHistory()), "seed " + seed + " " + step);
      }
      dropped += expected.dropped;
      forgotten += expected.forgotten;
      CustomerState back = CustomerStateCodec.decode(CustomerStateCodec.encode(state));
      assertEquals(expected.asText(), text(back.offerHistory()), "decoded, seed " + seed);
      assertEquals(expected.asText(), text(state.copy().offerHistory()), "copied, seed " + seed);
    }
    assertTrue(dropped > 100, "only " + dropped + " histories were dropped over the cap");
    assertTrue(forgotten > 100, "only " + forgotten + " histories were forgotten");
  }

  @Test
  void idsComeInAnyOrder() {
    OfferHistories o = new OfferHistories();
    Map<String, Integer> expected = new TreeMap<>();
    Random random = new Random(3);
    for (int i = 0; i < 400; i++) {
      String id = "o" + random.nextInt(30);
      int sent = random.nextInt(9);
      o.put(id, new OfferHistory(sent, 1, 0, CustomerState.NONE));
      expected.put(id, sent);
      Map<String, Integer> held = new TreeMap<>();
      o.asMap().forEach((k, h) -> held.put(k, h.sent()));
      assertEquals(expected, held);
    }
    assertNull(o.get("absent"));
    assertEquals(expected.get("o3"), o.get("o3").sent());
  }

  private static String text(Map<String, OfferHistory> m) {
    StringBuilder b = new StringBuilder();
    m.forEach(
        (id, h) ->
            b.append(id)
                .append(':')
                .append(h.sent())
                .append('/')
                .append(h.lastSentDay())
                .append('/')
                .append(h.redeemed())
                .append('/')
                .append(h.lastRedeemedDay())
                .append(' '));
    return b.toString();
  }

  /** The state's rules for offer histories as they were, on a sorted map. */
  private static final class Reference {
    final Map<String, int[]> histories = new TreeMap<>(); // sent, lastSent, redeemed, lastRedeemed
    int latest = CustomerState.NONE;
    int dropped;
    int forgotten;

    void touch(int day) {
      if (latest == CustomerState.NONE || day > latest) {
        latest = day;
        int before = histories.size();
        histories.values().removeIf(h -> lastDay(h) <= day - CustomerState.OFFER_HISTORY_DAYS);
        forgotten += before - histories.size();
      }
    }

    void offer(String id, boolean sent, int day) {
      int[] h = histories.get(id);
      if (h == null) {
        if (histories.size() >= CustomerState.MAX_OFFERS) {
          String stalest = null;
          for (Map.Entry<String, int[]> o : histories.entrySet()) {
            if (stalest == null || lastDay(o.getValue()) < lastDay(histories.get(stalest))) {
              stalest = o.getKey();
            }
          }
          histories.remove(stalest);
          dropped++;
        }
        h = new int[] {0, CustomerState.NONE, 0, CustomerState.NONE};
        histories.put(id, h);
      }
      if (sent) {
        h[0]++;
        h[1] = Math.max(h[1], day);
      } else {
        h[2]++;
        h[3] = Math.max(h[3], day);
      }
    }

    String asText() {
      StringBuilder b = new StringBuilder();
      histories.forEach(
          (id, h) ->
              b.append(id)
                  .append(':')
                  .append(h[0])
                  .append('/')
                  .append(h[1])
                  .append('/')
                  .append(h[2])
                  .append('/')
                  .append(h[3])
                  .append(' '));
      return b.toString();
    }

    private static int lastDay(int[] h) {
      return Math.max(h[1], h[3]);
    }
  }
}
