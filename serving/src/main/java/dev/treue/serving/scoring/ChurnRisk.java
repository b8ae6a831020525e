package dev.treue.serving.scoring;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.treue.core.churn.RiskBand;
import dev.treue.core.churn.WinBack;
import dev.treue.core.customer.MemberStatus;
import dev.treue.serving.http.ResponseJson;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * One member's churn risk as the API answers it. Only {@link MemberStatus#ACTIVE active} members
 * (and cold starts, with the base rate as a prior) get a churn probability; lapsed members get their
 * win-back figures instead, members who never purchased neither.
 *
 * @param customerId the member
 * @param optedOut the member opted out of profiling: nothing else is set
 * @param status the member's group today under the model's activity window; null for a cold start
 *     (nothing stored, so the group is unknown) and when opted out
 * @param probability calibrated churn probability (the base rate for a cold start); NaN for lapsed
 *     and never-purchased members
 * @param band risk band of the probability; null without one
 * @param reasons top churn reasons of an active member, the win-back figures in words of a lapsed
 *     one, "not activated yet" of one who never purchased; empty for a cold start
 * @param winBack a lapsed member's win-back figures, else null
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
    MemberStatus status,
    double probability,
    RiskBand band,
    List<String> reasons,
    WinBack winBack,
    MemberValue value,
    String modelVersion,
    Long stateAsOfMillis,
    Instant scoredAt,
    boolean coldStart,
    boolean stale) {

  /** The answer for a member who opted out of profiling. */
  public static ChurnRisk optedOut(String customerId) {
    return new ChurnRisk(
        customerId,
        true,
        null,
        Double.NaN,
        null,
        List.of(),
        null,
        null,
        null,
        null,
        null,
        false,
        false);
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
        null,
        baseRate,
        RiskBand.of(baseRate),
        List.of(),
        null,
        value,
        modelVersion,
        null,
        scoredAt,
        true,
        false);
  }

  /** The answer for an active member scored from their stored state. */
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
    return known(
        customerId,
        MemberStatus.ACTIVE,
        probability,
        band,
        reasons,
        null,
        value,
        modelVersion,
        stateAsOfMillis,
        scoredAt,
        stale);
  }

  /**
   * The answer for a member assessed from their stored state.
   *
   * @param probability the churn probability of an active member, NaN for any other
   * @param band its band, null unless active
   * @param winBack the win-back figures of a lapsed member, else null
   */
  public static ChurnRisk known(
      String customerId,
      MemberStatus status,
      double probability,
      RiskBand band,
      List<String> reasons,
      WinBack winBack,
      MemberValue value,
      String modelVersion,
      Long stateAsOfMillis,
      Instant scoredAt,
      boolean stale) {
    return new ChurnRisk(
        customerId,
        false,
        status,
        probability,
        band,
        reasons,
        winBack,
        value,
        modelVersion,
        stateAsOfMillis,
        scoredAt,
        false,
        stale);
  }

  /** Writes the JSON body (or batch item). */
  public void writeJson(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("customer_id", customerId);
    if (optedOut) {
      g.writeBooleanField("opted_out", true);
      g.writeEndObject();
      return;
    }
    g.writeStringField("status", status == null ? null : status.wireName());
    ResponseJson.number(g, "churn_probability", Double.isNaN(probability) ? null : probability);
    g.writeStringField("risk_band", band == null ? null : band.wireName());
    ResponseJson.strings(g, "reasons", reasons);
    value.writeTo(g);
    ResponseJson.number(g, "win_back_value", winBack == null ? null : winBack.value());
    g.writeStringField("model_version", modelVersion);
    g.writeStringField(
        "state_as_of",
        stateAsOfMillis == null ? null : Instant.ofEpochMilli(stateAsOfMillis).toString());
    g.writeStringField("scored_at", scoredAt.toString());
    g.writeBooleanField("cold_start", coldStart);
    g.writeBooleanField("stale", stale);
    g.writeEndObject();
  }
}
