package dev.treue.training.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** The off-policy estimate of a new offer model's targeting, or why there is none. */
public sealed interface OffPolicyResult
    permits OffPolicyResult.Unavailable, OffPolicyResult.Estimated {

  /** The {@code off_policy} object of {@code metrics.json}, in its order. */
  Map<String, Object> toJson();

  /** No estimate, e.g. because the logging propensities are unknown. */
  record Unavailable(String reason) implements OffPolicyResult {
    @Override
    public Map<String, Object> toJson() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("available", false);
      out.put("reason", reason);
      return out;
    }
  }

  /**
   * The estimate; a rate that cannot be computed is null.
   *
   * @param policy the targeting rule evaluated, in words
   * @param loggedSends logged sends with a known propensity
   * @param campaigns campaigns among them
   * @param loggedRedemptionRate redemptions per send as logged
   * @param ipsRedemptionRate inverse-propensity estimate of redemptions per send under the policy
   * @param ipsStandardError its standard error
   * @param snipsRedemptionRate the self-normalised estimate
   * @param effectiveSampleSize effective sample size of the importance weights
   * @param clipped weights clipped
   * @param snipsLift SNIPS / logged
   */
  record Estimated(
      String policy,
      long loggedSends,
      int campaigns,
      Double loggedRedemptionRate,
      Double ipsRedemptionRate,
      Double ipsStandardError,
      Double snipsRedemptionRate,
      Double effectiveSampleSize,
      long clipped,
      Double snipsLift)
      implements OffPolicyResult {
    @Override
    public Map<String, Object> toJson() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("available", true);
      out.put("policy", policy);
      out.put("logged_sends", loggedSends);
      out.put("campaigns", campaigns);
      out.put("logged_redemption_rate", loggedRedemptionRate);
      out.put("ips_redemption_rate", ipsRedemptionRate);
      out.put("ips_standard_error", ipsStandardError);
      out.put("snips_redemption_rate", snipsRedemptionRate);
      out.put("effective_sample_size", effectiveSampleSize);
      out.put("clipped", clipped);
      out.put("snips_lift", snipsLift);
      return out;
    }
  }
}
