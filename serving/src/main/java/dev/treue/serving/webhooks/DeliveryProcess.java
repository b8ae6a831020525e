package dev.treue.serving.webhooks;

import dev.treue.serving.config.ServingConfig;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.store.RedisEndpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Locale;

/**
 * Webhook delivery as a process of its own ({@code ./treue webhooks}), for services configured with
 * {@code webhook_delivery_in_service: false}: the same {@link DeliveryWorker} on the same Redis,
 * consumer group and settings, so any number of these processes and of services delivering in
 * service share the work without sending anything twice. Apart from the API's JVM, delivery's
 * garbage collection never pauses a request; the whole process (its JIT and GC threads too) runs
 * below the requests' CPU priority ({@link BackgroundPriority}), so on a machine it shares with the
 * service it takes the time requests leave.
 */
public final class DeliveryProcess implements AutoCloseable {
  private static final List<String> OUTCOMES =
      List.of(Delivery.DELIVERED, Delivery.FAILED, Delivery.DEAD, Delivery.HELD_OUT, "parked");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final DeliveryWorker worker;
  private final String redis;
  private final int tenants;

  private DeliveryProcess(ServingConfig config, String redisUrl) {
    this.worker = DeliveryWorker.forConfig(config, redisUrl, new ServingMetrics(registry)).start();
    this.redis = RedisEndpoint.parse(redisUrl).toString();
    this.tenants = config.tenants().size();
  }

  /**
   * Starts delivering for the configuration's tenants.
   *
   * @throws IllegalArgumentException when the configuration names no Redis (an embedded Redis
   *     belongs to the one service that started it: this process must share the service's)
   */
  public static DeliveryProcess start(ServingConfig config) {
    String url = config.redis().url();
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(
          "redis_url (TREUE_REDIS_URL) is required: webhook delivery reads the firings of the"
              + " service's Redis");
    }
    // Before the worker's threads exist, so they and every later thread inherit the priority.
    BackgroundPriority.lower(BackgroundPriority.everyThreadOfThisProcess());
    return new DeliveryProcess(config, url);
  }

  /** What it delivers from, for the start line. */
  public String describe() {
    return tenants + (tenants == 1 ? " tenant" : " tenants") + " on Redis " + redis;
  }

  /** Delivery steps since the start by outcome, for a progress line. */
  public String progress() {
    StringBuilder line = new StringBuilder();
    for (String outcome : OUTCOMES) {
      long n = count(outcome);
      line.append(line.isEmpty() ? "" : ", ")
          .append(String.format(Locale.ROOT, "%,d", n))
          .append(' ')
          .append(outcome.replace('_', ' '));
    }
    return line.append(" since the start").toString();
  }

  /** How many attempts ended with {@code outcome} since the start. */
  long count(String outcome) {
    Counter c = registry.find("treue.webhooks.deliveries").tag("outcome", outcome).counter();
    return c == null ? 0 : (long) c.count();
  }

  /** The worker, for tests. */
  DeliveryWorker worker() {
    return worker;
  }

  @Override
  public void close() {
    worker.close();
  }
}
