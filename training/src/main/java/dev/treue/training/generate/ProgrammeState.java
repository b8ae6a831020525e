package dev.treue.training.generate;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.event.EventType;
import java.util.Arrays;

/**
 * The programme's side of one member: tier, points lots, the net spend ledger behind the tier, due
 * returns, and the offers the member holds. Everything here changes either through a purchase or
 * on a fixed schedule ({@link #startOfDay}), never through other random draws. That is what lets the
 * oracle replay the state exactly over a window in which the member makes no purchase: copy it and
 * call {@link #startOfDay} for each day without an event sink.
 *
 * <p>The state also decides the member's dropout hazard multiplier, which depends only on what the
 * member can see (a recent downgrade, recently expired points, a recent redemption).
 */
final class ProgrammeState {
  static final int NONE = -1_000_000_000;

  /** Hazard x2.5 for 60 days after a tier downgrade: status loss hurts. */
  static final int DOWNGRADE_DAYS = 60;

  static final double DOWNGRADE_HAZARD = 2.5;

  /** Hazard x1.8 for 30 days after points expired: lost value feels like a penalty. */
  static final int EXPIRY_DAYS = 30;

  static final double EXPIRY_HAZARD = 1.8;

  /** Hazard x0.7 for 30 days after cashing in points: a reward received binds the member. */
  static final int REDEMPTION_DAYS = 30;

  static final double REDEMPTION_HAZARD = 0.7;

  /** Tier is re-evaluated on the 1st of each month on the net spend of the previous 365 days. */
  static final int SPEND_WINDOW_DAYS = 365;

  /** Cap on the combined purchase-rate boost of the offers a member holds. */
  static final double MAX_OFFER_BOOST = 3;

  static final int TIER_CHANGE_SECOND = 5 * 60;
  static final int EXPIRY_SECOND = 10 * 60;
  static final int OFFER_SEND_SECOND = 7 * 3600;

  /** Hazard multiplier by {@link #hazardIndex}: bit 4 downgrade, bit 2 expiry, bit 1 redemption. */
  static final double[] HAZARD_MULTIPLIER = new double[8];

  static {
    for (int i = 0; i < 8; i++) {
      HAZARD_MULTIPLIER[i] =
          ((i & 4) != 0 ? DOWNGRADE_HAZARD : 1)
              * ((i & 2) != 0 ? EXPIRY_HAZARD : 1)
              * ((i & 1) != 0 ? REDEMPTION_HAZARD : 1);
    }
  }

  private final ProgrammeCalendar calendar;
  private final CampaignSchedule catalogue;
  private final int[] sendDays;
  private final int[] validTo;

  // Per member, shared by copies: pre-drawn targeting and the member's reaction to each offer.
  boolean[] targeted;
  double[] offerBoost;
  double[] redeemProbability;
  int[] sendChannel;

  int simStart;
  int tier;
  int lastDowngradeDay;
  int lastExpiryDay;
  int lastRedemptionDay;
  long balance;
  final DayQueue lots = new DayQueue();
  final DayQueue ledger = new DayQueue();
  long ledgerSum;

  int returnCount;
  int[] returnDay = new int[8];
  int[] returnSecond = new int[8];
  long[] returnCents = new long[8];
  int[] returnCategory = new int[8];
  int[] returnChannel = new int[8];

  int activeCount;
  int[] active = new int[16];

  /** Purchase-rate boost of the offers held, kept current as offers come and go. */
  private double boost = 1;

  int offerCursor;

  /** Offers sent today (set by {@link #startOfDay}), which the member may open or view. */
  int sentCount;

  int[] sentToday = new int[16];

  ProgrammeState(ProgrammeCalendar calendar, CampaignSchedule catalogue) {
    this.calendar = calendar;
    this.catalogue = catalogue;
    sendDays = catalogue.offers().stream().mapToInt(Campaign::sendDay).toArray();
    validTo = catalogue.offers().stream().mapToInt(Campaign::validTo).toArray();
  }

