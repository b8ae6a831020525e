package dev.treue.serving.webhooks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.config.ServingConfig;
import dev.treue.serving.metrics.ServingMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retry waits: 1 s doubling to 1 h, each with jitter between half and all of it. */
class DeliveryBackoffTest {
  @Test
  void waitsDoubleFromTheFirstRetryUpToTheLongestWithJitter() {
    ServingConfig.Webhooks c = ServingConfig.defaults().webhooks();
    try (DeliveryWorker w =
        new DeliveryWorker(
            null,
            List.of(),
            new WebhookTarget(false, List.of()),
            c,
            ServingMetrics.off(),
            Clock.systemUTC())) {
      for (int attempt = 1; attempt <= 30; attempt++) {
        long full = Math.min(Duration.ofHours(1).toMillis(), 1_000L << Math.min(attempt - 1, 30));
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 200; i++) {
          long wait = w.backoff(attempt);
          min = Math.min(min, wait);
          max = Math.max(max, wait);
        }
        assertTrue(
            min >= full / 2 && max <= full, attempt + ": " + min + ".." + max + " of " + full);
        assertTrue(max > min, "jittered at attempt " + attempt);
      }
      assertTrue(w.backoff(1_000) <= Duration.ofHours(1).toMillis(), "no overflow far out");
    }
  }
}
