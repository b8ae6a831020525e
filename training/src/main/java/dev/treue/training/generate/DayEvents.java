package dev.treue.training.generate;

import dev.treue.core.customer.TierLadder;
import dev.treue.core.event.EventType;
import java.util.Arrays;

/**
 * One member-day of events, collected in simulation order and written sorted by time of day, so a
 * member's events come out in time order. Codes instead of strings keep the hot loop cheap.
 */
final class DayEvents {
  static final int NONE = -1;

  /** Category code of a tier name: {@code TIER_BASE + rank}. */
  static final int TIER_BASE = 100;

  static final int STORE = 0;
  static final int WEB = 1;
  static final int APP = 2;
  static final int EMAIL = 3;
  private static final byte[][] CHANNEL_NAMES = {
    CsvOut.ascii("store"), CsvOut.ascii("web"), CsvOut.ascii("app"), CsvOut.ascii("email")
  };
  private static final byte[][] TYPE_NAMES = new byte[EventType.values().length][];
  private static final byte[][] CATEGORY_NAMES = new byte[Categories.COUNT][];
  private static final byte[][] TIER_NAMES = new byte[TierLadder.NAMES.size()][];

  static {
    for (EventType t : EventType.values()) {
      TYPE_NAMES[t.ordinal()] = CsvOut.ascii(t.wireName());
    }
    for (int i = 0; i < Categories.COUNT; i++) {
      CATEGORY_NAMES[i] = CsvOut.ascii(Categories.NAMES[i]);
    }
    for (int i = 0; i < TIER_NAMES.length; i++) {
      TIER_NAMES[i] = CsvOut.ascii(TierLadder.name(i));
    }
  }

  private int n;
  private int[] second = new int[32];
  private EventType[] type = new EventType[32];
  private long[] amount = new long[32];
  private long[] points = new long[32];
  private int[] category = new int[32];
  private int[] offer = new int[32];
  private int[] channel = new int[32];
  private int[] order = new int[32];
  private final int[] counts = new int[EventType.values().length];

  void clear() {
    n = 0;
  }

  int size() {
    return n;
  }

  /**
   * Adds an event.
   *
   * @param sec second of the UTC day, 0..86399
   * @param amountCents money in cents, or {@link #NONE}
   * @param pts points, or {@link #NONE}
   * @param cat category index, {@link #TIER_BASE} + tier rank, or {@link #NONE}
   * @param offerIndex catalogue index, or {@link #NONE}
   * @param ch channel code, or {@link #NONE}
   */
  void add(int sec, EventType t, long amountCents, long pts, int cat, int offerIndex, int ch) {
    if (n == second.length) {
      int m = n * 2;
      second = Arrays.copyOf(second, m);
      type = Arrays.copyOf(type, m);
      amount = Arrays.copyOf(amount, m);
      points = Arrays.copyOf(points, m);
      category = Arrays.copyOf(category, m);
      offer = Arrays.copyOf(offer, m);
      channel = Arrays.copyOf(channel, m);
      order = Arrays.copyOf(order, m);
    }
    second[n] = Math.min(Math.max(sec, 0), 86_399);
    type[n] = t;
    amount[n] = amountCents;
    points[n] = pts;
    category[n] = cat;
    offer[n] = offerIndex;
    channel[n] = ch;
    n++;
  }

  /** Event counts by type over everything written, for the summary. */
  int[] counts() {
    return counts;
  }

  /**
   * Writes the day's events in time order (stable: same-second events keep simulation order, e.g.
   * a purchase before its points).
   *
   * @return the next event sequence number of the member
   */
  int write(
      CsvOut out,
      ProgrammeCalendar cal,
      int day,
      byte[] customerId,
      long member,
      int seq,
      CampaignSchedule offers) {
    sortByTime();
    for (int k = 0; k < n; k++) {
      int i = order[k];
      counts[type[i].ordinal()]++;
      out.ch('e').number(member).ch('-').number(seq++).comma().bytes(customerId).comma();
      int sec = second[i];
      // Web and system events carry UTC ("Z"); store and app events local Berlin time.
      int offset =
          channel[i] == STORE || channel[i] == APP || channel[i] == EMAIL
              ? cal.berlinOffset(day, sec)
              : 0;
      timestamp(out, cal, day, sec, offset);
      out.comma().bytes(TYPE_NAMES[type[i].ordinal()]).comma();
      if (amount[i] != NONE) {
        out.cents(amount[i]);
      }
      out.comma();
      if (points[i] != NONE) {
        out.number(points[i]);
      }
      out.comma();
      int c = category[i];
      if (c >= TIER_BASE) {
        out.bytes(TIER_NAMES[c - TIER_BASE]);
      } else if (c >= 0) {
        out.bytes(CATEGORY_NAMES[c]);
      }
      out.comma();
      if (offer[i] != NONE) {
        out.bytes(offers.idBytes(offer[i]));
      }
      out.comma();
      if (channel[i] != NONE) {
        out.bytes(CHANNEL_NAMES[channel[i]]);
      }
      out.newline();
    }
    return seq;
  }

  /**
   * Writes the day's purchases and returns as shop-export order lines ({@link
   * MemberSimulator#ORDERS_HEADER}), in time order: a return is an order line with a negative
   * amount. Other events are dropped (a shop without a programme has none).
   *
   * @return the next order sequence number of the member
   */
  int writeOrders(
      CsvOut out, ProgrammeCalendar cal, int day, byte[] customerId, long member, int seq) {
    sortByTime();
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (type[i] != EventType.PURCHASE && type[i] != EventType.RETURN) {
        continue;
      }
      counts[type[i].ordinal()]++;
      out.ch('o').number(member).ch('-').number(seq++).comma().bytes(customerId).comma();
      int sec = second[i];
      int offset = channel[i] == STORE || channel[i] == APP ? cal.berlinOffset(day, sec) : 0;
      timestamp(out, cal, day, sec, offset);
      out.comma().cents(type[i] == EventType.RETURN ? -amount[i] : amount[i]).comma();
      if (category[i] >= 0 && category[i] < TIER_BASE) {
        out.bytes(CATEGORY_NAMES[category[i]]);
      }
      out.comma();
      if (channel[i] != NONE) {
        out.bytes(CHANNEL_NAMES[channel[i]]);
      }
      out.newline();
    }
    return seq;
  }

  /** Fills {@code order} with the event indexes sorted by second, stable. */
  private void sortByTime() {
    for (int i = 0; i < n; i++) {
      int j = i;
      while (j > 0 && second[order[j - 1]] > second[i]) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = i;
    }
  }

  /** ISO-8601 local date-time with offset, e.g. {@code 2025-03-04T10:15:30+01:00}. */
  static void timestamp(CsvOut out, ProgrammeCalendar cal, int day, int sec, int offset) {
    int local = sec + offset;
    int localDay = day;
    if (local >= 86_400) {
      local -= 86_400;
      localDay++;
    } else if (local < 0) {
      local += 86_400;
      localDay--;
    }
    out.bytes(cal.date(localDay))
        .ch('T')
        .two(local / 3600)
        .ch(':')
        .two(local / 60 % 60)
        .ch(':')
        .two(local % 60);
    if (offset == 0) {
      out.ch('Z');
    } else {
      int a = Math.abs(offset);
      out.ch(offset > 0 ? '+' : '-').two(a / 3600).ch(':').two(a / 60 % 60);
    }
  }
}
