package dev.treue.serving.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.TestService;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Senders are kept busy: a sender that finishes while deliveries are due takes the next one at once
 * instead of idling until the next poll. With a receiver answering after 200 ms, 16 senders and a
 * poll every 2 s, 200 deliveries take about 200 * 0.2 / 16 = 2.5 s when senders are refilled, and
 * about 200 / 16 polls * 2 s = 25 s when each poll hands out only as many as are free at that moment.
 */
class WebhookSenderThroughputTest {
  private static final int FIRINGS = 200;
  private static final int CONCURRENCY = 16;
  private static final long PAUSE_MILLIS = 200;
  // Far from both: 2.5 s (kept busy, 4x slack for a loaded machine) and 25 s (refilled per poll).
  private static final long BOUND_MILLIS = 10_000;

  @Test
  void freedSendersTakeDueDeliveriesWithoutWaitingForThePoll() {
    try (TestService service =
            TestService.start(
                new JsonObject()
                    .put("webhook_allow_private_targets", true)
                    .put("webhook_poll_interval", "PT2S")
                    .put("webhook_timeout", "PT5S")
                    .put("webhook_concurrency", CONCURRENCY));
        TestReceiver receiver = new TestReceiver(n -> new TestReceiver.Answer(200, PAUSE_MILLIS))) {
      RedisKeys keys = TestService.keys("acme");
      Firings.subscribe(service, receiver.url(), "purchase_milestone");
      for (int i = 0; i < FIRINGS; i++) {
        Firings.add(
            service.jedis,
            keys,
            "purchase_milestone:tp-" + i + ":1",
            "purchase_milestone",
            "tp-" + i,
            false);
      }
      // From the first delivery on, so the wait for the first poll does not count.
      Firings.await("the first delivery", 10_000, () -> !receiver.received().isEmpty());
      long start = System.nanoTime();
      Firings.await("every delivery", 60_000, () -> receiver.received().size() >= FIRINGS);
      long tookMillis = (System.nanoTime() - start) / 1_000_000;

      Set<String> ids = new HashSet<>();
      for (TestReceiver.Received got : receiver.received()) {
        ids.add(got.deliveryHeader());
      }
      assertEquals(FIRINGS, ids.size(), "one delivery per firing");
      assertTrue(
          tookMillis < BOUND_MILLIS,
          FIRINGS
              + " deliveries to a "
              + PAUSE_MILLIS
              + " ms receiver with "
              + CONCURRENCY
              + " senders took "
              + tookMillis
              + " ms; kept busy they take about "
              + FIRINGS * PAUSE_MILLIS / CONCURRENCY
              + " ms");
      System.out.println("webhook throughput: " + FIRINGS + " deliveries in " + tookMillis + " ms");
    }
  }
}
