package dev.treue.serving.scoring;

import dev.treue.core.churn.RiskBand;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * One member's churn risk as the API answers it.
 *
 * @param customerId the member
 * @param optedOut the member opted out of profiling: nothing else is set
 * @param probability calibrated churn probability (the base rate for a cold start)
 * @param band risk band of the probability
 * @param reasons top reasons, empty for a cold start
 * @param value lifetime value, P(alive), expected purchases and value at risk from the model's
 *     lifetime model; null when opted out
 * @param modelVersion the model that scored
 * @param stateAsOfMillis the latest event folded in, or the batch coverage when later; null when unknown
 * @param scoredAt when the score was computed
 * @param coldStart no stored state: the probability is the model's base rate
 * @param stale the batch synced the state longer ago than the configured maximum age
 */
public record ChurnRisk(
    String customerId,
    boolean optedOut,
    double probability,
    RiskBand band,
    List<String> reasons,
    MemberValue value,
    String modelVersion,
    Long stateAsOfMillis,
    Instant scoredAt,
    boolean coldStart,
    boolean stale) {

  /** The answer for a member who opted out of profiling. */
  public static ChurnRisk optedOut(String customerId) {
    return new ChurnRisk(
        customerId, true, Double.NaN, null, List.of(), null, null, null, null, false, false);
  }

  /**
   * The answer for a member with no stored state: the model's base rate as an honest prior, no
   * reasons, no state time.
   */
  public static ChurnRisk coldStart(
      String customerId,
      double baseRate,
      MemberValue value,
      String modelVersion,
      Instant scoredAt) {
    return new ChurnRisk(
        customerId,
        false,
        baseRate,
        RiskBand.of(baseRate),
        List.of(),
        value,
        modelVersion,
        null,
        scoredAt,
        true,
        false);
  }

  /** The answer for a member scored from their stored state. */
  public static ChurnRisk known(
      String customerId,
      double probability,
      RiskBand band,
      List<String> reasons,
      MemberValue value,
      String modelVersion,
      Long stateAsOfMillis,
      Instant scoredAt,
      boolean stale) {
    return new ChurnRisk(
        customerId,
        false,
        probability,
        band,
        reasons,
        value,
        modelVersion,
        stateAsOfMillis,
        scoredAt,
        false,
        stale);
  }

  /** The JSON body (or batch item). */
  public JsonObject toJson() {
    if (optedOut) {
      return new JsonObject().put("customer_id", customerId).put("opted_out", true);
    }
    JsonObject body =
        new JsonObject()
            .put("customer_id", customerId)
            .put("churn_probability", probability)
            .put("risk_band", band.wireName())
            .put("reasons", new JsonArray(reasons));
    value.writeTo(body);
    return body.put("model_version", modelVersion)
        .put(
            "state_as_of",
            stateAsOfMillis == null ? null : Instant.ofEpochMilli(stateAsOfMillis).toString())
        .put("scored_at", scoredAt.toString())
        .put("cold_start", coldStart)
        .put("stale", stale);
  }
}
