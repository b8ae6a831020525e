package dev.treue.serving.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestModels;
import dev.treue.serving.TestOfferModels;
import dev.treue.serving.TestService;
import dev.treue.store.MemberGrants;
import dev.treue.store.RankingLog;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ranked rewards against a running service, real Redis and real model bundles: eligibility, the
 * model's preference, cold start, the ranking log, exploration propensities. Uses the globex tenant,
 * whose catalogue no other test class touches.
 */
class RewardsApiTest {
  private static final RedisKeys GLOBEX = TestService.keys("globex");
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    service = TestService.shared();
    http = service.http(TestService.GLOBEX_ALL);
    // A coffee buyer at silver with 300 points.
    dev.treue.serving.offers.IssueApiTestAccess.member(
        service.jedis, GLOBEX, "rw-coffee", "silver", 300);
    put("rw-coffee-5", offer("coffee", 5));
    put("rw-books-5", offer("books", 5));
    put("rw-gold", offer("coffee", 5).put("min_tier", "gold"));
    put("rw-sms", offer("coffee", 5).put("channels", new JsonArray().add("sms")));
    put("rw-spent", offer("coffee", 5).put("budget", 0));
    put("rw-capped", offer("coffee", 5));
    put("rw-retired", offer("coffee", 5));
    assertEquals(200, http.post("/v1/offers/rw-retired:retire", "").status());
    new MemberGrants(service.jedis).record(GLOBEX, "rw-coffee", "rw-capped", 1);
  }

  private static JsonObject offer(String category, double value) {
    return new JsonObject()
        .put("kind", "discount")
        .put("category", category)
        .put("value", value)
        .put("cost", 1)
        .put("valid_from", "2024-06-01")
        .put("valid_to", "2024-07-31")
        .put("budget", 1000);
  }

  private static void put(String id, JsonObject body) {
    Http.Reply r = http.put("/v1/offers/" + id, body);
    assertTrue(r.status() == 200 || r.status() == 201, r.toString());
  }

  private static List<String> ids(JsonObject rewards) {
    return rewards.getJsonArray("rewards").stream()
        .map(o -> ((JsonObject) o).getString("offer_id"))
        .toList();
  }

  @Test
  void aKnownMemberGetsEligibleRewardsTheModelPrefersFirst() {
    Http.Reply r = http.get("/v1/customers/rw-coffee/rewards?channel=app&limit=5");
    assertEquals(200, r.status(), r.toString());
    JsonObject body = r.json();
    assertEquals(
        List.of("rw-coffee-5", "rw-books-5"),
        ids(body),
        "a coffee buyer: coffee first; the rest excluded");
    assertFalse(body.getBoolean("cold_start"));
    assertEquals(TestOfferModels.VERSION, body.getString("model_version"));
    assertEquals("20240601-000000-aaaaaa", body.getString("churn_model_version"));
    assertEquals(TestService.TODAY, body.getString("as_of"));
    assertEquals(
        new JsonObject()
            .put("tier_too_low", 1)
            .put("wrong_channel", 1)
            .put("budget_spent", 1)
            .put("cap_reached", 1),
        body.getJsonObject("excluded"));
    assertEquals(2, body.getInteger("eligible_count"));
    JsonObject first = body.getJsonArray("rewards").getJsonObject(0);
    JsonObject second = body.getJsonArray("rewards").getJsonObject(1);
    assertEquals(1, first.getInteger("position"));
    assertEquals("discount", first.getString("kind"));
    assertEquals("coffee", first.getString("category"));
    assertTrue(first.getDouble("probability") > second.getDouble("probability"), body.encode());
    assertTrue(
        first.getDouble("expected_value") >= second.getDouble("expected_value"), body.encode());
    assertEquals(
        1.0, first.getDouble("propensity"), "no exploration: the best offer is shown for sure");
    assertFalse(first.getBoolean("explored"));
    assertFalse(first.getJsonArray("explanation").isEmpty(), body.encode());
    assertTrue(body.getString("ranking_id").startsWith("rk-"));
    assertTrue(body.getString("policy").contains("eps=0.00"), body.getString("policy"));

    JsonObject one = http.get("/v1/customers/rw-coffee/rewards?limit=1").json();
    assertEquals(List.of("rw-coffee-5"), ids(one));
    assertEquals(1, one.getJsonObject("excluded").getInteger("cap_reached"));
    assertTrue(
        ids(http.get("/v1/customers/rw-coffee/rewards?channel=sms&limit=20").json())
            .contains("rw-sms"),
        "the sms offer is eligible on sms");
  }

  @Test
  void anUnknownMemberGetsAColdStartRankingFlagged() {
    JsonObject body = http.get("/v1/customers/rw-nobody/rewards").json();
    assertTrue(body.getBoolean("cold_start"), body.encode());
    assertEquals(TestModels.BASE_RATE, body.getDouble("churn_probability"));
    assertEquals(3, body.getJsonArray("rewards").size(), "limit 3 by default: " + body.encode());
    assertFalse(ids(body).contains("rw-gold"), "a new member is basic tier");
    assertFalse(ids(body).contains("rw-retired"));
  }

  @Test
  void everyServedRankingIsLoggedWithItsPropensities() {
    long before = new RankingLog(service.jedis, 10).length(GLOBEX);
    JsonObject a = http.get("/v1/customers/rw-coffee/rewards?limit=2").json();
    JsonObject b = http.get("/v1/customers/rw-log-new/rewards?limit=2").json();
    List<RankingLog.Entry> entries = new RankingLog(service.jedis, 10).readAll(GLOBEX);
    assertEquals(before + 1, entries.size(), "a member without stored state is not logged");
    Map<String, RankingLog.Entry> byId = new HashMap<>();
    entries.forEach(e -> byId.put(e.rankingId(), e));
    assertFalse(byId.containsKey(b.getString("ranking_id")));
    for (JsonObject served : List.of(a)) {
      RankingLog.Entry e = byId.get(served.getString("ranking_id"));
      assertEquals(served.getString("customer_id"), e.customerId());
      assertEquals(served.getString("policy"), e.policy());
      assertEquals(TestOfferModels.VERSION, e.modelVersion());
      assertEquals(served.getBoolean("cold_start"), e.coldStart());
      assertEquals(ids(served), e.shown().stream().map(RankingLog.Shown::offerId).toList());
      for (int i = 0; i < e.shown().size(); i++) {
        JsonObject shown = served.getJsonArray("rewards").getJsonObject(i);
        assertEquals(shown.getInteger("position"), e.shown().get(i).position());
        assertEquals(shown.getDouble("propensity"), e.shown().get(i).propensity());
      }
    }
    assertNotEquals(a.getString("ranking_id"), b.getString("ranking_id"));
  }

  @Test
  void badRequestsAndOptedOutMembers() {
    Http.Reply tooMany = http.get("/v1/customers/rw-coffee/rewards?limit=21");
    assertEquals(400, tooMany.status());
    assertEquals(
        "limit", tooMany.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(400, http.get("/v1/customers/rw-coffee/rewards?chanel=app").status());
    assertEquals(400, http.get("/v1/customers/rw-coffee/rewards?channel=a%7Cb").status());
    assertEquals(401, http.as(null).get("/v1/customers/rw-coffee/rewards").status());
    service.jedis.set(GLOBEX.memberOptOut("rw-optout"), "1");
    Http.Reply optedOut = http.get("/v1/customers/rw-optout/rewards");
    assertEquals(409, optedOut.status());
    assertEquals("https://treue.dev/problems/opted-out", optedOut.json().getString("type"));
  }

  @Test
  void explorationLogsThePropensityOfEachChoice() {
    try (TestService exploring =
        TestService.start(
            new JsonObject()
                .put("redis_url", service.server.redisUrl())
                .put("exploration_share", 0.5))) {
      Http client = exploring.http(TestService.GLOBEX_ALL);
      int explored = 0;
      for (int i = 0; i < 40; i++) {
        JsonObject body = client.get("/v1/customers/rw-explore-" + i + "/rewards?limit=3").json();
        JsonArray rewards = body.getJsonArray("rewards");
        int n = body.getInteger("eligible_count");
        for (int slot = 0; slot < rewards.size(); slot++) {
          JsonObject r = rewards.getJsonObject(slot);
          int left = n - slot;
          double expected =
              r.getBoolean("explored") && r.getDouble("propensity") < 0.5
                  ? 0.5 / left
                  : 0.5 + 0.5 / left;
          assertEquals(expected, r.getDouble("propensity"), 1e-12, body.encode());
          explored += r.getBoolean("explored") ? 1 : 0;
        }
      }
      assertTrue(explored > 20 && explored < 100, "about half of 120 slots explored: " + explored);
    }
  }

  @Test
  void withoutAnOfferModelRewardsAnswer503AndChurnStillServes() {
    try (TestService noModel =
        TestService.start(new JsonObject().put("redis_url", service.server.redisUrl()), false)) {
      Http client = noModel.http(TestService.GLOBEX_ALL);
      Http.Reply r = client.get("/v1/customers/rw-coffee/rewards");
      assertEquals(503, r.status());
      assertTrue(r.json().getString("detail").contains("no offers model is loaded"), r.toString());
      assertEquals(200, client.get("/v1/customers/rw-coffee/churn-risk").status());
      assertTrue(
          client.get("/v1/models").json().getJsonObject("offers").getValue("active") == null);
    }
  }

  @Test
  void explanationsComeInTheLanguageAsked() {
    for (String id : List.of("rw-coffee", "rw-nobody")) {
      JsonObject en = http.get("/v1/customers/" + id + "/rewards?limit=3&locale=en").json();
      JsonObject de = http.get("/v1/customers/" + id + "/rewards?limit=3&locale=de-DE").json();
      JsonObject header =
          http.get("/v1/customers/" + id + "/rewards?limit=3", "Accept-Language", "de;q=0.8, fr")
              .json();
      assertEquals(ids(en), ids(de), id);
      for (int i = 0; i < en.getJsonArray("rewards").size(); i++) {
        JsonArray english = en.getJsonArray("rewards").getJsonObject(i).getJsonArray("explanation");
        JsonArray german = de.getJsonArray("rewards").getJsonObject(i).getJsonArray("explanation");
        assertEquals(english.size(), german.size(), de.encode());
        assertEquals(
            german, header.getJsonArray("rewards").getJsonObject(i).getJsonArray("explanation"));
        for (int k = 0; k < german.size(); k++) {
          assertNotEquals(english.getString(k), german.getString(k));
          assertFalse(
              german.getString(k).matches("(?i).*\\b(your|spend|worth|likely|points)\\b.*"),
              german.getString(k));
        }
      }
    }
  }
}
