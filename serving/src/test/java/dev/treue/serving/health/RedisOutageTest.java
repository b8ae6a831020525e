package dev.treue.serving.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.EmbeddedRedis;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped under a running service: scoring answers 503 problem+json within the timeout and
 * readiness fails; both recover by themselves when a Redis is back on the same port.
 */
class RedisOutageTest {

  @Test
  void scoringFailsFastWhileRedisIsDownAndRecoversWhenItIsBack() throws Exception {
    EmbeddedRedis redis = EmbeddedRedis.start(0);
    try (TestService service =
        TestService.start(
            new JsonObject().put("redis_url", redis.url()).put("redis_timeout", "PT0.3S"))) {
      Http http = service.http();
      assertEquals(200, http.get("/v1/customers/o-1/churn-risk").status());
      assertEquals(200, http.get("/health/ready").status());

      redis.stop();
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        Http.Reply down = http.get("/v1/customers/o-1/churn-risk");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, down.status(), down.toString());
        assertEquals("application/problem+json", down.contentType());
        assertTrue(down.json().getString("type").endsWith("/redis-unavailable"), down.toString());
        assertTrue(millis < 2_000, "answered in " + millis + " ms");
      }
      Http.Reply notReady = http.get("/health/ready");
      assertEquals(503, notReady.status());
      assertEquals(
          false, notReady.json().getJsonObject("checks").getJsonObject("redis").getBoolean("ok"));
      assertEquals(
          503,
          http.post(
                  "/v1/events",
                  new JsonObject()
                      .put("event_id", "o-e")
                      .put("customer_id", "o-1")
                      .put("ts", "2024-06-01T00:00:00Z")
                      .put("type", "app_session"))
              .status());

      redis = redis.restart();
      long deadline = System.nanoTime() + 10_000_000_000L;
      int status = 0;
      while (System.nanoTime() < deadline
          && (status = http.get("/v1/customers/o-1/churn-risk").status()) != 200) {
        Thread.sleep(100);
      }
      assertEquals(200, status, "scoring recovered");
      assertEquals(200, http.get("/health/ready").status(), "readiness recovered");
    } finally {
      redis.close();
    }
  }
}
