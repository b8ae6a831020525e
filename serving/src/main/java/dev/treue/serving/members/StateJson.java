package dev.treue.serving.members;

import dev.treue.core.customer.CategorySpend;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.DailyCounter;
import dev.treue.core.customer.DayBuckets;
import dev.treue.core.customer.TierLadder;
import dev.treue.store.StoredState;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/** A stored member state as readable JSON: dates instead of epoch days, named daily counters. */
final class StateJson {
  private StateJson() {}

  static JsonObject of(StoredState stored) {
    CustomerState s = stored.state();
    JsonObject days = new JsonObject();
    DayBuckets buckets = s.days();
    for (int i = 0; i < buckets.size(); i++) {
      JsonObject counters = new JsonObject();
      for (DailyCounter c : DailyCounter.values()) {
        double v = buckets.get(i, c);
        if (v != 0) {
          counters.put(c.name().toLowerCase(Locale.ROOT), v);
        }
      }
      days.put(LocalDate.ofEpochDay(buckets.day(i)).toString(), counters);
    }
    JsonObject categories = new JsonObject();
    CategorySpend spend = s.categories(); // sorted by name
    for (int i = 0; i < spend.size(); i++) {
      categories.put(spend.name(i), spend.spend(i));
    }
    return new JsonObject()
        .put("revision", stored.revision())
        .put("batch_covered_until", instant(stored.batchCoveredUntilMillis()))
        .put(
            "synced_at",
            stored.syncedAtMillis() > 0
                ? Instant.ofEpochMilli(stored.syncedAtMillis()).toString()
                : null)
        .put("signup_date", date(s.signupDay()))
        .put("birth_date", date(s.birthDay()))
        .put("tier", TierLadder.name(s.tierRank()))
        .put("previous_tier", TierLadder.name(s.previousTierRank()))
        .put("last_downgrade_date", date(s.lastDowngradeDay()))
        .put("segment", s.segment())
        .put("first_purchase_date", date(s.firstPurchaseDay()))
        .put("last_purchase_date", date(s.lastPurchaseDay()))
        .put("purchases", s.purchases())
        .put("purchase_days", s.purchaseDays())
        .put("spend", s.spend())
        .put("returns", s.returns())
        .put("return_amount", s.returnAmount())
        .put("points_balance", s.pointsBalance())
        .put("redemptions", s.redemptions())
        .put("last_redemption_date", date(s.lastRedemptionDay()))
        .put("offers_sent", s.offersSent())
        .put("offers_redeemed", s.offersRedeemed())
        .put("last_engagement_date", date(s.lastEngagementDay()))
        .put("last_app_session_date", date(s.lastAppSessionDay()))
        .put("last_email_open_date", date(s.lastEmailOpenDay()))
        .put("category_spend", categories)
        .put("latest_event_at", instant(s.lastEventMillis()))
        .put("daily", days);
  }

  private static String date(int day) {
    return day == CustomerState.NONE ? null : LocalDate.ofEpochDay(day).toString();
  }

  private static String instant(long millis) {
    return millis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(millis).toString();
  }
}
