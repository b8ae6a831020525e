package dev.treue.serving.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.TestService;
import dev.treue.store.OfferBudgets;
import dev.treue.store.RedisTestServers;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Many members ask for the same offer at the same moment, over HTTP: the budget is never overspent,
 * every refusal is a clear 409, and repeating request ids spends nothing. On a single Redis and on a
 * real three-master cluster.
 */
class IssueConcurrencyIT {
  private static final double COST = 2.5;

  /** A service sized for a burst: the default queue bound (8 x pool) would answer part of it with 503. */
  private static TestService start(String redisUrl) {
    JsonObject config =
        new JsonObject()
            .put("worker_pool_size", 128)
            .put("redis_timeout", "PT5S")
            .put("redis_max_connections", 64);
    if (redisUrl != null) {
      config.put("redis_url", redisUrl);
    }
    return TestService.start(config);
  }

  @Test
  void aThousandConcurrentIssuesAgainstABudgetForAHundredGrantExactlyAHundred() throws Exception {
    try (TestService service = start(null)) {
      Map<Integer, Integer> statuses = burst(service, "burst", 1_000, 100);
      assertEquals(Map.of(201, 100, 409, 900), statuses);
    }
  }

  @Test
  void theSameOnARedisCluster() throws Exception {
    try (RedisTestServers.Cluster cluster = RedisTestServers.cluster();
        TestService service = start(cluster.url())) {
      Map<Integer, Integer> statuses = burst(service, "burst-c", 300, 30);
      assertEquals(Map.of(201, 30, 409, 270), statuses);
    }
  }

  /** Fires {@code calls} issue requests at once against a budget for {@code grants}; checks and returns the statuses. */
  private static Map<Integer, Integer> burst(
      TestService service, String offerId, int calls, int grants) throws Exception {
    JsonObject offer =
        OffersAdminApiTest.offer()
            .put("cost", COST)
            .put("budget", grants * COST)
            .put("per_customer_cap", 1);
    assertEquals(201, service.http().put("/v1/offers/" + offerId, offer).status());
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    long start = System.nanoTime();
    List<JsonObject> first = send(client, service, offerId, calls, "req-");
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    Map<Integer, Integer> statuses = count(first);
    int budgetSpentRefusals = 0;
    for (JsonObject r : first) {
      if (r.getInteger("status") == 409) {
        assertEquals("budget_spent", r.getString("reason"), r.encode());
        budgetSpentRefusals++;
      }
    }
    OfferBudgets budgets = new OfferBudgets(service.jedis, TestService.keys("acme"));
    assertEquals(0, budgets.remaining(offerId).getAsLong(), "spent = grants x cost, to the cent");
    assertEquals(calls - grants, budgetSpentRefusals);

    // The same request ids again, all at once: the first outcomes, nothing spent.
    List<JsonObject> again = send(client, service, offerId, calls, "req-");
    for (int i = 0; i < calls; i++) {
      int was = first.get(i).getInteger("status");
      int now = again.get(i).getInteger("status");
      assertEquals(was == 201 ? 200 : 409, now, "request " + i + ": " + again.get(i).encode());
      assertTrue(again.get(i).getBoolean("repeated"), again.get(i).encode());
    }
    assertEquals(0, budgets.remaining(offerId).getAsLong());
    assertEquals(
        grants * Math.round(COST * 100),
        Long.parseLong(service.jedis.hget(TestService.keys("acme").offerBudget(offerId), "spent")),
        "spent is exactly grants x cost");
    System.out.printf(
        "issue burst on %s: %d calls, %d granted, %d refused (409 budget_spent), %d ms%n",
        service.server.redisUrl().startsWith("redis-cluster") ? "a cluster" : "Redis",
        calls,
        statuses.get(201),
        statuses.get(409),
        elapsedMs);
    return statuses;
  }

  /** Sends every request before waiting for any answer; returns status and body per call, in order. */
  private static List<JsonObject> send(
      HttpClient client, TestService service, String offerId, int calls, String requestPrefix) {
    List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      service.server.baseUrl()
                          + "/v1/customers/bm"
                          + i
                          + "/offers/"
                          + offerId
                          + ":issue"))
              .timeout(Duration.ofSeconds(60))
              .header("X-Api-Key", TestService.ACME_ALL)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      new JsonObject().put("request_id", requestPrefix + i).encode()))
              .build();
      pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    List<JsonObject> out = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> f : pending) {
      HttpResponse<String> r = f.join();
      out.add(new JsonObject(r.body()).put("status", r.statusCode()));
    }
    return out;
  }

  private static Map<Integer, Integer> count(List<JsonObject> replies) {
    Map<Integer, Integer> statuses = new TreeMap<>();
    replies.forEach(r -> statuses.merge(r.getInteger("status"), 1, Integer::sum));
    return statuses;
  }
}
