package dev.treue.serving.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery end to end: firings XADDed to the tenant's trigger stream in the contract's
 * format, a real receiver on 127.0.0.1, the service's own delivery worker. Each test uses its own
 * tenant, so subscriptions of one test never receive another's firings.
 */
class WebhookDeliveryTest {
  private static TestService service;

  @BeforeAll
  static void start() {
    service =
        TestService.start(
            new JsonObject()
                .put("webhook_allow_private_targets", true)
                .put("webhook_poll_interval", "PT0.05S")
                .put("webhook_first_retry", "PT0.05S")
                .put("webhook_max_retry_interval", "PT0.4S")
                .put("webhook_timeout", "PT0.5S")
                .put("webhook_concurrency", 4));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static JsonObject subscribe(String apiKey, String url, String... kinds) {
    Http.Reply r =
        service
            .http(apiKey)
            .post(
                "/v1/webhooks",
                new JsonObject()
                    .put("url", url)
                    .put("triggers", new JsonArray(List.of((Object[]) kinds))));
    assertEquals(201, r.status(), r.toString());
    return r.json();
  }

  private static JsonArray log(String apiKey, String webhookId, String query) {
    Http.Reply r =
        service.http(apiKey).get("/v1/webhooks/" + webhookId + "/deliveries?limit=1000" + query);
    assertEquals(200, r.status(), r.toString());
    return r.json().getJsonArray("deliveries");
  }

  @Test
  void aDeliveryIsSignedCarriesTheFiringAndHeldOutMembersAreOnlyLogged() {
    RedisKeys keys = TestService.keys("acme");
    try (TestReceiver receiver = TestReceiver.ok()) {
      JsonObject sub =
          subscribe(TestService.ACME_ALL, receiver.url(), "first_purchase", "birthday");
      String secret = sub.getString("secret");
      Firings.add(service.jedis, keys, "first_purchase:m-1:19904", "first_purchase", "m-1", false);
      Firings.add(service.jedis, keys, "tier_changed:m-2:19904", "tier_changed", "m-2", false);
      Firings.add(service.jedis, keys, "birthday:m-3:19904", "birthday", "m-3", true);
      Firings.add(service.jedis, keys, "birthday:m-4:19904", "birthday", "m-4", false);
      Firings.await("two deliveries", 10_000, () -> receiver.received().size() >= 2);

      Map<String, TestReceiver.Received> byEvent = new HashMap<>();
      for (TestReceiver.Received r : receiver.received()) {
        byEvent.put(r.json().getString("event_id"), r);
      }
      assertEquals(
          Set.of("first_purchase:m-1:19904", "birthday:m-4:19904"),
          byEvent.keySet(),
          "a kind the subscription does not want and a held-out member are not sent");
      TestReceiver.Received first = byEvent.get("first_purchase:m-1:19904");
      assertEquals(
          Firings.hmac(secret, first.timestamp(), first.body()),
          first.signature(),
          "the signature is the HMAC of timestamp.body with the secret");
      long ts = Long.parseLong(first.timestamp());
      assertTrue(Math.abs(System.currentTimeMillis() / 1000 - ts) < 60, "timestamp is now: " + ts);
      JsonObject body = first.json();
      assertEquals("first_purchase", body.getString("kind"));
      assertEquals("m-1", body.getString("customer_id"));
      assertEquals("2024-06-30T10:15:00Z", body.getString("fired_at"));
      assertEquals(Firings.payload("m-1"), body.getJsonObject("payload"));
      assertEquals(
          Delivery.id(sub.getString("id"), "first_purchase:m-1:19904"),
          body.getString("delivery_id"));
      assertEquals(body.getString("delivery_id"), first.deliveryHeader());

      Firings.await(
          "the log to show the delivery",
          5_000,
          () -> log(TestService.ACME_ALL, sub.getString("id"), "&status=delivered").size() == 2);
      JsonArray all = log(TestService.ACME_ALL, sub.getString("id"), "");
      assertEquals(3, all.size(), all.encodePrettily());
      JsonObject heldOut =
          log(TestService.ACME_ALL, sub.getString("id"), "&status=held_out").getJsonObject(0);
      assertEquals("birthday:m-3:19904", heldOut.getString("event_id"));
      assertEquals(0, heldOut.getInteger("attempts"));
      JsonObject delivered =
          log(TestService.ACME_ALL, sub.getString("id"), "&status=delivered").getJsonObject(0);
      assertEquals(1, delivered.getInteger("attempts"));
      assertEquals(200, delivered.getInteger("last_status_code"));
      assertNotNull(delivered.getLong("last_latency_ms"));
      assertNotNull(delivered.getString("delivered_at"));

      // The relay may write a firing again after it was delivered: it is not sent again.
      int received = receiver.received().size();
      Firings.add(service.jedis, keys, "first_purchase:m-1:19904", "first_purchase", "m-1", false);
      Firings.await(
          "the repeated entry to be read",
          5_000,
          () ->
              service.jedis.xpending(keys.triggerStream(), DeliveryWorker.GROUP).getTotal() == 0
                  && service.jedis.xlen(keys.triggerStream()) == 5);
      sleep(300);
      assertEquals(received, receiver.received().size(), "a firing read twice is delivered once");
      assertEquals(3, log(TestService.ACME_ALL, sub.getString("id"), "").size());

      String metrics = service.http().get("/metrics").body();
      assertTrue(
          metrics.contains("treue_webhooks_deliveries_total{outcome=\"delivered\"}")
              && metrics.contains("treue_webhooks_deliveries_total{outcome=\"held_out\"}"),
          "delivery metrics are exported");
    }
  }

  @Test
  void theServicesOwnRedisIsRefusedEvenWithPrivateTargetsAllowed() {
    int redisPort = java.net.URI.create(service.server.redisUrl()).getPort();
    Http.Reply r =
        service
            .http(TestService.ACME_ALL)
            .post(
                "/v1/webhooks",
                new JsonObject()
                    .put("url", "http://127.0.0.1:" + redisPort + "/")
                    .put("triggers", new JsonArray().add("birthday")));
    assertEquals(400, r.status(), r.toString());
    assertTrue(r.json().getString("detail").contains("Redis"), r.toString());
  }

  @Test
  void aBrokenDeliveryRecordStopsNeitherTheOtherDeliveriesNorTheLog() {
    RedisKeys keys = TestService.keys("fuzz");
    try (TestReceiver receiver = TestReceiver.ok()) {
      String id =
          subscribe(TestService.FUZZ_ALL, receiver.url(), "points_expiring").getString("id");
      // A record no version of Treue wrote, due now, claimed with the good one in one pass.
      service.jedis.hset(keys.webhookDeliveries(id), "dlv_broken", "{\"attempts\": \"many\"");
      service.jedis.zadd(keys.webhookDeliveryLog(id), 1, "dlv_broken");
      service.jedis.zadd(keys.webhookDue(), 1, id + "|dlv_broken");
      Firings.add(service.jedis, keys, "points_expiring:fine:1", "points_expiring", "fine", false);
      Firings.await("the good delivery", 10_000, () -> receiver.received().size() == 1);
      JsonArray logged = log(TestService.FUZZ_ALL, id, "");
      assertEquals(1, logged.size(), logged.encode());
      assertEquals("fine", logged.getJsonObject(0).getString("customer_id"));
      Firings.await(
          "the broken one to leave the due set",
          5_000,
          () -> service.jedis.zscore(keys.webhookDue(), id + "|dlv_broken") == null);
    }
  }

  @Test
  void erasingAMemberErasesTheirDeliveries() {
    RedisKeys keys = TestService.keys("fuzz");
    try (TestReceiver receiver = TestReceiver.ok()) {
      String id = subscribe(TestService.FUZZ_ALL, receiver.url(), "first_purchase").getString("id");
      Firings.add(
          service.jedis, keys, "first_purchase:wipe-me:1", "first_purchase", "wipe-me", false);
      Firings.add(
          service.jedis, keys, "first_purchase:keep-me:1", "first_purchase", "keep-me", false);
      Firings.await(
          "both deliveries",
          10_000,
          () -> log(TestService.FUZZ_ALL, id, "&status=delivered").size() == 2);
      Http.Reply erased = service.http(TestService.FUZZ_ALL).delete("/v1/customers/wipe-me");
      assertEquals(200, erased.status(), erased.toString());
      JsonArray left = log(TestService.FUZZ_ALL, id, "");
      assertEquals(1, left.size(), left.encode());
      assertEquals("keep-me", left.getJsonObject(0).getString("customer_id"));
      for (String key : service.jedis.keys("*@webhooks}*")) {
        assertTrue(!key.contains("wipe-me"), key);
        String type = service.jedis.type(key);
        String content =
            switch (type) {
              case "hash" -> service.jedis.hgetAll(key).toString();
              case "zset" -> service.jedis.zrange(key, 0, -1).toString();
              case "set" -> service.jedis.smembers(key).toString();
              default -> "";
            };
        assertTrue(!content.contains("wipe-me"), key + " still names the member: " + content);
      }
    }
  }

  @Test
  void failingTimingOutAndDownReceiversGetEveryFiringInTheEndWithTheSameDeliveryId() {
    RedisKeys keys = TestService.keys("globex");
    // 8 answers of 500, then 4 that come after the service's timeout, then down for a while.
    try (TestReceiver receiver =
        new TestReceiver(
            n ->
                n < 8
                    ? new TestReceiver.Answer(500, 0)
                    : n < 12
                        ? new TestReceiver.Answer(200, 900)
                        : new TestReceiver.Answer(200, 0))) {
      JsonObject sub = subscribe(TestService.GLOBEX_ALL, receiver.url(), "churn_risk_crossed");
      int n = 20;
      for (int i = 0; i < n; i++) {
        Firings.add(
            service.jedis,
            keys,
            "churn_risk_crossed:g-" + i + ":1",
            "churn_risk_crossed",
            "g-" + i,
            false);
      }
      // The relay may write a firing twice: the same firing_id is the same delivery.
      Firings.add(
          service.jedis, keys, "churn_risk_crossed:g-0:1", "churn_risk_crossed", "g-0", false);
      Firings.await("the timeouts", 20_000, () -> receiver.received().size() >= 12);
      receiver.stop();
      sleep(1_500);
      receiver.restart();

      String id = sub.getString("id");
      Firings.await(
          "every firing delivered",
          30_000,
          () -> log(TestService.GLOBEX_ALL, id, "&status=delivered").size() == n);
      JsonArray all = log(TestService.GLOBEX_ALL, id, "");
      assertEquals(n, all.size(), "one delivery per firing: " + all.encodePrettily());
      assertTrue(
          all.stream().map(JsonObject.class::cast).anyMatch(d -> d.getInteger("attempts") > 1),
          "some deliveries needed retries");

      List<TestReceiver.Received> got = receiver.received();
      Map<String, Set<String>> bodiesById = new HashMap<>();
      Set<String> deliveredEvents = new HashSet<>();
      for (TestReceiver.Received r : got) {
        bodiesById
            .computeIfAbsent(r.json().getString("delivery_id"), k -> new HashSet<>())
            .add(r.body());
        assertEquals(
            Firings.hmac(sub.getString("secret"), r.timestamp(), r.body()),
            r.signature(),
            "every attempt is signed");
        if (r.answered() == 200) {
          deliveredEvents.add(r.json().getString("event_id"));
        }
      }
      assertEquals(n, bodiesById.size(), "one delivery id per firing");
      bodiesById.forEach(
          (deliveryId, bodies) ->
              assertEquals(
                  1,
                  bodies.size(),
                  "every copy of " + deliveryId + " is the same body: " + bodies));
      Set<String> expected =
          java.util.stream.IntStream.range(0, n)
              .mapToObj(i -> "churn_risk_crossed:g-" + i + ":1")
              .collect(Collectors.toSet());
      assertEquals(expected, deliveredEvents, "none is lost");
    }
  }

  @Test
  void afterARotationBothSecretsSignDuringTheGrace() {
    RedisKeys keys = TestService.keys("initech");
    try (TestReceiver receiver = TestReceiver.ok()) {
      JsonObject sub = subscribe(TestService.INITECH_ALL, receiver.url(), "tier_changed");
      String old = sub.getString("secret");
      Http.Reply rotated =
          service
              .http(TestService.INITECH_ALL)
              .post("/v1/webhooks/" + sub.getString("id") + ":rotate-secret", "");
      assertEquals(200, rotated.status(), rotated.toString());
      String fresh = rotated.json().getString("secret");
      assertTrue(fresh.matches("[0-9a-f]{64}") && !fresh.equals(old), rotated.toString());
      assertNotNull(rotated.json().getString("previous_secret_valid_until"));
      Firings.add(service.jedis, keys, "tier_changed:i-1:1", "tier_changed", "i-1", false);
      Firings.await("the delivery", 10_000, () -> receiver.received().size() == 1);
      TestReceiver.Received r = receiver.received().get(0);
      String[] sigs = r.signature().split(",");
      assertEquals(2, sigs.length, r.signature());
      assertEquals(Firings.hmac(fresh, r.timestamp(), r.body()), sigs[0]);
      assertEquals(Firings.hmac(old, r.timestamp(), r.body()), sigs[1]);
    }
  }

  @Test
  void firingsReadByAnInstanceThatDiedAreDeliveredByAnother() {
    RedisKeys keys = TestService.keys("hooli");
    try (TestReceiver receiver = TestReceiver.ok()) {
      subscribe(TestService.HOOLI_ALL, receiver.url(), "points_expiring");
      // A firing this subscription does not want makes the stream (the service reads a stream
      // only once it exists, and never creates one). Wait until the service's consumer group
      // exists, then let a "crashed" consumer take an entry and never acknowledge it.
      Firings.add(service.jedis, keys, "birthday:h-0:y2024", "birthday", "h-0", false);
      Firings.await(
          "the consumer group",
          10_000,
          () ->
              service.jedis.exists(keys.triggerStream())
                  && !service.jedis.xinfoGroups(keys.triggerStream()).isEmpty());
      // Written and read by the "crashed" consumer in one script, so the service's consumer cannot
      // read it first; "crashed" never acknowledges it.
      Object taken =
          service.jedis.eval(
              "redis.call('XADD', KEYS[1], '*', 'firing_id', 'points_expiring:h-1:1', 'kind',"
                  + " 'points_expiring', 'customer_id', 'h-1', 'fired_at', '2024-06-30T10:15:00Z',"
                  + " 'held_out', 'false', 'payload', '{}')"
                  + " return redis.call('XREADGROUP', 'GROUP', ARGV[1], 'crashed', 'COUNT', 10,"
                  + " 'STREAMS', KEYS[1], '>')",
              List.of(keys.triggerStream()),
              List.of(DeliveryWorker.GROUP));
      assertTrue(
          taken.toString().contains("points_expiring:h-1:1"), "the crashed consumer took it");
      Firings.await("the taken-over firing", 15_000, () -> receiver.received().size() == 1);
      assertEquals(
          "points_expiring:h-1:1", receiver.received().get(0).json().getString("event_id"));
      assertEquals(
          0,
          service.jedis.xpending(keys.triggerStream(), DeliveryWorker.GROUP).getTotal(),
          "the taken-over entry is acknowledged");
    }
  }

  @Test
  void aReceiverThatNeverAnswersDoesNotHoldUpAnotherSubscription() {
    RedisKeys keys = TestService.keys("umbrella");
    try (TestReceiver slow = new TestReceiver(n -> new TestReceiver.Answer(200, 3_000));
        TestReceiver fast = TestReceiver.ok()) {
      subscribe(TestService.UMBRELLA_ALL, slow.url(), "points_balance_reached");
      subscribe(TestService.UMBRELLA_ALL, fast.url(), "points_balance_reached");
      long start = System.currentTimeMillis();
      for (int i = 0; i < 10; i++) {
        Firings.add(
            service.jedis,
            keys,
            "points_balance_reached:u-" + i + ":1",
            "points_balance_reached",
            "u-" + i,
            false);
      }
      Firings.await("the fast receiver's deliveries", 20_000, () -> fast.received().size() >= 10);
      long took = System.currentTimeMillis() - start;
      Set<String> events =
          fast.received().stream()
              .map(r -> r.json().getString("event_id"))
              .collect(Collectors.toSet());
      assertEquals(10, events.size());
      // The API answers while every sender may be waiting on the slow receiver.
      long t0 = System.nanoTime();
      Http.Reply list = service.http(TestService.UMBRELLA_ALL).get("/v1/webhooks");
      assertEquals(200, list.status());
      assertTrue((System.nanoTime() - t0) / 1_000_000 < 1_000, "the API is not held up");
      assertTrue(took < 20_000, "took " + took);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
