package dev.treue.core.feature;

import static dev.treue.core.time.Days.DAY_MILLIS;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Test helpers: days, events, states and random member histories. */
final class Histories {
  static final String ID = "c1";
  static final String[] CATEGORIES = {"grocery", "fashion", "beauty", "home", "electronics"};
  static final Comparator<LoyaltyEvent> TIME_ORDER =
      Comparator.comparingLong(LoyaltyEvent::tsMillis).thenComparing(LoyaltyEvent::eventId);

  private static int sequence;

  private Histories() {}

  /** UTC epoch day of an ISO date. */
  static int day(String iso) {
    return Math.toIntExact(LocalDate.parse(iso).toEpochDay());
  }

  /** Noon UTC of a day. */
  static long noon(int day) {
    return day * DAY_MILLIS + DAY_MILLIS / 2;
  }

  static LoyaltyEvent event(
      EventType type, long tsMillis, double amount, long points, String category) {
    return new LoyaltyEvent(
        "e" + (++sequence),
        ID,
        tsMillis,
        type,
        amount,
        points,
        category,
        type.name().startsWith("OFFER") ? "o1" : null,
        "web");
  }

  static LoyaltyEvent purchase(int day, double amount, String category) {
    return event(EventType.PURCHASE, noon(day), amount, 0, category);
  }

  static LoyaltyEvent returned(int day, double amount, String category) {
    return event(EventType.RETURN, noon(day), amount, 0, category);
  }

  static LoyaltyEvent points(EventType type, int day, long points) {
    return event(type, noon(day), 0, points, null);
  }

  static LoyaltyEvent simple(EventType type, int day) {
    return event(type, noon(day), 0, 0, null);
  }

  static LoyaltyEvent tier(int day, String tier) {
    return event(EventType.TIER_CHANGE, noon(day), 0, 0, tier);
  }

  static Member member(int signupDay, String tier) {
    return new Member(ID, signupDay, tier, CustomerState.NONE, "regular", "web", true);
  }

  /** A state seeded with the member and folded from the events in time order. */
  static CustomerState fold(Member member, List<LoyaltyEvent> events) {
    List<LoyaltyEvent> sorted = new ArrayList<>(events);
    sorted.sort(TIME_ORDER);
    CustomerState s = CustomerState.of(member);
    for (LoyaltyEvent e : sorted) {
      s.apply(e);
    }
    return s;
  }

  static CustomerState fold(Member member, LoyaltyEvent... events) {
    return fold(member, List.of(events));
  }

