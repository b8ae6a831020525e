package dev.treue.serving.members;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.DailyCounter;
import dev.treue.core.customer.DayBuckets;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.offers.Money;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;

/**
 * A member's timeline for the dashboard's member page: the state's per-day counters summed by ISO
 * week (Monday first) over the last {@code weeks} weeks up to the as-of day, every week listed (empty
 * ones as zeros, so a chart's axis is continuous), with the tier and its progress. Money is rounded
 * to cents. The per-day buckets reach back {@link CustomerState#RETAINED_DAYS} days, so at most
 * {@link #MAX_WEEKS} weeks are available.
 */
public final class TimelineJson {
  /** Weeks the retained day buckets can fill. */
  public static final int MAX_WEEKS = CustomerState.RETAINED_DAYS / 7;

  /** Weeks shown when the caller does not say. */
  public static final int DEFAULT_WEEKS = 52;

  private TimelineJson() {}

  /**
   * The timeline.
   *
   * @param features the member's feature vector at {@code asOfDay} (for the tier's spend window)
   */
  public static JsonObject of(
      String customerId, CustomerState s, int asOfDay, int weeks, double[] features) {
    LocalDate asOf = LocalDate.ofEpochDay(asOfDay);
    LocalDate firstMonday = asOf.with(DayOfWeek.MONDAY).minusWeeks(weeks - 1L);
    int from = Math.toIntExact(firstMonday.toEpochDay());
    double[][] sums = new double[weeks][DailyCounter.COUNT];
    DayBuckets days = s.days();
    for (int i = days.firstAfter(from - 1); i < days.size() && days.day(i) <= asOfDay; i++) {
      int week = (days.day(i) - from) / 7;
      for (int c = 0; c < DailyCounter.COUNT; c++) {
        sums[week][c] += days.get(i, c);
      }
    }
    JsonArray rows = new JsonArray();
    for (int w = 0; w < weeks; w++) {
      JsonObject row = new JsonObject().put("week", firstMonday.plusWeeks(w).toString());
      for (DailyCounter c : DailyCounter.values()) {
        double v = sums[w][c.ordinal()];
        String name = c.name().toLowerCase(Locale.ROOT);
        row.put(name, isMoney(c) ? cents(v) : (Object) Math.round(v));
      }
      rows.add(row);
    }
    int rank = s.tierRank();
    double toNext = features[ChurnFeature.DISTANCE_TO_NEXT_TIER.ordinal()];
    JsonObject tier =
        new JsonObject()
            .put("tier", TierLadder.name(rank))
            .put(
                "next_tier", rank >= TierLadder.NAMES.size() - 1 ? null : TierLadder.name(rank + 1))
            .put("spend_last_365_days", cents(features[ChurnFeature.MONETARY_365.ordinal()]))
            .put("spend_to_next_tier", rank >= TierLadder.NAMES.size() - 1 ? null : cents(toNext));
    return new JsonObject()
        .put("customer_id", customerId)
        .put("as_of", asOf.toString())
        .put("weeks", weeks)
        .put("tier", tier)
        .put("points_balance", s.pointsBalance())
        .put("first_purchase_date", date(s.firstPurchaseDay()))
        .put("last_purchase_date", date(s.lastPurchaseDay()))
        .put("signup_date", date(s.signupDay()))
        .put("timeline", rows);
  }

  private static boolean isMoney(DailyCounter c) {
    return c == DailyCounter.SPEND || c == DailyCounter.RETURN_AMOUNT;
  }

  private static BigDecimal cents(double amount) {
    return Money.roundedToCents(amount);
  }

  private static String date(int day) {
    return day == CustomerState.NONE ? null : LocalDate.ofEpochDay(day).toString();
  }
}
