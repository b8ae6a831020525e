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
 * slot), single and batch scoring across slots, at-risk pages, export and erase.
 */
class RedisClusterServiceTest {

  @Test
  void theServiceWorksOnARedisCluster() {
    try (RedisTestServers.Cluster cluster = RedisTestServers.cluster();
        TestService service = TestService.start(new JsonObject().put("redis_url", cluster.url()))) {
      Http http = service.http();
      JsonArray events = new JsonArray();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        ids.add("c" + i);
        events.add(new JsonObject().put("event_id", "ce-" + i).put("customer_id", "c" + i)
            .put("ts", "2024-06-" + String.format("%02d", 1 + i % 28) + "T12:00:00Z").put("type", "purchase")
            .put("amount", 5 + i % 40));
      }
      Http.Reply posted = http.post("/v1/events", new JsonObject().put("events", events));
      assertEquals(200, posted.status(), posted.toString());
      assertEquals(300, posted.json().getInteger("accepted"));
      assertEquals(300, http.post("/v1/events", new JsonObject().put("events", events)).json().getInteger("duplicate"));
      for (long n : cluster.keysPerNode()) {
        assertTrue(n > 50, "members spread over the masters: " + cluster.keysPerNode());
      }

      JsonObject one = http.get("/v1/customers/c7/churn-risk").json();
      assertFalse(one.getBoolean("cold_start"), one.encode());
      ids.add("unknown-member");
      JsonArray results = http.post("/v1/churn-risk:batch", new JsonObject().put("customer_ids", new JsonArray(ids)))
          .json().getJsonArray("results");
      assertEquals(301, results.size());
      assertEquals(one.getDouble("churn_probability"), results.getJsonObject(7).getDouble("churn_probability"));
      assertTrue(results.getJsonObject(300).getBoolean("cold_start"));

      JsonObject page = http.get("/v1/at-risk?limit=50").json();
      assertEquals(50, page.getJsonArray("rows").size());
      assertEquals(200, http.get("/v1/customers/c7/export").status());
      assertTrue(http.delete("/v1/customers/c7").json().getBoolean("erased"));
      assertTrue(http.get("/v1/customers/c7/churn-risk").json().getBoolean("cold_start"));
      assertEquals(200, http.get("/health/ready").status());
    }
  }
}