  /** Resets to a new member at basic tier with no points, starting on {@code simStart}. */
  void reset(
      int simStart,
      boolean[] targeted,
      double[] offerBoost,
      double[] redeemProbability,
      int[] sendChannel) {
    this.simStart = simStart;
    this.targeted = targeted;
    this.offerBoost = offerBoost;
    this.redeemProbability = redeemProbability;
    this.sendChannel = sendChannel;
    tier = 0;
    lastDowngradeDay = NONE;
    lastExpiryDay = NONE;
    lastRedemptionDay = NONE;
    balance = 0;
    lots.clear();
    ledger.clear();
    ledgerSum = 0;
    returnCount = 0;
    activeCount = 0;
    boost = 1;
    sentCount = 0;
    offerCursor = 0;
    while (offerCursor < sendDays.length && sendDays[offerCursor] < simStart) {
      offerCursor++;
    }
  }

  /**
   * The scheduled part of day {@code d}, before the member acts: monthly tier re-evaluation, points
   * expiry, due returns, offers expiring and campaigns sending.
   *
   * @param out where to record the events, or null when replaying for the oracle
   */
  void startOfDay(int d, DayEvents out) {
    sentCount = 0;
    if (d > simStart && calendar.isMonthStart(d)) {
      while (!ledger.isEmpty() && ledger.day[ledger.head] < d - SPEND_WINDOW_DAYS) {
        ledgerSum -= ledger.value[ledger.head++];
      }
      int newTier = TierLadder.rankForSpend(ledgerSum / 100.0);
      if (newTier != tier) {
        if (newTier < tier) {
          lastDowngradeDay = d;
        }
        tier = newTier;
        if (out != null) {
          out.add(
              TIER_CHANGE_SECOND,
              EventType.TIER_CHANGE,
              DayEvents.NONE,
              DayEvents.NONE,
              DayEvents.TIER_BASE + newTier,
              DayEvents.NONE,
              DayEvents.NONE);
        }
      }
    }
    long expired = 0;
    while (!lots.isEmpty() && lots.day[lots.head] + CustomerState.POINTS_VALID_DAYS <= d) {
      expired += lots.value[lots.head++];
    }
    if (expired > 0) {
      balance -= expired;
      lastExpiryDay = d;
      if (out != null) {
        out.add(
            EXPIRY_SECOND,
            EventType.POINTS_EXPIRED,
            DayEvents.NONE,
            expired,
            DayEvents.NONE,
            DayEvents.NONE,
            DayEvents.NONE);
      }
    }
    for (int i = 0; i < returnCount; ) {
      if (returnDay[i] == d) {
        ledger.add(d, -returnCents[i]);
        ledgerSum -= returnCents[i];
        if (out != null) {
          out.add(
              returnSecond[i],
              EventType.RETURN,
              returnCents[i],
              DayEvents.NONE,
              returnCategory[i],
              DayEvents.NONE,
              returnChannel[i]);
        }
        returnCount--;
        // Keep the remaining returns in order so emission order is deterministic and stable.
        System.arraycopy(returnDay, i + 1, returnDay, i, returnCount - i);
        System.arraycopy(returnSecond, i + 1, returnSecond, i, returnCount - i);
        System.arraycopy(returnCents, i + 1, returnCents, i, returnCount - i);
        System.arraycopy(returnCategory, i + 1, returnCategory, i, returnCount - i);
        System.arraycopy(returnChannel, i + 1, returnChannel, i, returnCount - i);
      } else {
        i++;
      }
    }
    if (activeCount > 0) {
      int kept = 0;
      for (int i = 0; i < activeCount; i++) {
        if (validTo[active[i]] >= d) {
          active[kept++] = active[i];
        }
      }
      if (kept != activeCount) {
        activeCount = kept;
        updateBoost();
      }
    }
    while (offerCursor < sendDays.length && sendDays[offerCursor] <= d) {
      Campaign o = catalogue.get(offerCursor++);
      if (o.sendDay() == d && targeted[o.index()] && tier >= o.minTier()) {
        if (activeCount == active.length) {
          active = Arrays.copyOf(active, activeCount * 2);
          sentToday = Arrays.copyOf(sentToday, activeCount * 2);
        }
        active[activeCount++] = o.index();
        sentToday[sentCount++] = o.index();
        updateBoost();
        if (out != null) {
          out.add(
              OFFER_SEND_SECOND + 60 * o.index(),
              EventType.OFFER_SENT,
              DayEvents.NONE,
              DayEvents.NONE,
              o.category(),
              o.index(),
              sendChannel[o.index()]);
        }
      }
    }
  }

