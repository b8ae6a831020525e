package dev.treue.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.offers.RankedReward;
import dev.treue.core.reason.ReasonWords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payload of a firing (the contract's {@code payload} field), one definition for the service's
 * event folds and sweep and for the batch ({@code ./treue triggers sweep}): {@code churn_probability}
 * and {@code risk_band} (null unless the member is active under the model), {@code status}, {@code
 * reasons} (in the reader's language), {@code clv}, {@code value_at_risk}, {@code model_version},
 * {@code best_reward} ({@link #bestReward}) and the kind's own fields, all from the member's at-risk
 * row ({@link AtRiskEntry}) scored at the firing.
 */
public final class FiringPayload {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FiringPayload() {}

  /**
   * The payload as JSON text.
   *
   * @param row the member's at-risk row scored now, or null without a model
   * @param status the member's group when there is no row (null: unknown); a row's own otherwise
   * @param modelVersion the churn model's version, or null
   * @param words the language of {@code reasons}
   * @param bestReward {@link #bestReward}'s object, or null
   * @param details the kind's own fields
   */
  public static String json(
      AtRiskEntry row,
      MemberStatus status,
      String modelVersion,
      ReasonWords words,
      Map<String, Object> bestReward,
      Map<String, ?> details) {
    try {
      return JSON.writeValueAsString(of(row, status, modelVersion, words, bestReward, details));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a firing payload is plain JSON", e);
    }
  }

  /** The payload's fields in the contract's order, as plain JSON values; see {@link #json}. */
  public static Map<String, Object> of(
      AtRiskEntry row,
      MemberStatus status,
      String modelVersion,
      ReasonWords words,
      Map<String, Object> bestReward,
      Map<String, ?> details) {
    Map<String, Object> p = new LinkedHashMap<>();
    boolean active = row != null && row.active();
    p.put("churn_probability", active ? row.probability() : null);
    p.put("risk_band", active ? row.band() : null);
    MemberStatus group = row == null ? status : row.status();
    p.put("status", group == null ? null : group.wireName());
    p.put("reasons", row == null ? List.of() : row.reasons(words));
    p.put("clv", row == null ? null : row.clv());
    p.put("value_at_risk", active && !Double.isNaN(row.valueAtRisk()) ? row.valueAtRisk() : null);
    p.put("model_version", modelVersion);
    p.put("best_reward", bestReward);
    p.putAll(details);
    return p;
  }

  /**
   * A payload's {@code best_reward}: {@code {offer_id, kind, expected_value}} of the top of the
   * member's rewards ranking, or null when nothing ranks.
   */
  public static Map<String, Object> bestReward(RankedReward best) {
    if (best == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("offer_id", best.offer().offerId());
    m.put("kind", best.offer().kind().wireName());
    m.put("expected_value", best.expectedValue());
    return m;
  }
}
