package dev.treue.serving.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.core.churn.RiskBand;
import dev.treue.core.customer.CustomerState;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.store.StoredMember;
import dev.treue.store.StoredState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics the scoring routes record from an assessment, now that the service records none. */
class RiskMetricsTest {
  private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

  @Test
  void recordsEachMembersLookupProbabilityAndSyncAge() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    long syncedTwoHoursAgo = NOW.minus(Duration.ofHours(2)).toEpochMilli();
    StoredMember synced =
        new StoredMember(
            "a", new StoredState(1, 0, syncedTwoHoursAgo, new CustomerState("a")), false);
    StoredMember eventsOnly =
        new StoredMember("b", new StoredState(1, 0, 0, new CustomerState("b")), false);
    StoredMember unknown = new StoredMember("c", null, false);
    StoredMember optedOut = new StoredMember("d", null, true);
    List<ChurnRisk> risks =
        List.of(
            ChurnRisk.known("a", 0.7, RiskBand.of(0.7), List.of(), null, "v", null, NOW, true),
            ChurnRisk.known("b", 0.2, RiskBand.of(0.2), List.of(), null, "v", null, NOW, false),
            ChurnRisk.coldStart("c", 0.3, null, "v", NOW),
            ChurnRisk.optedOut("d"));

    new RiskMetrics(new ServingMetrics(registry))
        .record(List.of(synced, eventsOnly, unknown, optedOut), risks);

    for (String result : List.of("stale", "hit", "miss", "opted_out")) {
      assertEquals(
          1, registry.get("treue.cache.lookups").tag("result", result).counter().count(), result);
    }
    var probabilities = registry.get("treue.churn.probability").summary();
    assertEquals(3, probabilities.count(), "opted-out members have no probability");
    assertEquals(0.7 + 0.2 + 0.3, probabilities.totalAmount(), 1e-12);
    var ages = registry.get("treue.member.state.age").summary();
    assertEquals(1, ages.count(), "only batch-synced states have an age");
    assertEquals(2 * 3600, ages.totalAmount(), 1e-9);
  }
}
