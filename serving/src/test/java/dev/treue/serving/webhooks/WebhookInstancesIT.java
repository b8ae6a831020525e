package dev.treue.serving.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.serving.TestService;
import dev.treue.store.RedisKeys;
import dev.treue.store.RedisTestServers;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Delivery with more than one instance and on a Redis Cluster: two instances on one Redis share the
 * trigger stream and the due deliveries, so a receiver that always answers gets each firing exactly
 * once; on a three-master cluster (the stream and the webhook keys in slots of their own) every
 * firing is delivered through failures too.
 */
class WebhookInstancesIT {
  private static JsonObject config(String redisUrl) {
    return new JsonObject()
        .put("redis_url", redisUrl)
        .put("webhook_allow_private_targets", true)
        .put("webhook_poll_interval", "PT0.05S")
        .put("webhook_first_retry", "PT0.05S")
        .put("webhook_max_retry_interval", "PT0.2S")
        .put("webhook_timeout", "PT2S");
  }

  @Test
  void twoInstancesShareTheStreamAndSendEachFiringOnce() {
    try (RedisTestServers.Single redis = RedisTestServers.single();
        TestService a = TestService.start(config(redis.url()));
        TestService b = TestService.start(config(redis.url()));
        TestReceiver receiver = TestReceiver.ok()) {
      RedisKeys keys = TestService.keys("acme");
      Firings.subscribe(a, receiver.url(), "purchase_milestone");
      int n = 200;
      // Firings trickle in over about a second, as they do from requests, so both instances'
      // polls find some: written in one go, one instance's first poll can take them all.
      for (int i = 0; i < n; i++) {
        Firings.add(
            a.jedis,
            keys,
            "purchase_milestone:p-" + i + ":10",
            "purchase_milestone",
            "p-" + i,
            false);
        if (i % 10 == 9) {
          pause(50);
        }
      }
      Firings.await("every firing", 60_000, () -> receiver.received().size() >= n);
      Firings.await(
          "both consumers to settle",
          10_000,
          () -> a.jedis.xpending(keys.triggerStream(), DeliveryWorker.GROUP).getTotal() == 0);
      Map<String, Integer> copies = new HashMap<>();
      receiver
          .received()
          .forEach(r -> copies.merge(r.json().getString("event_id"), 1, Integer::sum));
      assertEquals(n, copies.size(), "every firing arrived");
      copies.forEach(
          (event, count) -> assertEquals(1, count, event + " arrived " + count + " times"));
      assertEquals(
          2,
          a.jedis.xinfoGroups(keys.triggerStream()).get(0).getConsumers(),
          "both instances read the stream as consumers of one group");
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void deliveryWorksOnARedisCluster() {
    try (RedisTestServers.Cluster cluster = RedisTestServers.cluster();
        TestService service = TestService.start(config(cluster.url()));
        TestReceiver receiver =
            new TestReceiver(n -> new TestReceiver.Answer(n < 5 ? 500 : 200, 0))) {
      RedisKeys keys = TestService.keys("acme");
      String id = Firings.subscribe(service, receiver.url(), "tier_changed");
      int n = 20;
      for (int i = 0; i < n; i++) {
        Firings.add(
            service.jedis, keys, "tier_changed:k-" + i + ":1", "tier_changed", "k-" + i, false);
      }
      Firings.await(
          "every firing delivered",
          30_000,
          () ->
              service
                      .http()
                      .get("/v1/webhooks/" + id + "/deliveries?status=delivered&limit=100")
                      .json()
                      .getJsonArray("deliveries")
                      .size()
                  == n);
      Map<String, Integer> delivered = new HashMap<>();
      receiver.received().stream()
          .filter(r -> r.answered() == 200)
          .forEach(r -> delivered.merge(r.json().getString("event_id"), 1, Integer::sum));
      assertEquals(n, delivered.size());
    }
  }
}
