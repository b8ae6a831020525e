package dev.treue.core.feature;

import static dev.treue.core.time.Days.DAY_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.CustomerStateCodec;
import dev.treue.core.customer.WindowedState;
import dev.treue.core.customer.WindowedState.Outcome;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A decoded state tells repeated ids the same way whether it compares the window's ids one by one
 * (its first few offers, as the service makes them) or through the set it builds for more: every id
 * of the window is a duplicate, an id accepted since is one too, and an id that settled out of the
 * window is not.
 */
class WindowedStateDuplicatesTest {
  private static final int FIRST_DAY = Histories.day("2025-03-01");

  /** A full window: {@value WindowedState#WINDOW_EVENTS} purchases an hour apart, encoded. */
  private static byte[] fullWindow(List<LoyaltyEvent> offered) {
    WindowedState w = WindowedState.of(new CustomerState(Histories.ID));
    for (int i = 0; i < WindowedState.WINDOW_EVENTS; i++) {
      LoyaltyEvent e = purchaseAt(hour(i), "w" + i);
      offered.add(e);
      assertEquals(Outcome.ACCEPTED, w.offer(e));
    }
    return CustomerStateCodec.encode(w);
  }

  private static long hour(int i) {
    return FIRST_DAY * DAY_MILLIS + i * 3_600_000L;
  }

  private static LoyaltyEvent purchaseAt(long tsMillis, String id) {
    return new LoyaltyEvent(
        id, Histories.ID, tsMillis, EventType.PURCHASE, 10.5, 0, "home", null, "web");
  }

  @Test
  void everyIdOfTheWindowIsADuplicateAcrossTheScanAndTheSet() {
    List<LoyaltyEvent> window = new ArrayList<>();
    WindowedState decoded = CustomerStateCodec.decodeWindowed(fullWindow(window));
    for (LoyaltyEvent e : window) {
      assertEquals(Outcome.DUPLICATE, decoded.offer(e), e.eventId());
    }
    // Newest first too: the first offers' scans meet the ids at the window's end.
    WindowedState again = CustomerStateCodec.decodeWindowed(fullWindow(new ArrayList<>()));
    for (int i = WindowedState.WINDOW_EVENTS - 1; i >= 0; i--) {
      assertEquals(Outcome.DUPLICATE, again.offer(window.get(i)), window.get(i).eventId());
    }
  }

  @Test
  void idsAcceptedSinceAreDuplicatesAndSettledOnesAreNot() {
    List<LoyaltyEvent> window = new ArrayList<>();
    WindowedState decoded = CustomerStateCodec.decodeWindowed(fullWindow(window));
    int next = WindowedState.WINDOW_EVENTS;
    List<LoyaltyEvent> fresh = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      LoyaltyEvent f = purchaseAt(hour(next++), "f" + i);
      fresh.add(f);
      assertEquals(Outcome.ACCEPTED, decoded.offer(f), f.eventId());
      // Each new id is a duplicate straight away, on the first offers and once the set exists.
      assertEquals(Outcome.DUPLICATE, decoded.offer(f), f.eventId());
      // The window is full: each accepted event settled the oldest one.
      assertEquals(window.get(i + 1).eventId(), decoded.window().get(0).eventId());
    }
    // Every event accepted is still in the window; the first eight of the load settled out of it.
    for (LoyaltyEvent f : fresh) {
      assertEquals(Outcome.DUPLICATE, decoded.offer(f), f.eventId());
    }
    for (int i = 0; i < 7; i++) {
      LoyaltyEvent reused = purchaseAt(hour(next++), window.get(i).eventId());
      assertEquals(Outcome.ACCEPTED, decoded.offer(reused), reused.eventId());
    }
  }
}
