package dev.treue.serving.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.RedisTestServers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole service on a real three-master Redis Cluster: events (atomic update in the member's
 * slot), single and batch scoring across slots, at-risk pages, offers (catalogue, rewards, issue),
 * export and erase.
 */
class RedisClusterServiceIT {

  @Test
  void theServiceWorksOnARedisCluster() {
    try (RedisTestServers.Cluster cluster = RedisTestServers.cluster();
        TestService service = TestService.start(new JsonObject().put("redis_url", cluster.url()))) {
      Http http = service.http();
      JsonArray events = new JsonArray();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        ids.add("c" + i);
        events.add(
            new JsonObject()
                .put("event_id", "ce-" + i)
                .put("customer_id", "c" + i)
                .put("ts", "2024-06-" + String.format("%02d", 1 + i % 28) + "T12:00:00Z")
                .put("type", "purchase")
                .put("amount", 5 + i % 40));
      }
      Http.Reply posted = http.post("/v1/events", new JsonObject().put("events", events));
      assertEquals(200, posted.status(), posted.toString());
      assertEquals(300, posted.json().getInteger("accepted"));
      assertEquals(
          300,
          http.post("/v1/events", new JsonObject().put("events", events))
              .json()
              .getInteger("duplicate"));
      for (long n : cluster.keysPerNode()) {
        assertTrue(n > 50, "members spread over the masters: " + cluster.keysPerNode());
      }

      JsonObject one = http.get("/v1/customers/c7/churn-risk").json();
      assertFalse(one.getBoolean("cold_start"), one.encode());
      ids.add("unknown-member");
      JsonArray results =
          http.post(
                  "/v1/churn-risk:batch", new JsonObject().put("customer_ids", new JsonArray(ids)))
              .json()
              .getJsonArray("results");
      assertEquals(301, results.size());
      assertEquals(
          one.getDouble("churn_probability"),
          results.getJsonObject(7).getDouble("churn_probability"));
      assertTrue(results.getJsonObject(300).getBoolean("cold_start"));

      JsonObject page = http.get("/v1/at-risk?limit=50").json();
      assertEquals(50, page.getJsonArray("rows").size());
      // Offers: catalogue and budgets in their own slots, grants in the member's, the ranking log
      // in the tenant's.
      for (String offer : List.of("co1", "co2")) {
        assertEquals(
            201,
            http.put(
                    "/v1/offers/" + offer,
                    new JsonObject()
                        .put("kind", "discount")
                        .put("value", 5)
                        .put("cost", 1)
                        .put("valid_from", "2024-06-01")
                        .put("valid_to", "2024-07-31")
                        .put("budget", 10))
                .status());
      }
      Http.Reply rewards = http.get("/v1/customers/c7/rewards?limit=2");
      assertEquals(200, rewards.status(), rewards.toString());
      assertEquals(2, rewards.json().getJsonArray("rewards").size(), rewards.toString());
      assertEquals(
          201,
          http.post("/v1/customers/c7/offers/co1:issue", new JsonObject().put("request_id", "c-1"))
              .status());
      JsonObject after = http.get("/v1/customers/c7/rewards?limit=2").json();
      assertEquals(
          1,
          after.getJsonArray("rewards").size(),
          "the capped offer is left out: " + after.encode());
      assertEquals(1, after.getJsonObject("excluded").getInteger("cap_reached"));
      assertEquals(200, http.get("/v1/customers/c7/export").status());
      assertTrue(http.delete("/v1/customers/c7").json().getBoolean("erased"));
      assertTrue(http.get("/v1/customers/c7/churn-risk").json().getBoolean("cold_start"));
      assertEquals(200, http.get("/health/ready").status());
    }
  }
}
