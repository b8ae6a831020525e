package dev.treue.serving.triggers;

import dev.treue.core.churn.ReasonWords;
import dev.treue.serving.models.ServingModel;
import dev.treue.store.AtRiskEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The payload of a firing, event-driven or time-driven: {@code churn_probability} and {@code
 * risk_band} (null unless the member is active under the model), {@code status}, {@code reasons} (in
 * the service's language), {@code clv}, {@code value_at_risk}, {@code model_version}, {@code
 * best_reward} ({@link BestReward}) and the kind's own fields.
 */
final class FiringPayload {
  private FiringPayload() {}

  /**
   * @param row the member's at-risk row scored now, or null without a model
   * @param model the served churn model, or null
   * @param bestReward the top of the member's rewards ranking, or null
   */
  static JsonObject of(
      AtRiskEntry row,
      ServingModel model,
      ReasonWords words,
      JsonObject bestReward,
      Map<String, Object> details) {
    JsonObject p = new JsonObject();
    boolean active = row != null && row.active();
    p.put("churn_probability", active ? row.probability() : null);
    p.put("risk_band", active ? row.band() : null);
    p.put("status", row == null ? null : row.status().wireName());
    p.put("reasons", row == null ? new JsonArray() : new JsonArray(row.reasons(words)));
    p.put("clv", row == null ? null : row.clv());
    p.put("value_at_risk", active && !Double.isNaN(row.valueAtRisk()) ? row.valueAtRisk() : null);
    p.put("model_version", model == null ? null : model.version());
    p.put("best_reward", bestReward);
    details.forEach(p::put);
    return p;
  }
}
