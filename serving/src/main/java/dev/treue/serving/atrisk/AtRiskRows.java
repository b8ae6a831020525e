package dev.treue.serving.atrisk;

import dev.treue.store.AtRiskEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;

/** The JSON form of an at-risk row, shared by list pages and member exports. */
public final class AtRiskRows {
  private AtRiskRows() {}

  /** The row as JSON. */
  public static JsonObject json(AtRiskEntry row) {
    return new JsonObject()
        .put("customer_id", row.customerId())
        .put("churn_probability", row.probability())
        .put("risk_band", row.band())
        .put("tier", row.tier())
        .put("segment", row.segment())
        .put("value_at_risk", row.valueAtRisk())
        .put("clv", row.clv())
        .put("p_alive", row.probabilityAlive())
        .put("reasons", new JsonArray(new ArrayList<>(row.reasons())))
        .put("scored_at", Instant.ofEpochMilli(row.scoredAtMillis()).toString())
        .put("as_of", LocalDate.ofEpochDay(row.asOfDay()).toString());
  }
}