  /** The events whose UTC day is on or before {@code day}. */
  static List<LoyaltyEvent> upTo(List<LoyaltyEvent> events, int day) {
    List<LoyaltyEvent> out = new ArrayList<>();
    for (LoyaltyEvent e : events) {
      if (e.epochDay() <= day) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * A random, internally consistent history of every event type on days [fromDay, toDay]:
   * purchases with occasional same-day repeats and returns, points earned per purchase, FIFO-valid
   * redemptions and expiries, offers, engagement and monthly tier changes. Times of day are random
   * to the millisecond, including the first and last millisecond of a day.
   */
  static List<LoyaltyEvent> randomHistory(
      SplittableRandom r, String customerId, int fromDay, int toDay) {
    List<LoyaltyEvent> out = new ArrayList<>();
    double rate = 0.02 + r.nextDouble() * 0.25;
    long balance = 0;
    int tier = 0;
    int n = 0;
    for (int d = fromDay; d <= toDay; d++) {
      if (r.nextDouble() < rate) {
        int baskets = r.nextDouble() < 0.2 ? 2 + r.nextInt(2) : 1;
        for (int b = 0; b < baskets; b++) {
          double amount = Math.round(r.nextDouble() * 20_000) / 100.0 + 1;
          String cat = r.nextDouble() < 0.05 ? null : CATEGORIES[r.nextInt(CATEGORIES.length)];
          out.add(
              new LoyaltyEvent(
                  customerId + "-" + (n++),
                  customerId,
                  ts(r, d),
                  EventType.PURCHASE,
                  amount,
                  0,
                  cat,
                  null,
                  "store"));
          long pts = (long) amount;
          out.add(
              new LoyaltyEvent(
                  customerId + "-" + (n++),
                  customerId,
                  ts(r, d),
                  EventType.POINTS_EARNED,
                  0,
                  pts,
                  null,
                  null,
                  "store"));
          balance += pts;
          if (r.nextDouble() < 0.08) {
            out.add(
                new LoyaltyEvent(
                    customerId + "-" + (n++),
                    customerId,
                    ts(r, d),
                    EventType.RETURN,
                    Math.round(amount * r.nextDouble() * 100) / 100.0,
                    0,
                    cat,
                    null,
                    "store"));
          }
        }
      }
      if (balance > 50 && r.nextDouble() < 0.01) {
        long p = 1 + r.nextLong(balance);
        balance -= p;
        out.add(
            new LoyaltyEvent(
                customerId + "-" + (n++),
                customerId,
                ts(r, d),
                EventType.POINTS_REDEEMED,
                0,
                p,
                null,
                null,
                "app"));
      }
      if (balance > 0 && r.nextDouble() < 0.005) {
        long p = 1 + r.nextLong(balance);
        balance -= p;
        out.add(
            new LoyaltyEvent(
                customerId + "-" + (n++),
                customerId,
                ts(r, d),
                EventType.POINTS_EXPIRED,
                0,
                p,
                null,
                null,
                null));
      }
      if (r.nextDouble() < 0.03) {
        String offer = "o" + r.nextInt(20);
        out.add(
            new LoyaltyEvent(
                customerId + "-" + (n++),
                customerId,
                ts(r, d),
                EventType.OFFER_SENT,
                0,
                0,
                CATEGORIES[r.nextInt(CATEGORIES.length)],
                offer,
                "email"));
        if (r.nextDouble() < 0.5) {
          out.add(
              new LoyaltyEvent(
                  customerId + "-" + (n++),
                  customerId,
                  ts(r, d),
                  EventType.OFFER_VIEWED,
                  0,
                  0,
                  null,
                  offer,
                  "email"));
        }
        if (r.nextDouble() < 0.2) {
          out.add(
              new LoyaltyEvent(
                  customerId + "-" + (n++),
                  customerId,
                  ts(r, d),
                  EventType.OFFER_REDEEMED,
                  0,
                  0,
                  null,
                  offer,
                  "store"));
        }
      }
      if (r.nextDouble() < 0.06) {
        out.add(
            new LoyaltyEvent(
                customerId + "-" + (n++),
                customerId,
                ts(r, d),
                EventType.APP_SESSION,
                0,
                0,
                null,
                null,
                "app"));
      }
      if (r.nextDouble() < 0.04) {
        out.add(
            new LoyaltyEvent(
                customerId + "-" + (n++),
                customerId,
                ts(r, d),
                EventType.EMAIL_OPEN,
                0,
                0,
                null,
                null,
                "email"));
      }
      if (LocalDate.ofEpochDay(d).getDayOfMonth() == 1 && r.nextDouble() < 0.15) {
        int next = r.nextInt(TierLadder.NAMES.size());
        if (next != tier) {
          tier = next;
          out.add(
              new LoyaltyEvent(
                  customerId + "-" + (n++),
                  customerId,
                  d * DAY_MILLIS + 300_000,
                  EventType.TIER_CHANGE,
                  0,
                  0,
                  TierLadder.name(tier),
                  null,
                  null));
        }
      }
    }
    out.sort(TIME_ORDER);
    return out;
  }

  /** A random time on the day, sometimes its first or last millisecond. */
  static long ts(SplittableRandom r, int day) {
    double u = r.nextDouble();
    if (u < 0.03) {
      return day * DAY_MILLIS;
    }
    if (u < 0.06) {
      return (day + 1) * DAY_MILLIS - 1;
    }
    return day * DAY_MILLIS + r.nextLong(DAY_MILLIS);
  }
}
