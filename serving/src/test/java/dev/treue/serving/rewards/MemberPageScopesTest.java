package dev.treue.serving.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the dashboard's member page reads works with a marketer's {@code lists} key, and looking at
 * a member is no impression: the page's rewards come from {@code rewards:preview}, the ranking the
 * member would get now, without exploration and without an entry in the ranking log.
 */
class MemberPageScopesTest {
  private static final RedisKeys ACME = TestService.keys("acme");
  private static TestService service;

  @BeforeAll
  static void start() {
    // A service of its own: the offer below would change other classes' catalogues.
    service = TestService.start(new JsonObject());
    dev.treue.serving.offers.IssueApiTestAccess.member(
        service.jedis, ACME, "mp-coffee", "silver", 300);
    Http admin = service.http(TestService.ACME_ALL);
    Http.Reply r =
        admin.put(
            "/v1/offers/mp-coffee-5",
            new JsonObject()
                .put("kind", "discount")
                .put("category", "coffee")
                .put("value", 5)
                .put("cost", 1)
                .put("valid_from", "2024-06-01")
                .put("valid_to", "2024-07-31")
                .put("budget", 1000));
    assertTrue(r.status() == 200 || r.status() == 201, r.toString());
  }

  private static List<String> ids(JsonObject rewards) {
    return rewards.getJsonArray("rewards").stream()
        .map(o -> ((JsonObject) o).getString("offer_id"))
        .toList();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aListsKeyReadsTheMembersRiskFeaturesAndRewardPreview() {
    Http lists = service.http(TestService.ACME_LISTS);
    Http.Reply risk = lists.get("/v1/customers/mp-coffee/churn-risk");
    assertEquals(200, risk.status(), risk.toString());
    assertEquals("mp-coffee", risk.json().getString("customer_id"));
    Http.Reply features = lists.get("/v1/customers/mp-coffee/features");
    assertEquals(200, features.status(), features.toString());
    Http.Reply preview = lists.get("/v1/customers/mp-coffee/rewards:preview");
    assertEquals(200, preview.status(), preview.toString());
    Http.Reply ranked = lists.get("/v1/customers/mp-coffee/rewards");
    assertEquals(403, ranked.status(), "a ranking to show the member still needs score");
    assertTrue(ranked.body().contains("score"), ranked.body());
    Http.Reply atRisk = service.http(TestService.ACME_SCORE).get("/v1/at-risk");
    assertEquals(403, atRisk.status(), "and a score key still cannot read lists");
  }

  @Test
  void aPreviewIsTheRankingTheMemberWouldGetAndLogsNothing() {
    Http http = service.http(TestService.ACME_ALL);
    long logged = service.jedis.xlen(ACME.rankingLog());
    JsonObject preview = http.get("/v1/customers/mp-coffee/rewards:preview?limit=5").json();
    assertEquals(logged, service.jedis.xlen(ACME.rankingLog()), "a preview is no impression");
    assertNull(preview.getValue("ranking_id"), preview.encode());
    assertEquals(Boolean.TRUE, preview.getBoolean("preview"), preview.encode());
    assertTrue(ids(preview).contains("mp-coffee-5"), preview.encode());
    JsonObject shown = http.get("/v1/customers/mp-coffee/rewards?limit=5").json();
    assertEquals(logged + 1, service.jedis.xlen(ACME.rankingLog()), "a ranking shown is logged");
    assertEquals(
        ids(shown), ids(preview), "the same ranking (the shared service explores nothing)");
    assertEquals(
        shown.getJsonArray("rewards").getJsonObject(0).getDouble("expected_value"),
        preview.getJsonArray("rewards").getJsonObject(0).getDouble("expected_value"));
    JsonObject german =
        http.get("/v1/customers/mp-coffee/rewards:preview?limit=5&locale=de").json();
    assertEquals(ids(preview), ids(german));
  }
}
