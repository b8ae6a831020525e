package dev.treue.training.report;

import java.util.List;

/**
 * One member from the validation rows whom the model flags, with the reasons it gives.
 *
 * @param customerId the member
 * @param churnProbability calibrated churn probability
 * @param reasons human-readable reason codes, most important first
 */
public record AtRiskMember(String customerId, double churnProbability, List<String> reasons) {
  /** Defensive copy of the reasons. */
  public AtRiskMember {
    reasons = List.copyOf(reasons);
  }
}
