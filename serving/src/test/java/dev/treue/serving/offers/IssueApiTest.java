package dev.treue.serving.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.MemberGrants;
import dev.treue.store.OfferBudgets;
import dev.treue.store.RedisKeys;
import dev.treue.store.StateBatchWriter;
import dev.treue.store.StoredState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** Issuing offers: grants, repeats, every refusal reason, against a running service and real Redis. */
class IssueApiTest {
  private static final long DAY = 86_400_000L;
  private static final int TODAY = (int) LocalDate.parse(TestService.TODAY).toEpochDay();
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    service = TestService.shared();
    http = service.http();
    member(service.jedis, TestService.keys("acme"), "iss-silver", "silver", 300);
  }

  /** Stores a member with a tier and a points balance, as the batch load would. */
  static void member(UnifiedJedis jedis, RedisKeys keys, String id, String tier, long points) {
    CustomerState s =
        CustomerState.of(
            new Member(id, TODAY - 400, tier, CustomerState.NONE, "family", "app", true));
    s.apply(
        new LoyaltyEvent(
            id + "-p", id, (TODAY - 3) * DAY, EventType.PURCHASE, 40, 0, "coffee", null, "app"));
    s.apply(
        new LoyaltyEvent(
            id + "-e",
            id,
            (TODAY - 3) * DAY,
            EventType.POINTS_EARNED,
            0,
            points,
            null,
            null,
            "app"));
    new StateBatchWriter(jedis, keys, Duration.ZERO, 10)
        .write(
            List.of(new StoredState(0, TODAY * DAY, TODAY * DAY, s)).iterator(),
            List.<AtRiskEntry>of().iterator());
  }

  private static void put(String offerId, JsonObject changes) {
    JsonObject body =
        OffersAdminApiTest.offer().put("valid_from", "2024-06-01").put("valid_to", "2024-07-31");
    changes.forEach(e -> body.put(e.getKey(), e.getValue()));
    Http.Reply r = http.put("/v1/offers/" + offerId, body);
    assertTrue(r.status() == 200 || r.status() == 201, r.toString());
  }

  private static Http.Reply issue(String member, String offerId, String requestId, String channel) {
    JsonObject body = new JsonObject().put("request_id", requestId);
    if (channel != null) {
      body.put("channel", channel);
    }
    return http.post("/v1/customers/" + member + "/offers/" + offerId + ":issue", body);
  }

  @Test
  void grantsRepeatsAndTheCap() {
    put("iss-cap", new JsonObject().put("per_customer_cap", 2).put("budget", 10).put("cost", 2.5));
    Http.Reply first = issue("iss-silver", "iss-cap", "r1", "app");
    assertEquals(201, first.status(), first.toString());
    JsonObject grant = first.json();
    assertEquals("granted", grant.getString("outcome"));
    assertFalse(grant.getBoolean("repeated"));
    assertEquals(1, grant.getInteger("times_issued"));
    assertEquals(7.5, grant.getDouble("budget_left"));
    assertEquals("coffee", grant.getJsonObject("offer").getString("category"));

    Http.Reply again = issue("iss-silver", "iss-cap", "r1", "app");
    assertEquals(200, again.status(), again.toString());
    assertTrue(again.json().getBoolean("repeated"));
    assertEquals(7.5, again.json().getDouble("budget_left"), "a repeat spends nothing");

    assertEquals(201, issue("iss-silver", "iss-cap", "r2", null).status());
    Http.Reply capped = issue("iss-silver", "iss-cap", "r3", null);
    assertEquals(409, capped.status(), capped.toString());
    assertEquals("application/problem+json", capped.contentType());
    assertEquals("cap_reached", capped.json().getString("reason"));
    assertEquals("https://treue.dev/problems/offer-refused", capped.json().getString("type"));
    assertTrue(
        capped
            .json()
            .getString("detail")
            .contains("already had offer 'iss-cap' 2 time(s); the per-member cap is 2"),
        capped.toString());
    Http.Reply cappedAgain = issue("iss-silver", "iss-cap", "r3", null);
    assertEquals("cap_reached", cappedAgain.json().getString("reason"));
    assertTrue(cappedAgain.json().getBoolean("repeated"));
    assertEquals(
        2,
        new MemberGrants(service.jedis).read(TestService.keys("acme"), "iss-silver").get("iss-cap"),
        "the member's copy of the count, in the member's slot");
    assertEquals(
        500,
        new OfferBudgets(service.jedis, TestService.keys("acme")).remaining("iss-cap").getAsLong());
  }

  @Test
  void everyRefusalHasItsReason() {
    put("iss-gold", new JsonObject().put("min_tier", "gold"));
    put("iss-points", new JsonObject().put("points_cost", 500));
    put("iss-old", new JsonObject().put("valid_from", "2024-01-01").put("valid_to", "2024-01-31"));
    put("iss-small", new JsonObject().put("budget", 4).put("cost", 2.5));
    put("iss-gone", new JsonObject());
    assertEquals(200, http.post("/v1/offers/iss-gone:retire", "").status());
    service.jedis.set(TestService.keys("acme").memberOptOut("iss-optout"), "1");
    Object[][] cases = {
      {
        "iss-silver",
        "iss-gold",
        null,
        "tier_too_low",
        "needs tier gold or above; member 'iss-silver' is silver"
      },
      {
        "iss-silver",
        "iss-points",
        null,
        "not_enough_points",
        "costs 500 points; member 'iss-silver' has 300"
      },
      {
        "iss-silver",
        "iss-old",
        null,
        "not_valid_today",
        "valid from 2024-01-01 to 2024-01-31; today is 2024-06-30"
      },
      {"iss-silver", "iss-cap2", "sms", "wrong_channel", "goes out only through app, email"},
      {"iss-optout", "iss-cap2", null, "no_consent", "withheld profiling consent"},
      {"iss-silver", "iss-gone", null, "retired", "was retired at"},
    };
    put("iss-cap2", new JsonObject());
    for (Object[] c : cases) {
      Http.Reply r =
          issue((String) c[0], (String) c[1], "refuse-" + c[0] + "-" + c[1], (String) c[2]);
      assertEquals(409, r.status(), r.toString());
      assertEquals(c[3], r.json().getString("reason"), r.toString());
      assertTrue(r.json().getString("detail").contains((String) c[4]), r.toString());
      assertEquals(c[1], r.json().getString("offer_id"));
    }
    assertEquals(
        201,
        issue("new-member", "iss-small", "s1", null).status(),
        "an unknown member is a new member");
    Http.Reply spent = issue("new-member-2", "iss-small", "s2", null);
    assertEquals("budget_spent", spent.json().getString("reason"), spent.toString());
    assertTrue(
        spent
            .json()
            .getString("detail")
            .contains("budget is spent: 1.50 left of 4.00, one more costs 2.50"),
        spent.toString());

    Http.Reply unknown = issue("iss-silver", "iss-nothing", "u1", null);
    assertEquals(404, unknown.status());
    assertEquals("https://treue.dev/problems/unknown-offer", unknown.json().getString("type"));
  }

  @Test
  void aRefusedRequestIdStaysRefusedButANewOneIsDecidedAfresh() {
    put("iss-later", new JsonObject().put("min_tier", "gold"));
    assertEquals(
        "tier_too_low", issue("iss-silver", "iss-later", "L1", null).json().getString("reason"));
    put("iss-later", new JsonObject().put("min_tier", "silver"));
    Http.Reply repeat = issue("iss-silver", "iss-later", "L1", null);
    assertEquals(409, repeat.status(), "the first outcome stands");
    assertTrue(repeat.json().getBoolean("repeated"));
    assertEquals(201, issue("iss-silver", "iss-later", "L2", null).status());
  }

  @Test
  void badRequestsNameTheField() {
    put("iss-any", new JsonObject());
    Http.Reply missing =
        http.post("/v1/customers/iss-silver/offers/iss-any:issue", new JsonObject());
    assertEquals(400, missing.status());
    assertEquals(
        "request_id",
        missing.json().getJsonArray("errors").getJsonObject(0).getString("field"),
        missing.toString());
    Http.Reply badId =
        http.post(
            "/v1/customers/iss-silver/offers/iss-any:issue",
            new JsonObject().put("request_id", "has space"));
    assertEquals(
        "request_id", badId.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    Http.Reply extra =
        http.post(
            "/v1/customers/iss-silver/offers/iss-any:issue",
            new JsonObject().put("request_id", "x1").put("amount", 3));
    assertEquals("amount", extra.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(
        400,
        http.post(
                "/v1/customers/bad%20id/offers/iss-any:issue",
                new JsonObject().put("request_id", "x"))
            .status());
    assertEquals(
        403,
        http.as(TestService.ACME_SCORE)
            .post(
                "/v1/customers/iss-silver/offers/iss-any:issue",
                new JsonObject().put("request_id", "x2"))
            .status(),
        "issuing needs the events scope");
    assertEquals(
        415,
        http.send(
                "POST",
                "/v1/customers/iss-silver/offers/iss-any:issue",
                "text/plain",
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                null)
            .status());
    JsonArray noGrants = new JsonArray();
    assertEquals(
        noGrants.size(),
        new MemberGrants(service.jedis)
            .read(TestService.keys("acme"), "iss-silver")
            .getOrDefault("iss-any", 0),
        "nothing issued by bad requests");
  }
}
