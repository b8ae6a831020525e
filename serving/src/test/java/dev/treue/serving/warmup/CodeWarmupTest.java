package dev.treue.serving.warmup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.EmbeddedRedis;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * The start's warm-up: readiness waits for it and then says what it did; it runs on the tenants'
 * stored members, their rewards ranked too, without writing anything, leaves out a stored value
 * that is not a state, and ends at its longest time or when its service closes; with the key at
 * PT0S the service is ready at once.
 */
class CodeWarmupTest {
  private static final int MEMBERS = 12;

  @Test
  void readinessWaitsForAWarmUpThatReadsStoredMembersAndWritesNothing() throws Exception {
    try (EmbeddedRedis redis = EmbeddedRedis.start(0)) {
      try (TestService seed = TestService.start(new JsonObject().put("redis_url", redis.url()))) {
        Http.Reply offer =
            seed.http()
                .put(
                    "/v1/offers/warm-coffee",
                    new JsonObject()
                        .put("kind", "discount")
                        .put("category", "coffee")
                        .put("value", 2)
                        .put("cost", 1)
                        .put("valid_from", "2024-06-01")
                        .put("valid_to", "2024-07-31")
                        .put("budget", 1000));
        assertTrue(offer.status() == 200 || offer.status() == 201, offer.toString());
        for (int i = 0; i < MEMBERS; i++) {
          Http.Reply posted =
              seed.http()
                  .post(
                      "/v1/events",
                      new JsonObject()
                          .put("event_id", "w-" + i)
                          .put("customer_id", "warm-" + i)
                          .put("ts", "2024-06-0" + (1 + i % 9) + "T10:00:00Z")
                          .put("type", "purchase")
                          .put("category", "coffee")
                          .put("amount", 10 + i));
          assertEquals(200, posted.status(), posted.toString());
        }
      }
      Map<String, byte[]> before;
      try (UnifiedJedis jedis = new UnifiedJedis(redis.url())) {
        // A value at a member's state key that is not a state: the warm-up leaves it out.
        jedis.sadd(TestService.keys("acme").memberIndex(0), "garbage");
        jedis.set(TestService.keys("acme").memberState("garbage"), "not a state");
        before = everything(jedis);
      }
      try (TestService service =
          TestService.start(new JsonObject().put("redis_url", redis.url()).put("warmup", "PT5S"))) {
        Http anonymous = service.http(null);
        Http.Reply first = anonymous.get("/health/ready");
        assertEquals(503, first.status(), first.toString());
        JsonObject warming = first.json().getJsonObject("checks").getJsonObject("warmup");
        assertFalse(warming.getBoolean("ok"), warming.encode());
        assertTrue(warming.getString("error").startsWith("warming up"), warming.encode());
        // Requests are answered meanwhile.
        assertEquals(200, anonymous.get("/health/live").status());

        Http.Reply ready = awaitReady(anonymous, 60);
        JsonObject warmup = ready.json().getJsonObject("checks").getJsonObject("warmup");
        assertTrue(warmup.getBoolean("ok"), warmup.encode());
        assertNull(warmup.getString("failure"), warmup.encode());
        assertEquals(MEMBERS, warmup.getInteger("stored_members"), warmup.encode());
        assertTrue(warmup.getLong("rounds") > MEMBERS, warmup.encode());
        // Rewards were ranked (read only: the ranking log is among the keys compared below).
        assertTrue(warmup.getLong("rankings") > 0, warmup.encode());
        assertTrue(warmup.getDouble("seconds") <= 6, warmup.encode());
      }
      try (UnifiedJedis jedis = new UnifiedJedis(redis.url())) {
        Map<String, byte[]> after = everything(jedis);
        assertEquals(before.keySet(), after.keySet(), "the warm-up wrote no key");
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
          assertArrayEquals(e.getValue(), after.get(e.getKey()), "unchanged: " + e.getKey());
        }
      }
    }
  }

  @Test
  void aWarmUpEndsAtItsLongestTimeOrWithItsServiceAndNoneMeansReadyAtOnce() throws Exception {
    try (TestService service = TestService.start(new JsonObject().put("warmup", "PT1S"))) {
      Http.Reply ready = awaitReady(service.http(null), 30);
      JsonObject warmup = ready.json().getJsonObject("checks").getJsonObject("warmup");
      assertTrue(warmup.getDouble("seconds") < 1.5, warmup.encode());
      assertEquals(0, warmup.getInteger("stored_members"), warmup.encode());
      assertTrue(warmup.getLong("rounds") > 0, warmup.encode());
    }
    // Closing a service ends its warm-up: no thread warms on after the Redis connections closed.
    TestService.start(new JsonObject().put("warmup", "PT60S")).close();
    assertFalse(
        Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().equals("treue-warmup") && t.isAlive()),
        "a warm-up thread outlived its service");
    try (TestService service = TestService.start(new JsonObject().put("warmup", "PT0S"))) {
      Http.Reply ready = service.http(null).get("/health/ready");
      assertEquals(200, ready.status(), ready.toString());
      JsonObject warmup = ready.json().getJsonObject("checks").getJsonObject("warmup");
      assertTrue(warmup.getBoolean("ok") && warmup.getBoolean("off"), warmup.encode());
    }
  }

  private static Http.Reply awaitReady(Http http, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    Http.Reply reply = http.get("/health/ready");
    while (reply.status() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      reply = http.get("/health/ready");
    }
    assertEquals(200, reply.status(), reply.toString());
    return reply;
  }

  /** Every key with its serialized value. */
  private static Map<String, byte[]> everything(UnifiedJedis jedis) {
    Map<String, byte[]> all = new TreeMap<>();
    for (String key : jedis.keys("*")) {
      all.put(key, jedis.dump(key.getBytes(StandardCharsets.UTF_8)));
    }
    return all;
  }
}
