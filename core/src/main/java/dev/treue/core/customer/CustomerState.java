package dev.treue.core.customer;

import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Everything Treue keeps about one member: raw facts folded from events (dates, counts, balances and
 * per-day buckets), never pre-computed windowed features, so features can be derived for any as-of
 * day at or after the last event. Spark folds a member's history into it for training; the service
 * keeps it in Redis and folds new events in as they arrive. Both call {@link #apply}.
 *
 * <p>Events must be applied in time order (gap statistics, points lots, tiers and the capped
 * categories depend on it); {@link WindowedState} keeps a member's recent events so that events
 * arriving out of order still fold in time order. Days are UTC calendar days. Not thread safe.
 *
 * <p>Bounded: day buckets cover {@link #RETAINED_DAYS}, points lots older than that are merged into
 * one, at most {@link #MAX_CATEGORIES} named categories are kept (the smallest by net spend is folded
 * into {@link #otherCategorySpend()}) and at most {@link #MAX_OFFERS} offer histories (the least
 * recently touched is dropped). Sums never wrap: an event that would take the points balance past a
 * long, or lifetime spend or returns past {@link #MAX_MONEY_TOTAL}, is refused ({@link #refusal}).
 */
public final class CustomerState implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Marker for "no such day". */
  public static final int NONE = Integer.MIN_VALUE;

  /** Points expire this many days after they were earned, oldest first. */
  public static final int POINTS_VALID_DAYS = 365;

  /** Per-day buckets older than this (relative to the latest event) can no longer enter a window. */
  public static final int RETAINED_DAYS = 400;

  /** Per-offer history untouched for this many days (relative to the latest event) is dropped. */
  public static final int OFFER_HISTORY_DAYS = 730;

  /** Named categories kept in {@link #categorySpend()}; the rest is summed in {@link #otherCategorySpend()}. */
  public static final int MAX_CATEGORIES = 64;

  /** Offer histories kept; the least recently touched goes first. */
  public static final int MAX_OFFERS = 128;

  /** Largest lifetime spend, and largest lifetime returns, of one member (doubles keep whole cents exact below it). */
  public static final double MAX_MONEY_TOTAL = 1e13;

  final String customerId;
  int signupDay = NONE;
  // From the profile (customers.birth_date) of a consenting member, for the birthday trigger only.
  int birthDay = NONE;
  int tierRank;
  int previousTierRank;
  int lastDowngradeDay = NONE;
  String segment;

  int firstPurchaseDay = NONE;
  int lastPurchaseDay = NONE;
  long purchases;
  double spend;
  double returnAmount;
  long returns;
  long purchaseDays;
  long gapCount;
  double gapMean;
  double gapM2;
  int lastGap;

  long pointsBalance;
  final PointLots pointLots = new PointLots();

  long redemptions;
  int lastRedemptionDay = NONE;
  long offersSent;
  long offersRedeemed;
  int lastEngagementDay = NONE;
  int lastAppSessionDay = NONE;
  int lastEmailOpenDay = NONE;
  // Sorted, so the encoded form is the same however it was built.
  CategorySpend categorySpend = new CategorySpend();
  double otherCategorySpend;
  // Sorted, so the encoded form is the same however it was built.
  OfferHistories offerHistory = new OfferHistories();

  /**
   * No offer history's last day is before this ({@link #NONE}: not known, as after decoding or
   * copying): every new latest day would otherwise walk the histories for ones to forget, and
   * mostly none is old enough.
   */
  private int offerHistoryFloor = NONE;

  // Set whole by the decoder, which knows how many days it reads.
  DayBuckets days = new DayBuckets(0);
  int latestDay = NONE;
  long lastEventMillis = Long.MIN_VALUE;

  /** An empty state for a member with no known profile. */
  public CustomerState(String customerId) {
    this.customerId = customerId;
  }

  /**
   * An empty state seeded with the member's profile (signup day, tier, segment), the profile's tier
   * taken as the tier before any event. Right for a member whose history holds no tier change; a
   * replay of a history uses {@link #beforeHistory}, since the profile's tier is the tier at export
   * time.
   */
  public static CustomerState of(Member member) {
    return seeded(member, TierLadder.rank(member.tier()));
  }

  /**
   * The state before the member's history, from which every replay folds it (training snapshots,
   * offer exposures, KPIs, batch scoring, the materialized load): the profile's signup day and
   * segment, and the tier the member held before the history ({@link
   * TierLadder#rankBeforeHistory}), never the export-time tier of a member whose tier changed later,
   * so a state at a past cutoff does not carry a tier the member only reached afterwards.
   *
   * @param history the member's events, in any order (only their tier changes are read)
   */
  public static CustomerState beforeHistory(Member member, List<LoyaltyEvent> history) {
    return seeded(member, TierLadder.rankBeforeHistory(member.tier(), history));
  }

  private static CustomerState seeded(Member member, int tierRank) {
    CustomerState s = new CustomerState(member.customerId());
    s.signupDay = member.signupEpochDay();
    s.birthDay = member.birthEpochDay();
    s.tierRank = tierRank;
    s.previousTierRank = tierRank;
    s.segment = member.segment();
    return s;
  }

  /**
   * Why the event cannot be folded without a sum leaving its range, naming the field
   * ({@code "points: ..."} or {@code "amount: ..."}); null when it can. Reads only.
   */
  public String refusal(LoyaltyEvent e) {
    switch (e.type()) {
      case POINTS_EARNED, POINTS_REDEEMED, POINTS_EXPIRED -> {
        long p = e.type() == EventType.POINTS_EARNED ? e.points() : -e.points();
        long balance = pointsBalance + p;
        // Overflow iff both operands have the sign opposite to the result's.
        if (((pointsBalance ^ balance) & (p ^ balance)) < 0) {
          return "points: "
              + e.points()
              + " would take the member's points balance "
              + pointsBalance
              + " past the limit of +-"
              + Long.MAX_VALUE;
        }
        // Redemptions beyond the lots leave the lots above the balance, so the lots' sum is checked
        // too.
        if (e.type() == EventType.POINTS_EARNED
            && pointLots.total() > Long.MAX_VALUE - e.points()) {
          return "points: "
              + e.points()
              + " would take the member's unspent points lots past "
              + Long.MAX_VALUE;
        }
      }
      case PURCHASE -> {
        if (spend + e.amount() > MAX_MONEY_TOTAL) {
          return "amount: "
              + e.amount()
              + " would take the member's lifetime spend past "
              + MAX_MONEY_TOTAL;
        }
      }
      case RETURN -> {
        if (returnAmount + e.amount() > MAX_MONEY_TOTAL) {
          return "amount: "
              + e.amount()
              + " would take the member's lifetime returns past "
              + MAX_MONEY_TOTAL;
        }
      }
      default -> {}
    }
    return null;
  }

  /**
   * Folds one event into the state.
   *
   * @throws IllegalArgumentException with the {@link #refusal} when a sum would leave its range
   *     (the state is then unchanged)
   */
  public void apply(LoyaltyEvent e) {
    String refused = applyUnlessRefused(e);
    if (refused != null) {
      throw new IllegalArgumentException(refused);
    }
  }

  /**
   * Folds the event unless {@link #refusal} refuses it. The one rule for events out of range: the
   * service answers them {@code out_of_range} and every Spark replay (snapshots, materialize,
   * exposures) leaves them out through this method, so training and serving fold the same events.
   *
   * @return null when folded, else the refusal (the state is then unchanged)
   */
  public String applyUnlessRefused(LoyaltyEvent e) {
    String refused = refusal(e);
    if (refused == null) {
      fold(e);
    }
    return refused;
  }

  private void fold(LoyaltyEvent e) {
    int day = e.epochDay();
    touch(day);
    lastEventMillis = Math.max(lastEventMillis, e.tsMillis());
    switch (e.type()) {
      case PURCHASE -> purchase(day, e);
      case RETURN -> {
        returns++;
        returnAmount += e.amount();
        add(day, DailyCounter.RETURNS, 1);
        add(day, DailyCounter.RETURN_AMOUNT, e.amount());
        addCategory(e.category(), -e.amount());
      }
      case POINTS_EARNED -> {
        pointsBalance += e.points();
        pointLots.earn(day, e.points());
      }
      case POINTS_REDEEMED -> {
        pointsBalance -= e.points();
        pointLots.spend(e.points());
        redemptions++;
        lastRedemptionDay = day;
        add(day, DailyCounter.REDEMPTIONS, 1);
      }
      case POINTS_EXPIRED -> {
        pointsBalance -= e.points();
        pointLots.spend(e.points());
        add(day, DailyCounter.POINTS_EXPIRED, e.points());
      }
      case OFFER_SENT -> {
        offersSent++;
        add(day, DailyCounter.OFFERS_SENT, 1);
        if (e.offerId() != null) {
          OfferHistory h = offer(e.offerId());
          h.sent++;
          h.lastSentDay = Math.max(h.lastSentDay, day);
        }
      }
      case OFFER_REDEEMED -> {
        offersRedeemed++;
        add(day, DailyCounter.OFFERS_REDEEMED, 1);
        if (e.offerId() != null) {
          OfferHistory h = offer(e.offerId());
          h.redeemed++;
          h.lastRedeemedDay = Math.max(h.lastRedeemedDay, day);
        }
      }
      case OFFER_VIEWED -> lastEngagementDay = day;
      case APP_SESSION -> {
        lastEngagementDay = day;
        lastAppSessionDay = day;
        add(day, DailyCounter.APP_SESSIONS, 1);
      }
      case EMAIL_OPEN -> {
        lastEngagementDay = day;
        lastEmailOpenDay = day;
        add(day, DailyCounter.EMAIL_OPENS, 1);
      }
      case TIER_CHANGE -> changeTier(day, TierLadder.rank(e.category()));
    }
  }

  private void purchase(int day, LoyaltyEvent e) {
    purchases++;
    spend += e.amount();
    add(day, DailyCounter.PURCHASES, 1);
    add(day, DailyCounter.SPEND, e.amount());
    addCategory(e.category(), e.amount());
    if (firstPurchaseDay == NONE) {
      firstPurchaseDay = day;
    }
    if (lastPurchaseDay == NONE || day > lastPurchaseDay) {
      if (lastPurchaseDay != NONE) {
        // Gaps are between distinct purchase days: several baskets on one day are one visit.
        int gap = day - lastPurchaseDay;
        gapCount++;
        double delta = gap - gapMean;
        gapMean += delta / gapCount;
        gapM2 += delta * (gap - gapMean);
        lastGap = gap;
      }
      lastPurchaseDay = day;
      purchaseDays++;
    }
  }

  private void addCategory(String category, double amount) {
    if (category == null) {
      return;
    }
    CategorySpend c = categorySpend;
    c.add(category, amount);
    if (c.size() > MAX_CATEGORIES) {
      // Over the cap, the category with the smallest net spend at this point of the history (ties,
      // as Double.equals has them: the last name) joins "other": greedy, not the top 64 by final
      // totals, but a function of the time-ordered history alone, so every replay of it agrees.
      int smallest = 0;
      for (int i = 1; i < c.size(); i++) {
        double spend = c.spend(i);
        double least = c.spend(smallest);
        if (spend < least || Double.doubleToLongBits(spend) == Double.doubleToLongBits(least)) {
          smallest = i;
        }
      }
      otherCategorySpend += c.spend(smallest);
      c.removeAt(smallest);
    }
  }

  /** Folds every category beyond the top {@link #MAX_CATEGORIES} into "other" (states from before the cap). */
  void trimCategories() {
    CategorySpend c = categorySpend;
    if (c.size() <= MAX_CATEGORIES) {
      return;
    }
    // Smallest net spend first (Double.compare's order), ties by name from the last.
    List<Integer> byValue = new ArrayList<>();
    for (int i = 0; i < c.size(); i++) {
      byValue.add(i);
    }
    byValue.sort(
        Comparator.<Integer>comparingDouble(c::spend)
            .thenComparing(c::name, Comparator.reverseOrder()));
    List<String> dropped = new ArrayList<>();
    for (int i : byValue.subList(0, byValue.size() - MAX_CATEGORIES)) {
      otherCategorySpend += c.spend(i);
      dropped.add(c.name(i));
    }
    for (String name : dropped) {
      c.remove(name);
    }
  }

  private OfferHistory offer(String offerId) {
    OfferHistories o = offerHistory;
    int i = o.indexOf(offerId);
    if (i >= 0) {
      return o.history(i);
    }
    if (o.size() >= MAX_OFFERS) {
      // Drop the least recently touched history (ties: the first id) to make room.
      int stalest = 0;
      for (int j = 1; j < o.size(); j++) {
        if (o.history(j).lastDay() < o.history(stalest).lastDay()) {
          stalest = j;
        }
      }
      o.removeAt(stalest);
      i = o.indexOf(offerId); // its place may have moved up by one
    }
    // Its last day is about to be set, to any day, perhaps before every other history's.
    offerHistoryFloor = NONE;
    return o.insert(-i - 1, offerId, new OfferHistory());
  }

  private void changeTier(int day, int newRank) {
    // A change to basic while the state holds basic and never moved left a higher tier the state
    // did not know (a member the service first meets through events starts at basic): at least
    // silver, the tier a replay seeds for a first change to basic (TierLadder.rankBeforeHistory),
    // so both fold the same downgrade. Once the tier moved, a repeated change is a no-op.
    int left = newRank == 0 && tierRank == 0 && previousTierRank == 0 ? 1 : tierRank;
    if (newRank < left) {
      lastDowngradeDay = day;
    }
    previousTierRank = left;
    tierRank = newRank;
  }

  private void touch(int day) {
    if (latestDay == NONE || day > latestDay) {
      latestDay = day;
      // Pruning relative to the latest event never drops a day a feature at or after it can see.
      days.dropBefore(day - RETAINED_DAYS);
      pointLots.mergeUpTo(day - RETAINED_DAYS);
      if (!offerHistory.isEmpty() && offerHistoryFloor <= day - OFFER_HISTORY_DAYS) {
        offerHistory.forgetUpTo(day - OFFER_HISTORY_DAYS);
        int floor = Integer.MAX_VALUE;
        for (int i = 0; i < offerHistory.size(); i++) {
          floor = Math.min(floor, offerHistory.history(i).lastDay());
        }
        offerHistoryFloor = floor;
      }
    }
  }

  /** An independent copy. */
  public CustomerState copy() {
    CustomerState c = new CustomerState(customerId);
    c.signupDay = signupDay;
    c.birthDay = birthDay;
    c.tierRank = tierRank;
    c.previousTierRank = previousTierRank;
    c.lastDowngradeDay = lastDowngradeDay;
    c.segment = segment;
    c.firstPurchaseDay = firstPurchaseDay;
    c.lastPurchaseDay = lastPurchaseDay;
    c.purchases = purchases;
    c.spend = spend;
    c.returnAmount = returnAmount;
    c.returns = returns;
    c.purchaseDays = purchaseDays;
    c.gapCount = gapCount;
    c.gapMean = gapMean;
    c.gapM2 = gapM2;
    c.lastGap = lastGap;
    c.pointsBalance = pointsBalance;
    c.pointLots.copyFrom(pointLots);
    c.redemptions = redemptions;
    c.lastRedemptionDay = lastRedemptionDay;
    c.offersSent = offersSent;
    c.offersRedeemed = offersRedeemed;
    c.lastEngagementDay = lastEngagementDay;
    c.lastAppSessionDay = lastAppSessionDay;
    c.lastEmailOpenDay = lastEmailOpenDay;
    c.categorySpend = categorySpend.copy();
    c.otherCategorySpend = otherCategorySpend;
    c.offerHistory = offerHistory.copy();
    c.days = days.copy();
    c.latestDay = latestDay;
    c.lastEventMillis = lastEventMillis;
    return c;
  }

  private void add(int day, DailyCounter counter, double value) {
    if (latestDay != NONE && day <= latestDay - RETAINED_DAYS) {
      return;
    }
    days.add(day, counter, value);
  }

  /** The member id. */
  public String customerId() {
    return customerId;
  }

  /**
   * The per-day counters of the retained days, read only: the days in a window (from, to] are the
   * indexes from {@code firstAfter(from)} while {@code day(i) <= to}.
   */
  public DayBuckets days() {
    return days;
  }

  /** Points still unspent that were earned on or before {@code day}. */
  public long pointsEarnedUpTo(int day) {
    return pointLots.earnedUpTo(day);
  }

  /** The day the oldest unspent points lot was earned, or {@link #NONE} without lots. */
  public int oldestPointsLotDay() {
    return pointLots.oldestDay();
  }

  public int signupDay() {
    return signupDay;
  }

  /**
   * The birth date from the member's profile ({@code customers.birth_date}) as an epoch day, or
   * {@link #NONE} when unknown or when the state was built from events only.
   */
  public int birthDay() {
    return birthDay;
  }

  public int tierRank() {
    return tierRank;
  }

  public int previousTierRank() {
    return previousTierRank;
  }

  public int lastDowngradeDay() {
    return lastDowngradeDay;
  }

  public String segment() {
    return segment;
  }

  public int firstPurchaseDay() {
    return firstPurchaseDay;
  }

  public int lastPurchaseDay() {
    return lastPurchaseDay;
  }

  public long purchases() {
    return purchases;
  }

  /** Lifetime gross purchase value. */
  public double spend() {
    return spend;
  }

  public double returnAmount() {
    return returnAmount;
  }

  public long returns() {
    return returns;
  }

  public long purchaseDays() {
    return purchaseDays;
  }

  /** Number of gaps between distinct purchase days. */
  public long gapCount() {
    return gapCount;
  }

  public double gapMean() {
    return gapMean;
  }

  /** Sample standard deviation of gaps in days; 0 with fewer than two gaps. */
  public double gapStd() {
    return gapCount > 1 ? Math.sqrt(gapM2 / (gapCount - 1)) : 0;
  }

  public int lastGap() {
    return lastGap;
  }

  public long pointsBalance() {
    return pointsBalance;
  }

  public long redemptions() {
    return redemptions;
  }

  public int lastRedemptionDay() {
    return lastRedemptionDay;
  }

  public long offersSent() {
    return offersSent;
  }

  public long offersRedeemed() {
    return offersRedeemed;
  }

  public int lastEngagementDay() {
    return lastEngagementDay;
  }

  public int lastAppSessionDay() {
    return lastAppSessionDay;
  }

  public int lastEmailOpenDay() {
    return lastEmailOpenDay;
  }

  /** Net spend by category over the member's life, a sorted copy (features read {@link #categories()}). */
  public Map<String, Double> categorySpend() {
    return categorySpend.asMap();
  }

  /** Net spend by category over the member's life, read only, without a copy. */
  public CategorySpend categories() {
    return categorySpend;
  }

  /** Net spend of the categories beyond the top {@link #MAX_CATEGORIES}, 0 when there were none. */
  public double otherCategorySpend() {
    return otherCategorySpend;
  }

  /**
   * Per offer id, the sends and redemptions of the last {@link #OFFER_HISTORY_DAYS} days (relative
   * to the latest event), a sorted copy (replays and rankings read {@link #offers()}).
   */
  public Map<String, OfferHistory> offerHistory() {
    return offerHistory.asMap();
  }

  /** The offer histories of {@link #offerHistory()}, read only, without a copy. */
  public OfferHistories offers() {
    return offerHistory;
  }

  /** The latest event day folded in, or {@link #NONE}. */
  public int latestDay() {
    return latestDay;
  }

  /** Epoch millis of the latest event folded in, or {@link Long#MIN_VALUE}. */
  public long lastEventMillis() {
    return lastEventMillis;
  }
}