  /** Dropout hazard multiplier index at the end of day {@code d}, see {@link #HAZARD_MULTIPLIER}. */
  int hazardIndex(int d) {
    return (d - lastDowngradeDay < DOWNGRADE_DAYS ? 4 : 0)
        | (d - lastExpiryDay < EXPIRY_DAYS ? 2 : 0)
        | (d - lastRedemptionDay < REDEMPTION_DAYS ? 1 : 0);
  }

  /** Purchase-rate multiplier from the offers held. */
  double offerBoost() {
    return boost;
  }

  private void updateBoost() {
    double b = 1;
    for (int i = 0; i < activeCount; i++) {
      b *= offerBoost[active[i]];
    }
    boost = Math.min(b, MAX_OFFER_BOOST);
  }

  /** Slot in {@link #active} of the offer the member most likely redeems, or -1. */
  int bestActive() {
    int best = -1;
    for (int i = 0; i < activeCount; i++) {
      if (best < 0 || redeemProbability[active[i]] > redeemProbability[active[best]]) {
        best = i;
      }
    }
    return best;
  }

  void removeActive(int slot) {
    System.arraycopy(active, slot + 1, active, slot, activeCount - slot - 1);
    activeCount--;
    updateBoost();
  }

  void earn(int d, long points) {
    lots.add(d, points);
    balance += points;
  }

  /** Pays points, oldest lots first (FIFO, as {@link CustomerState} folds redemptions). */
  void redeem(int d, long points) {
    lots.consume(points);
    balance -= points;
    lastRedemptionDay = d;
  }

  void addSpend(int d, long cents) {
    ledger.add(d, cents);
    ledgerSum += cents;
  }

  void scheduleReturn(int day, int sec, long cents, int category, int channel) {
    if (returnCount == returnDay.length) {
      int m = returnCount * 2;
      returnDay = Arrays.copyOf(returnDay, m);
      returnSecond = Arrays.copyOf(returnSecond, m);
      returnCents = Arrays.copyOf(returnCents, m);
      returnCategory = Arrays.copyOf(returnCategory, m);
      returnChannel = Arrays.copyOf(returnChannel, m);
    }
    returnDay[returnCount] = day;
    returnSecond[returnCount] = sec;
    returnCents[returnCount] = cents;
    returnCategory[returnCount] = category;
    returnChannel[returnCount] = channel;
    returnCount++;
  }

  /** Makes this a copy of {@code o} (same member), for the oracle's replay. */
  void copyFrom(ProgrammeState o) {
    targeted = o.targeted;
    offerBoost = o.offerBoost;
    redeemProbability = o.redeemProbability;
    sendChannel = o.sendChannel;
    simStart = o.simStart;
    tier = o.tier;
    lastDowngradeDay = o.lastDowngradeDay;
    lastExpiryDay = o.lastExpiryDay;
    lastRedemptionDay = o.lastRedemptionDay;
    balance = o.balance;
    lots.copyFrom(o.lots);
    ledger.copyFrom(o.ledger);
    ledgerSum = o.ledgerSum;
    returnCount = o.returnCount;
    if (returnDay.length < returnCount) {
      returnDay = new int[o.returnDay.length];
      returnSecond = new int[o.returnDay.length];
      returnCents = new long[o.returnDay.length];
      returnCategory = new int[o.returnDay.length];
      returnChannel = new int[o.returnDay.length];
    }
    System.arraycopy(o.returnDay, 0, returnDay, 0, returnCount);
    System.arraycopy(o.returnCents, 0, returnCents, 0, returnCount);
    activeCount = o.activeCount;
    boost = o.boost;
    if (active.length < o.active.length) {
      active = new int[o.active.length];
      sentToday = new int[o.active.length];
    }
    System.arraycopy(o.active, 0, active, 0, activeCount);
    offerCursor = o.offerCursor;
    sentCount = 0;
  }
}
