package dev.treue.serving.atrisk;

import dev.treue.core.reason.ReasonWords;
import dev.treue.store.AtRiskCsv;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.RetentionOffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;

/**
 * The JSON form of an at-risk row, shared by list pages and member exports. Every field is always
 * present; what does not apply to the member's group is null (churn figures unless active, win-back
 * value unless lapsed, the retention offer unless batch scoring gave the active member one).
 */
public final class AtRiskRows {
  private AtRiskRows() {}

  /**
   * The row's value at risk as the churn-risk answer gives it: an active member's, 0 for one who
   * never purchased (nothing to lose yet), null for a lapsed one (no churn probability).
   */
  public static Double valueAtRisk(AtRiskEntry row) {
    return AtRiskCsv.valueAtRisk(row);
  }

  /** The row as JSON, its reasons phrased in {@code words}' language and currency. */
  public static JsonObject json(AtRiskEntry row, ReasonWords words) {
    return new JsonObject()
        .put("customer_id", row.customerId())
        .put("status", row.status().wireName())
        .put("churn_probability", row.active() ? row.probability() : null)
        .put("risk_band", row.band())
        .put("tier", row.tier())
        .put("segment", row.segment())
        .put(
            "last_purchase",
            row.lastPurchaseDay() == null
                ? null
                : LocalDate.ofEpochDay(row.lastPurchaseDay()).toString())
        .put("value_at_risk", valueAtRisk(row))
        .put("clv", row.clv())
        .put("p_alive", row.probabilityAlive())
        .put("expected_purchases_90", row.expectedPurchases90())
        .put("win_back_value", row.winBackValue())
        .put("reasons", new JsonArray(new ArrayList<>(row.reasons(words))))
        .put("retention_offer", offer(row.retentionOffer(), words))
        .put("scored_at", Instant.ofEpochMilli(row.scoredAtMillis()).toString())
        .put("as_of", LocalDate.ofEpochDay(row.asOfDay()).toString());
  }

  /**
   * The retention offer as JSON, the CSV's {@code retention_offer_*} cells, its explanation in
   * {@code words}' language; null without one.
   */
  private static JsonObject offer(RetentionOffer offer, ReasonWords words) {
    return offer == null
        ? null
        : new JsonObject()
            .put("offer_id", offer.offerId())
            .put("probability", offer.probability())
            .put("expected_value", offer.expectedValue())
            .put("why", new JsonArray(new ArrayList<>(offer.why(words))));
  }
}
