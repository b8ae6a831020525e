package dev.treue.core.feature;

import static dev.treue.core.feature.Histories.day;
import static dev.treue.core.time.Days.DAY_MILLIS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Core-level point-in-time check: features for cutoff day C come from the events of UTC days up to
 * C only, so adding, altering or deleting later events cannot move them. (The real leakage test,
 * through the Spark snapshot job, is {@code SnapshotLeakageIT} in training.)
 */
class FeatureLeakageTest {
  private static final EventType[] TYPES = EventType.values();

  @Test
  void eventsAfterTheCutoffDoNotMoveFeatures() {
    SplittableRandom r = new SplittableRandom(20240229L);
    int from = day("2022-01-01");
    int to = day("2023-12-31");
    int[] cutoffs = {day("2022-06-30"), day("2023-02-28"), day("2023-09-30")};
    int moved = 0;
    for (int m = 0; m < 60; m++) {
      String id = "m" + m;
      Member member =
          new Member(
              id,
              from + r.nextInt(200),
              TierLadder.name(r.nextInt(4)),
              CustomerState.NONE,
              "regular",
              "web",
              true);
      List<LoyaltyEvent> history = Histories.randomHistory(r, id, member.signupEpochDay(), to);
      for (int cutoff : cutoffs) {
        double[] before = features(member, history, cutoff);
        List<LoyaltyEvent> mutated = mutateAfter(r, history, cutoff);
        double[] after = features(member, mutated, cutoff);
        assertArrayEquals(before, after, 0.0, id + " at cutoff " + cutoff);
        WindowOracle.assertMatches(Histories.upTo(history, cutoff), cutoff, before, id);
        // sanity: the mutation did change what a later as-of day sees
        if (!Arrays.equals(features(member, history, to), features(member, mutated, to))) {
          moved++;
        }
      }
    }
    assertNotEquals(0, moved, "mutations after the cutoff must be visible after it");
  }

  @Test
  void lastMillisecondOfTheCutoffDayCountsFirstOfTheNextDoesNot() {
    int cutoff = day("2024-02-29");
    Member member =
        new Member("c1", day("2024-01-01"), "basic", CustomerState.NONE, null, null, true);
    List<LoyaltyEvent> base =
        new ArrayList<>(
            List.of(
                new LoyaltyEvent(
                    "a",
                    "c1",
                    Histories.noon(cutoff - 5),
                    EventType.PURCHASE,
                    10,
                    0,
                    "x",
                    null,
                    null)));
    double[] reference = features(member, base, cutoff);

    List<LoyaltyEvent> late = new ArrayList<>(base);
    late.add(
        new LoyaltyEvent(
            "b", "c1", (cutoff + 1) * DAY_MILLIS - 1, EventType.PURCHASE, 5, 0, "x", null, null));
    double[] withLate = features(member, late, cutoff);
    assertEquals(2, withLate[ChurnFeature.FREQUENCY_30.ordinal()]);
    assertEquals(0, withLate[ChurnFeature.RECENCY_DAYS.ordinal()]);

    List<LoyaltyEvent> next = new ArrayList<>(base);
    next.add(
        new LoyaltyEvent(
            "c", "c1", (cutoff + 1) * DAY_MILLIS, EventType.PURCHASE, 5, 0, "x", null, null));
    assertArrayEquals(reference, features(member, next, cutoff), 0.0);
    assertFalse(Arrays.equals(reference, withLate));
  }

  /** Features at the cutoff from the events of days up to the cutoff, as the snapshot job does. */
  static double[] features(Member member, List<LoyaltyEvent> events, int cutoff) {
    return ChurnFeatures.compute(Histories.fold(member, Histories.upTo(events, cutoff)), cutoff);
  }

  /** Deletes, alters and adds events after the cutoff day; the rest are kept as they are. */
  static List<LoyaltyEvent> mutateAfter(SplittableRandom r, List<LoyaltyEvent> events, int cutoff) {
    long end = (cutoff + 1) * DAY_MILLIS;
    List<LoyaltyEvent> out = new ArrayList<>();
    int n = 0;
    for (LoyaltyEvent e : events) {
      if (e.tsMillis() < end) {
        out.add(e);
        continue;
      }
      double u = r.nextDouble();
      if (u < 0.3) {
        continue; // deleted
      }
      if (u < 0.6) { // altered: type, amount, points, time (still after the cutoff)
        out.add(
            new LoyaltyEvent(
                e.eventId(),
                e.customerId(),
                end + r.nextLong(400 * DAY_MILLIS),
                TYPES[r.nextInt(TYPES.length)],
                r.nextDouble() * 500,
                r.nextLong(1000),
                r.nextBoolean() ? "gold" : "fashion",
                e.offerId(),
                e.channel()));
      } else {
        out.add(e);
      }
      if (r.nextDouble() < 0.2) { // added
        out.add(
            new LoyaltyEvent(
                "new-" + (n++),
                e.customerId(),
                r.nextBoolean() ? end : end + r.nextLong(400 * DAY_MILLIS),
                TYPES[r.nextInt(TYPES.length)],
                r.nextDouble() * 500,
                r.nextLong(1000),
                "basic",
                null,
                null));
      }
    }
    // the first millisecond after the cutoff day, every type
    for (EventType t : TYPES) {
      out.add(
          new LoyaltyEvent(
              "edge-" + t,
              events.isEmpty() ? "x" : events.get(0).customerId(),
              end,
              t,
              99,
              99,
              "platinum",
              "o1",
              null));
    }
    return out;
  }
}
