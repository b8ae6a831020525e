package dev.treue.core.feature;

import static dev.treue.core.customer.CustomerState.NONE;

import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.customer.CategorySpend;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.DailyCounter;
import dev.treue.core.customer.DayBuckets;
import dev.treue.core.customer.TierLadder;
import java.util.ArrayList;
import java.util.List;

/**
 * The one definition of the churn feature vector: {@link CustomerState} at an as-of day in, one
 * {@code double[]} in {@link ChurnFeature} order out. Spark calls it for training snapshots and
 * batch scoring; the service calls it for every request. Pure and stateless.
 */
public final class ChurnFeatures {
  /** Caps for "days since" features, so "never" is a large finite number a linear model can use. */
  public static final int NEVER_DAYS = 730;

  /** The spec every churn model bundle records. */
  public static final FeatureSpec SPEC = new FeatureSpec("churn-features/v4", names());

  private ChurnFeatures() {}

  private static List<String> names() {
    List<String> names = new ArrayList<>();
    for (ChurnFeature f : ChurnFeature.values()) {
      names.add(f.featureName());
    }
    return names;
  }

  /**
   * Computes the whole vector, the lifetime features from {@code lifetime}.
   *
   * @param s the member's state holding only events on or before {@code asOfDay}
   * @param asOfDay the UTC day (days since 1970-01-01) the features describe, end of day included
   * @param lifetime the model the churn model was trained with (its bundle carries it)
   */
  public static double[] compute(CustomerState s, int asOfDay, LifetimeModel lifetime) {
    double[] v = compute(s, asOfDay);
    LifetimeFeatures.fill(v, lifetime);
    return v;
  }

  /**
   * The whole vector from one {@link #compute(CustomerState, int)} gave, which stays as it was: for
   * callers that need both (the service's rewards rank offers on the vector without the lifetime
   * features and weigh retention by the churn model's probability on the whole one).
   */
  public static double[] withLifetime(double[] base, LifetimeModel lifetime) {
    double[] v = base.clone();
    LifetimeFeatures.fill(v, lifetime);
    return v;
  }

