package dev.treue.serving.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.TestService;
import dev.treue.serving.config.ServingConfig;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Delivery costs the API a bounded, small number of threads, however many deliveries are in flight:
 * with 64 held open by a slow receiver, the service runs no more than a few threads more than when
 * idle. A thread per delivery in flight (64 blocking senders, and java.net.http's own workers) made
 * every delivery wake several threads that competed with the event loops for 2 cores: at 1,000
 * events/s it doubled the API's p99 (bench/triggers.sh).
 */
class WebhookDeliveryThreadsTest {
  private static final int IN_FLIGHT = 64;
  private static final int MAX_NEW_THREADS = 6;

  @Test
  void sixtyFourDeliveriesInFlightRunOnAFewThreads() {
    try (TestService service =
            TestService.start(
                new JsonObject()
                    .put("webhook_allow_private_targets", true)
                    .put("webhook_poll_interval", "PT0.2S")
                    .put("webhook_timeout", "PT10S")
                    .put("webhook_concurrency", IN_FLIGHT));
        TestReceiver receiver = new TestReceiver(n -> new TestReceiver.Answer(200, 3_000))) {
      RedisKeys keys = TestService.keys("acme");
      Firings.subscribe(service, receiver.url(), "purchase_milestone");
      Set<Long> before = threadIds();
      for (int i = 0; i < IN_FLIGHT; i++) {
        Firings.add(
            service.jedis,
            keys,
            "purchase_milestone:th-" + i + ":1",
            "purchase_milestone",
            "th-" + i,
            false);
      }
      Firings.await("every delivery in flight", 10_000, () -> receiver.arrived() >= IN_FLIGHT);
      List<String> added =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> !before.contains(t.getId()))
              .map(Thread::getName)
              .filter(name -> !name.startsWith(TestReceiver.RECEIVER_THREAD))
              // Vert.x worker pools grow on their own (the API's, shared by every service this JVM
              // ran); delivery's own is fixed at two threads by construction.
              .filter(name -> !name.startsWith("vert.x-worker-thread"))
              .sorted()
              .toList();
      assertTrue(
          added.size() <= MAX_NEW_THREADS,
          IN_FLIGHT + " deliveries in flight started " + added.size() + " threads: " + added);
    }
  }

  @Test
  void deliveryRunsBelowTheRequestsPriority() {
    try (DeliveryWorker w =
        new DeliveryWorker(
                null,
                List.of(),
                new WebhookTarget(false, List.of()),
                ServingConfig.defaults().webhooks(),
                ServingMetrics.off(),
                Clock.systemUTC())
            .start()) {
      // The pump and delivery's event loop; the worker pool's threads are lowered on their first
      // URL check.
      Firings.await("both threads lowered", 10_000, () -> w.loweredThreads().size() >= 2);
      for (String tid : w.loweredThreads()) {
        assertEquals(Optional.of(BackgroundPriority.NICE), niceOf(tid), "thread " + tid);
      }
      String self = BackgroundPriority.currentThreadId().orElseThrow();
      assertEquals(Optional.of(0), niceOf(self), "the caller keeps its priority");
    }
  }

  /** A thread's nice value in this process, from {@code /proc}; empty where the system does not say. */
  private static Optional<Integer> niceOf(String threadId) {
    try {
      String stat = Files.readString(Path.of("/proc/self/task", threadId, "stat"));
      // Fields after the command name (which may hold spaces) start after the last ')'; nice is
      // field 19, the 17th after it.
      String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Optional.of(Integer.parseInt(after[16]));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Set<Long> threadIds() {
    Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
    return all.keySet().stream().map(Thread::getId).collect(Collectors.toSet());
  }
}
