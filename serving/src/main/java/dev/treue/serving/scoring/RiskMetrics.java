package dev.treue.serving.scoring;

import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.store.StoredMember;
import java.time.Duration;
import java.util.List;

/**
 * Records what {@link ChurnRiskService#assess} answered, so the service stays pure computation: per
 * member the lookup result ({@code opted_out}, {@code miss}, {@code stale}, {@code hit}), the
 * probability answered and, for batch-synced states, how long ago the batch synced them.
 */
final class RiskMetrics {
  private final ServingMetrics metrics;

  RiskMetrics(ServingMetrics metrics) {
    this.metrics = metrics;
  }

  /** Records the answers of one assessment, {@code risks} in the order of {@code members}. */
  void record(List<StoredMember> members, List<ChurnRisk> risks) {
    for (int i = 0; i < members.size(); i++) {
      record(members.get(i), risks.get(i));
    }
  }

  private void record(StoredMember member, ChurnRisk risk) {
    if (risk.optedOut()) {
      metrics.lookup("opted_out");
      return;
    }
    if (risk.coldStart()) {
      metrics.lookup("miss");
    } else {
      Duration age = ChurnRiskService.syncAge(member.state(), risk.scoredAt());
      if (age != null) {
        metrics.stateAge(age);
      }
      metrics.lookup(risk.stale() ? "stale" : "hit");
    }
    if (!Double.isNaN(risk.probability())) {
      // Lapsed and never-purchased members have no churn probability to count.
      metrics.probability(risk.probability());
    }
  }
}
