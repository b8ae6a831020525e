package dev.treue.core.feature;

import static dev.treue.core.time.Days.DAY_MILLIS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.CustomerStateCodec;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.WindowedState;
import dev.treue.core.event.LoyaltyEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, defect 7: mixed histories (purchases, returns, points, offers, sessions, tier changes)
 * offered in shuffled order within the lateness bound give the state, bytes and features of time order.
 */
class WindowedStateOrderTest {
  @Test
  void shuffledHistoriesWithinTheWindowGiveTheStateOfTimeOrder() {
    int from = Histories.day("2024-01-01");
    int to = Histories.day("2025-06-30");
    for (int seed = 1; seed <= 5; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      Random shuffle = new Random(seed);
      for (int m = 0; m < 60; m++) {
        String id = "m" + m;
        List<LoyaltyEvent> history = Histories.randomHistory(r, id, from + r.nextInt(300), to);
        history.sort(LoyaltyEvent.REPLAY_ORDER);
        Member member = new Member(id, from, "silver", CustomerState.NONE, "family", "web", true);
        WindowedState inOrder = WindowedState.of(CustomerState.of(member));
        history.forEach(inOrder::offer);
        // Shuffle within blocks that fit the bound: fewer than 64 events spanning under 35 days.
        List<LoyaltyEvent> arrival = new ArrayList<>();
        int start = 0;
        while (start < history.size()) {
          int end = start;
          while (end < history.size()
              && end - start < WindowedState.WINDOW_EVENTS - 1
              && history.get(end).tsMillis() - history.get(start).tsMillis() < 30 * 86_400_000L) {
            end++;
          }
          end = Math.max(end, start + 1);
          List<LoyaltyEvent> block = new ArrayList<>(history.subList(start, end));
          Collections.shuffle(block, shuffle);
          arrival.addAll(block);
          start = end;
        }
        WindowedState shuffled = WindowedState.of(CustomerState.of(member));
        for (LoyaltyEvent e : arrival) {
          assertEquals(WindowedState.Outcome.ACCEPTED, shuffled.offer(e), "seed " + seed + " " + e);
        }
        assertArrayEquals(
            CustomerStateCodec.encode(inOrder), CustomerStateCodec.encode(shuffled), id);
        CustomerState replay = CustomerState.of(member);
        history.forEach(replay::apply);
        assertArrayEquals(
            ChurnFeatures.compute(replay, to), ChurnFeatures.compute(shuffled.view(), to));
        assertArrayEquals(
            CustomerStateCodec.encode(replay), CustomerStateCodec.encode(shuffled.view()));
      }
    }
  }

  @Test
  void aBatchLoadedStateIsItsOwnViewAndOffersNeverFoldIntoIt() {
    Member member =
        new Member(
            "b", Histories.day("2024-01-01"), "basic", CustomerState.NONE, "family", "web", true);
    CustomerState loaded = CustomerState.of(member);
    long until = Histories.day("2024-06-01") * DAY_MILLIS;
    loaded.apply(
        new LoyaltyEvent(
            "old",
            "b",
            until - 5_000,
            dev.treue.core.event.EventType.PURCHASE,
            10,
            0,
            "x",
            null,
            "web"));
    byte[] before = CustomerStateCodec.encode(loaded);
    WindowedState w = WindowedState.settled(loaded, until);
    assertSame(loaded, w.view(), "no copy while the window is empty");
    assertEquals(
        WindowedState.Outcome.TOO_LATE,
        w.offer(
            new LoyaltyEvent(
                "late",
                "b",
                until - 1,
                dev.treue.core.event.EventType.PURCHASE,
                5,
                0,
                "x",
                null,
                "web")));
    assertEquals(
        WindowedState.Outcome.ACCEPTED,
        w.offer(
            new LoyaltyEvent(
                "new",
                "b",
                until + 1_000,
                dev.treue.core.event.EventType.PURCHASE,
                20,
                0,
                "x",
                null,
                "web")));
    assertArrayEquals(before, CustomerStateCodec.encode(loaded), "the settled state is untouched");
    assertEquals(2, w.view().purchases());
    byte[] stored = CustomerStateCodec.encode(w);
    WindowedState decoded = CustomerStateCodec.decodeWindowed(stored);
    assertEquals(1, decoded.window().size());
    assertEquals(2, decoded.view().purchases());
    // Decoded for reading: the same view without a copy, the same raw window, and no way to update
    // it.
    WindowedState read = CustomerStateCodec.decodeForReading(stored);
    assertArrayEquals(
        CustomerStateCodec.encode(decoded.view()), CustomerStateCodec.encode(read.view()));
    assertEquals(decoded.window(), read.window());
    assertThrows(
        IllegalStateException.class,
        () ->
            read.offer(
                new LoyaltyEvent(
                    "next",
                    "b",
                    until + 9_000,
                    dev.treue.core.event.EventType.PURCHASE,
                    1,
                    0,
                    "x",
                    null,
                    "web")));
    assertThrows(IllegalStateException.class, () -> CustomerStateCodec.encode(read));
    assertEquals(2, read.view().purchases(), "nothing was folded twice");
  }
}
