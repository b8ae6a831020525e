package dev.treue.benchmarks;

import static dev.treue.core.time.Days.DAY_MILLIS;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Members of a loyalty programme with two years of history, folded into {@link CustomerState}s the
 * way the service keeps them: purchases at a personal pace with returns, points earned, redeemed
 * and expired, offers sent, viewed and redeemed, app sessions, email opens and tier changes. About
 * a third of the members lapse: they stop buying and engaging some months before the as-of day,
 * which is the churn label the benchmark model learns.
 */
final class SyntheticProgramme {
  /** The day features are computed at: 2025-06-30. */
  static final int AS_OF_DAY = 20269;

  private static final int HISTORY_DAYS = 730;
  private static final String[] CATEGORIES = {
    "grocery", "fashion", "home", "beauty", "electronics", "toys"
  };

  /** One member: the folded state and whether the member lapsed. */
  record Customer(CustomerState state, boolean lapsed) {}

  private SyntheticProgramme() {}

  static List<Customer> customers(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Customer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(customer("m" + i, rnd));
    }
    return out;
  }

  private static Customer customer(String id, SplittableRandom rnd) {
    int signup = AS_OF_DAY - 30 - rnd.nextInt(HISTORY_DAYS);
    Member member =
        new Member(
            id,
            signup,
            TierLadder.NAMES.get(rnd.nextInt(2)),
            CustomerState.NONE,
            rnd.nextBoolean() ? "value" : "premium",
            "store",
            true);
    boolean lapsed = rnd.nextInt(3) == 0;
    int activeUntil = lapsed ? AS_OF_DAY - 30 - rnd.nextInt(200) : AS_OF_DAY;
    double gapDays = 3 + rnd.nextDouble() * 40;
    double basket = 15 + rnd.nextDouble() * 120;
    List<LoyaltyEvent> events = new ArrayList<>();
    int seq = 0;
    long points = 0;
    int tier = TierLadder.rank(member.tier());
    for (double day = signup + rnd.nextDouble() * gapDays;
        day < activeUntil;
        day += gap(rnd, gapDays)) {
      long ts = (long) (day * DAY_MILLIS);
      String category = CATEGORIES[rnd.nextInt(CATEGORIES.length)];
      double amount = Math.round(basket * (0.3 + rnd.nextDouble() * 1.4) * 100) / 100.0;
      events.add(event(id, seq++, ts, EventType.PURCHASE, amount, 0, category, null));
      long earned = Math.round(amount);
      events.add(event(id, seq++, ts + 1, EventType.POINTS_EARNED, 0, earned, null, null));
      points += earned;
      if (rnd.nextInt(15) == 0) {
        events.add(
            event(id, seq++, ts + 3_600_000L, EventType.RETURN, amount / 2, 0, category, null));
      }
      if (points > 500 && rnd.nextInt(4) == 0) {
        events.add(event(id, seq++, ts + 2, EventType.POINTS_REDEEMED, 0, 500, null, null));
        points -= 500;
      }
      if (rnd.nextInt(25) == 0 && tier < TierLadder.NAMES.size() - 1) {
        events.add(
            event(
                id,
                seq++,
                ts + 3,
                EventType.TIER_CHANGE,
                0,
                0,
                TierLadder.NAMES.get(++tier),
                null));
      }
    }
    for (int day = signup + rnd.nextInt(30); day < AS_OF_DAY; day += 14 + rnd.nextInt(28)) {
      long ts = day * DAY_MILLIS + 36_000_000L;
      String offer = "o" + (day % 97);
      events.add(
          event(
              id,
              seq++,
              ts,
              EventType.OFFER_SENT,
              0,
              0,
              CATEGORIES[day % CATEGORIES.length],
              offer));
      boolean engaged = day < activeUntil;
      if (engaged && rnd.nextInt(3) == 0) {
        events.add(event(id, seq++, ts + 60_000L, EventType.OFFER_VIEWED, 0, 0, null, offer));
        if (rnd.nextInt(3) == 0) {
          events.add(event(id, seq++, ts + 120_000L, EventType.OFFER_REDEEMED, 0, 0, null, offer));
        }
      }
      if (engaged && rnd.nextInt(2) == 0) {
        events.add(event(id, seq++, ts + 7_200_000L, EventType.EMAIL_OPEN, 0, 0, null, null));
      }
      if (engaged && rnd.nextBoolean()) {
        events.add(event(id, seq++, ts + 9_000_000L, EventType.APP_SESSION, 0, 0, null, null));
      }
    }
    if (points > 200 && rnd.nextInt(4) == 0) {
      long ts = (AS_OF_DAY - rnd.nextInt(60)) * DAY_MILLIS;
      events.add(
          event(id, seq++, ts, EventType.POINTS_EXPIRED, 0, Math.min(points, 150), null, null));
    }
    if (lapsed && tier > 0 && rnd.nextBoolean()) {
      long ts = (AS_OF_DAY - rnd.nextInt(25)) * DAY_MILLIS;
      events.add(
          event(id, seq, ts, EventType.TIER_CHANGE, 0, 0, TierLadder.NAMES.get(tier - 1), null));
    }
    events.sort(Comparator.comparingLong(LoyaltyEvent::tsMillis));
    CustomerState state = CustomerState.of(member);
    for (LoyaltyEvent e : events) {
      state.apply(e);
    }
    return new Customer(state, lapsed);
  }

  private static double gap(SplittableRandom rnd, double meanDays) {
    return Math.max(1, -Math.log(1 - rnd.nextDouble()) * meanDays);
  }

  private static LoyaltyEvent event(
      String id,
      int seq,
      long ts,
      EventType type,
      double amount,
      long points,
      String category,
      String offerId) {
    return new LoyaltyEvent(id + "-" + seq, id, ts, type, amount, points, category, offerId, "app");
  }
}
