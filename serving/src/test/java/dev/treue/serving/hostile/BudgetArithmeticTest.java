package dev.treue.serving.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.OfferBudgets;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Budgets at the smallest unit of money, and amounts the programme currency cannot hold exactly. */
class BudgetArithmeticTest {
  private static final RedisKeys ACME = TestService.keys("acme");
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    service = TestService.shared();
    http = service.http();
  }

  private static JsonObject offer(Object cost, Object budget) {
    return new JsonObject()
        .put("kind", "discount")
        .put("value", 1)
        .put("cost", cost)
        .put("budget", budget)
        .put("valid_from", "2024-06-01")
        .put("valid_to", "2024-07-31")
        .put("per_customer_cap", 1);
  }

  private static Http.Reply issue(String member, String offerId, String requestId) {
    return http.post(
        "/v1/customers/" + member + "/offers/" + offerId + ":issue",
        new JsonObject().put("request_id", requestId));
  }

  private static int grants(String offerId, int requests) {
    int granted = 0;
    for (int i = 0; i < requests; i++) {
      int status = issue("money-m" + i, offerId, offerId + "-r" + i).status();
      assertTrue(status == 201 || status == 409, "status " + status);
      granted += status == 201 ? 1 : 0;
    }
    return granted;
  }

  private static void assertRefused(JsonObject body, String field, String offerId) {
    Http.Reply r = http.put("/v1/offers/" + offerId, body);
    assertEquals(400, r.status(), body.encode() + " -> " + r);
    assertEquals("application/problem+json", r.contentType());
    assertEquals(
        field, r.json().getJsonArray("errors").getJsonObject(0).getString("field"), r.toString());
    assertEquals(
        404, issue("money-x", offerId, offerId + "-x").status(), "nothing was stored: " + offerId);
  }

  @Test
  void amountsFinerThanACentAreRefusedNamingTheField() {
    assertRefused(offer(0.004, 0.01), "cost", "money-subcent");
    assertRefused(offer(1e-9, 0), "cost", "money-nano");
    assertRefused(offer(1, 0.015), "budget", "money-halfcent-budget");
    assertRefused(offer(1, 10).put("value", 1.234), "value", "money-value");
  }

  @Test
  void hugeAmountsAreRefusedNotOverflowed() {
    assertRefused(offer(1e20, 10), "cost", "money-huge-cost");
    assertRefused(offer(1, 1e308), "budget", "money-huge-budget");
    assertRefused(offer(1, 10).put("value", 1e20), "value", "money-huge-value");
  }

  @Test
  void theBudgetPaysForExactlyWhatItCovers() {
    assertEquals(201, http.put("/v1/offers/money-three", offer(0.01, 0.03)).status());
    assertEquals(3, grants("money-three", 6), "budget 0.03 at cost 0.01");
    assertEquals(0L, new OfferBudgets(service.jedis, ACME).remaining("money-three").getAsLong());
    assertEquals(201, http.put("/v1/offers/money-none", offer(0.02, 0.01)).status());
    assertEquals(0, grants("money-none", 3), "budget 0.01 at cost 0.02");
    assertEquals(201, http.put("/v1/offers/money-dimes", offer(0.1, 0.3)).status());
    assertEquals(3, grants("money-dimes", 5), "0.1 + 0.1 + 0.1 is exactly 0.3 in cents");
  }

  @Test
  void concurrentIssuesNeverOverspend() throws Exception {
    assertEquals(201, http.put("/v1/offers/money-race", offer(0.07, 0.35)).status());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> replies = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        replies.add(pool.submit(() -> issue("race-m" + n, "money-race", "race-r" + n).status()));
      }
      int granted = 0;
      for (Future<Integer> f : replies) {
        granted += f.get() == 201 ? 1 : 0;
      }
      assertEquals(5, granted);
      assertEquals(0L, new OfferBudgets(service.jedis, ACME).remaining("money-race").getAsLong());
    } finally {
      pool.shutdownNow();
    }
  }
}