  /**
   * Computes the vector without the lifetime features, which stay 0 until
   * {@link LifetimeFeatures#fill} sets them. Training computes this in Spark, fits the lifetime
   * model on the result and then fills; everything that scores uses the three-argument form.
   *
   * @param s the member's state holding only events on or before {@code asOfDay}
   * @param asOfDay the UTC day (days since 1970-01-01) the features describe, end of day included
   */
  public static double[] compute(CustomerState s, int asOfDay) {
    double[] v = new double[ChurnFeature.values().length];
    Windows w = Windows.sum(s, asOfDay);

    int signup = s.signupDay() != NONE ? s.signupDay() : s.firstPurchaseDay();
    double tenure = signup == NONE ? 0 : Math.max(0, asOfDay - signup);
    boolean purchased = s.lastPurchaseDay() != NONE;
    double recency = purchased ? asOfDay - s.lastPurchaseDay() : tenure;
    boolean repeat = s.gapCount() > 0;

    set(v, ChurnFeature.RECENCY_DAYS, recency);
    set(v, ChurnFeature.HAS_PURCHASED, purchased ? 1 : 0);
    set(v, ChurnFeature.TENURE_DAYS, tenure);
    set(v, ChurnFeature.FREQUENCY_30, w.purchases30);
    set(v, ChurnFeature.FREQUENCY_90, w.purchases90);
    set(v, ChurnFeature.FREQUENCY_180, w.purchases180);
    set(v, ChurnFeature.FREQUENCY_365, w.purchases365);
    set(v, ChurnFeature.MONETARY_30, w.net30);
    set(v, ChurnFeature.MONETARY_90, w.net90);
    set(v, ChurnFeature.MONETARY_180, w.net180);
    set(v, ChurnFeature.MONETARY_365, w.net365);
    set(v, ChurnFeature.PURCHASES_TOTAL, s.purchases());
    set(v, ChurnFeature.SPEND_TOTAL, s.spend() - s.returnAmount());
    set(v, ChurnFeature.PURCHASE_DAYS_TOTAL, s.purchaseDays());
    set(v, ChurnFeature.REPEAT_BUYER, repeat ? 1 : 0);
    set(v, ChurnFeature.GAP_MEAN_DAYS, s.gapMean());
    set(v, ChurnFeature.GAP_STD_DAYS, s.gapStd());
    set(v, ChurnFeature.LAST_GAP_DAYS, s.lastGap());
    // Without a repeat purchase there is no usual gap; a month is the neutral expectation.
    set(v, ChurnFeature.OVERDUE_RATIO, recency / (repeat ? Math.max(1, s.gapMean()) : 30));
    double previous90 = w.net180 - w.net90;
    set(
        v,
        ChurnFeature.SPEND_TREND,
        Math.log((Math.max(0, w.net90) + 1) / (Math.max(0, previous90) + 1)));
    set(v, ChurnFeature.FREQUENCY_TREND, w.purchases90 - (w.purchases180 - w.purchases90));
    set(v, ChurnFeature.RETURN_RATE_365, w.returns365 / Math.max(1, w.purchases365));
    set(v, ChurnFeature.AVG_BASKET_365, w.purchases365 > 0 ? w.net365 / w.purchases365 : 0);
    set(v, ChurnFeature.POINTS_BALANCE, s.pointsBalance());
    // Points earned on day d expire on d + 365; overdue lots count as expiring now.
    set(
        v,
        ChurnFeature.POINTS_EXPIRING_30,
        s.pointsEarnedUpTo(asOfDay + 30 - CustomerState.POINTS_VALID_DAYS));
    set(v, ChurnFeature.POINTS_EXPIRED_90, w.pointsExpired90);
    set(v, ChurnFeature.TIER_RANK, s.tierRank());
    set(v, ChurnFeature.DISTANCE_TO_NEXT_TIER, TierLadder.distanceToNext(s.tierRank(), w.net365));
    set(v, ChurnFeature.DAYS_SINCE_DOWNGRADE, daysSince(s.lastDowngradeDay(), asOfDay));
    set(v, ChurnFeature.REDEMPTIONS_TOTAL, s.redemptions());
    set(v, ChurnFeature.REDEMPTIONS_365, w.redemptions365);
    set(v, ChurnFeature.DAYS_SINCE_REDEMPTION, daysSince(s.lastRedemptionDay(), asOfDay));
    set(v, ChurnFeature.OFFERS_SENT_365, w.offersSent365);
    set(v, ChurnFeature.OFFERS_REDEEMED_365, w.offersRedeemed365);
    // Beta(1, 3) prior: a member with no offers yet looks like a typical 25% responder.
    set(v, ChurnFeature.OFFER_RESPONSE_RATE, (s.offersRedeemed() + 1.0) / (s.offersSent() + 4.0));
    set(v, ChurnFeature.APP_SESSIONS_30, w.sessions30);
    set(v, ChurnFeature.APP_SESSIONS_90, w.sessions90);
    set(v, ChurnFeature.EMAIL_OPENS_30, w.emailOpens30);
    set(v, ChurnFeature.EMAIL_OPENS_90, w.emailOpens90);
    set(v, ChurnFeature.DAYS_SINCE_ENGAGEMENT, daysSince(s.lastEngagementDay(), asOfDay));
    concentration(v, s.categories());
    set(v, ChurnFeature.PURCHASE_DAYS_90, w.purchaseDays90);
    set(v, ChurnFeature.PURCHASE_DAYS_365, w.purchaseDays365);
    // The member's own pace: distinct purchase days per 30 days since the first purchase.
    double rate =
        purchased ? s.purchaseDays() * 30.0 / Math.max(30, asOfDay - s.firstPurchaseDay() + 1) : 0;
    set(v, ChurnFeature.PURCHASE_RATE, rate);
    set(v, ChurnFeature.EXPECTED_MISSED_PURCHASES, purchased ? recency * rate / 30.0 : 0);
    set(v, ChurnFeature.APP_SESSIONS_365, w.sessions365);
    set(v, ChurnFeature.DAYS_SINCE_APP_SESSION, daysSince(s.lastAppSessionDay(), asOfDay));
    set(v, ChurnFeature.DAYS_SINCE_EMAIL_OPEN, daysSince(s.lastEmailOpenDay(), asOfDay));
    sinceLastPurchase(v, w, s, asOfDay, recency, purchased);
    set(
        v,
        ChurnFeature.DAYS_SINCE_FIRST_PURCHASE,
        purchased ? Math.max(0, asOfDay - s.firstPurchaseDay()) : 0);
    return v;
  }

