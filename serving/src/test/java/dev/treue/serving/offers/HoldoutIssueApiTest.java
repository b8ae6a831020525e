package dev.treue.serving.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.trigger.Holdout;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.MemberGrants;
import dev.treue.store.OfferBudgets;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonObject;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control group on the issue path, against a running service and real Redis: a held-out member is
 * answered {@code held_out} and nothing is spent, a treated one is granted, another tenant holds nobody
 * out, and the held-out member's scores and rankings still answer.
 */
class HoldoutIssueApiTest {
  private static final Holdout GROUP = Holdout.of(0.3, "hold-test");
  private static TestService service;
  private static Http http;
  private static String held;
  private static String treated;

  @BeforeAll
  static void start() {
    service =
        TestService.start(
            new JsonObject()
                .put(
                    "holdouts",
                    new JsonObject()
                        .put("acme", new JsonObject().put("share", 0.3).put("salt", "hold-test"))));
    http = service.http();
    held = firstMember(true);
    treated = firstMember(false);
    RedisKeys acme = TestService.keys("acme");
    IssueApiTest.member(service.jedis, acme, held, "silver", 300);
    IssueApiTest.member(service.jedis, acme, treated, "silver", 300);
    JsonObject offer =
        OffersAdminApiTest.offer()
            .put("valid_from", "2024-06-01")
            .put("valid_to", "2024-07-31")
            .put("per_customer_cap", 1)
            .put("budget", 10)
            .put("cost", 2.5);
    Http.Reply put = http.put("/v1/offers/hold-coffee", offer);
    assertTrue(put.status() == 201 || put.status() == 200, put.toString());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static String firstMember(boolean heldOut) {
    return IntStream.range(0, 1_000)
        .mapToObj(i -> "hold-m" + i)
        .filter(id -> GROUP.heldOut(id) == heldOut)
        .findFirst()
        .orElseThrow();
  }

  private static Http.Reply issue(String member, String requestId) {
    return http.post(
        "/v1/customers/" + member + "/offers/hold-coffee:issue",
        new JsonObject().put("request_id", requestId));
  }

  @Test
  void aHeldOutMemberGetsNothingAndNothingIsSpent() {
    OfferBudgets budgets = new OfferBudgets(service.jedis, TestService.keys("acme"));
    long before = budgets.remaining("hold-coffee").getAsLong();
    for (String requestId : new String[] {"h1", "h1", "h2", "h3"}) {
      Http.Reply r = issue(held, requestId);
      assertEquals(200, r.status(), r.toString());
      assertEquals("application/json", r.contentType());
      JsonObject body = r.json();
      assertEquals("held_out", body.getString("outcome"));
      assertEquals(true, body.getBoolean("held_out"));
      assertEquals(held, body.getString("customer_id"));
      assertEquals("hold-coffee", body.getString("offer_id"));
      assertEquals(requestId, body.getString("request_id"));
    }
    assertEquals(before, budgets.remaining("hold-coffee").getAsLong(), "no budget spent");
    assertEquals(0, budgets.issuedTo("hold-coffee", held), "nothing counted against the cap");
    assertTrue(
        new MemberGrants(service.jedis).read(TestService.keys("acme"), held).isEmpty(),
        "no grant copied to the member");
    assertTrue(
        http.get("/metrics")
            .body()
            .matches("(?s).*treue_offers_issued_total\\{[^}]*outcome=\"held_out\".*"),
        "held-out issues are counted by outcome");
  }

  @Test
  void aTreatedMemberIsGrantedAsUsual() {
    Http.Reply r = issue(treated, "t1");
    assertEquals(201, r.status(), r.toString());
    assertEquals("granted", r.json().getString("outcome"));
    Http.Reply capped = issue(treated, "t2");
    assertEquals(409, capped.status(), capped.toString());
    assertEquals("cap_reached", capped.json().getString("reason"));
  }

  @Test
  void heldOutMembersStillGetScoresAndRankings() {
    Http.Reply score = http.get("/v1/customers/" + held + "/churn-risk");
    assertEquals(200, score.status(), score.toString());
    assertTrue(score.json().containsKey("churn_probability"), score.toString());
    Http.Reply rewards = http.get("/v1/customers/" + held + "/rewards?limit=5");
    assertEquals(200, rewards.status(), rewards.toString());
  }

  @Test
  void aTenantWithoutAGroupHoldsNobodyOut() {
    Http globex = service.http(TestService.GLOBEX_ALL);
    JsonObject offer =
        OffersAdminApiTest.offer().put("valid_from", "2024-06-01").put("valid_to", "2024-07-31");
    Http.Reply put = globex.put("/v1/offers/hold-coffee", offer);
    assertTrue(put.status() == 201 || put.status() == 200, put.toString());
    IssueApiTest.member(service.jedis, TestService.keys("globex"), held, "silver", 300);
    Http.Reply r =
        globex.post(
            "/v1/customers/" + held + "/offers/hold-coffee:issue",
            new JsonObject().put("request_id", "g1"));
    assertEquals(201, r.status(), r.toString());
    assertEquals("granted", r.json().getString("outcome"));
  }
}