  /**
   * Engagement since the last purchase against the member's own usual rate before it: a member who
   * still opens the app at their usual pace is still around, one who went quiet when they stopped
   * buying has likely left. The usual rate is measured over the window days up to and including
   * the last purchase day (at least 30 days, so a brand-new member's rate is not inflated).
   */
  private static void sinceLastPurchase(
      double[] v, Windows w, CustomerState s, int asOfDay, double recency, boolean purchased) {
    double engagement365 = w.sessions365 + w.emailOpens365;
    set(
        v,
        ChurnFeature.ENGAGEMENT_TREND,
        Math.log((w.sessions30 + w.emailOpens30 + 1) / (engagement365 * 30 / 365 + 1)));
    if (!purchased) {
      return;
    }
    double since = w.sessionsSincePurchase + w.emailOpensSincePurchase;
    int start = Math.max(asOfDay - 365, s.signupDay() != NONE ? s.signupDay() - 1 : NONE);
    double daysBefore = Math.max(30, s.lastPurchaseDay() - start);
    double expected = (engagement365 - since) / daysBefore * recency;
    set(v, ChurnFeature.APP_SESSIONS_SINCE_PURCHASE, w.sessionsSincePurchase);
    set(v, ChurnFeature.EMAIL_OPENS_SINCE_PURCHASE, w.emailOpensSincePurchase);
    set(v, ChurnFeature.EXPECTED_ENGAGEMENT_SINCE_PURCHASE, expected);
    set(v, ChurnFeature.ENGAGEMENT_SINCE_PURCHASE_RATIO, Math.log((since + 1) / (expected + 1)));
  }

  private static void concentration(double[] v, CategorySpend categories) {
    double total = 0;
    int count = 0;
    for (int i = 0; i < categories.size(); i++) {
      double spend = categories.spend(i);
      if (spend > 0) {
        total += spend;
        count++;
      }
    }
    double herfindahl = 0;
    if (total > 0) {
      for (int i = 0; i < categories.size(); i++) {
        double spend = categories.spend(i);
        if (spend > 0) {
          double share = spend / total;
          herfindahl += share * share;
        }
      }
    }
    set(v, ChurnFeature.CATEGORY_CONCENTRATION, herfindahl);
    set(v, ChurnFeature.CATEGORY_COUNT, count);
  }

  private static double daysSince(int day, int asOfDay) {
    return day == NONE ? NEVER_DAYS : Math.min(NEVER_DAYS, Math.max(0, asOfDay - day));
  }

  private static void set(double[] v, ChurnFeature f, double value) {
    v[f.ordinal()] = value;
  }

  /** Window sums over the per-day buckets, gathered in one pass over the last 365 days. */
  private static final class Windows {
    double purchases30, purchases90, purchases180, purchases365;
    double net30, net90, net180, net365;
    double returns365, pointsExpired90, redemptions365, offersSent365, offersRedeemed365;
    double sessions30, sessions90, sessions365, emailOpens30, emailOpens90, emailOpens365;
    double sessionsSincePurchase, emailOpensSincePurchase;
    double purchaseDays90, purchaseDays365;

    static Windows sum(CustomerState s, int asOfDay) {
      Windows w = new Windows();
      DayBuckets days = s.days();
      for (int i = days.firstAfter(asOfDay - 365); i < days.size() && days.day(i) <= asOfDay; i++) {
        int day = days.day(i);
        int age = asOfDay - day;
        double purchases = days.get(i, DailyCounter.PURCHASES);
        double net = days.get(i, DailyCounter.SPEND) - days.get(i, DailyCounter.RETURN_AMOUNT);
        double sessions = days.get(i, DailyCounter.APP_SESSIONS);
        double opens = days.get(i, DailyCounter.EMAIL_OPENS);
        w.purchases365 += purchases;
        w.net365 += net;
        w.sessions365 += sessions;
        w.emailOpens365 += opens;
        if (day > s.lastPurchaseDay()) {
          w.sessionsSincePurchase += sessions;
          w.emailOpensSincePurchase += opens;
        }
        w.purchaseDays365 += purchases > 0 ? 1 : 0;
        w.returns365 += days.get(i, DailyCounter.RETURNS);
        w.redemptions365 += days.get(i, DailyCounter.REDEMPTIONS);
        w.offersSent365 += days.get(i, DailyCounter.OFFERS_SENT);
        w.offersRedeemed365 += days.get(i, DailyCounter.OFFERS_REDEEMED);
        if (age < 180) {
          w.purchases180 += purchases;
          w.net180 += net;
        }
        if (age < 90) {
          w.purchaseDays90 += purchases > 0 ? 1 : 0;
          w.purchases90 += purchases;
          w.net90 += net;
          w.sessions90 += sessions;
          w.emailOpens90 += opens;
          w.pointsExpired90 += days.get(i, DailyCounter.POINTS_EXPIRED);
        }
        if (age < 30) {
          w.purchases30 += purchases;
          w.net30 += net;
          w.sessions30 += sessions;
          w.emailOpens30 += opens;
        }
      }
      return w;
    }
  }
}
