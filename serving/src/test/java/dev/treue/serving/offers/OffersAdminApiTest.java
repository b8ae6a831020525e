package dev.treue.serving.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.OfferBudgets;
import dev.treue.store.OfferCatalogStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalogue admin operations against a running service and real Redis. */
class OffersAdminApiTest {
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    service = TestService.shared();
    http = service.http();
  }

  /** A valid offer body. */
  static JsonObject offer() {
    return new JsonObject()
        .put("kind", "discount")
        .put("category", "coffee")
        .put("value", 5)
        .put("cost", 2.5)
        .put("valid_from", "2024-06-01")
        .put("valid_to", "2024-07-31")
        .put("budget", 100)
        .put("per_customer_cap", 2)
        .put("channels", new JsonArray().add("app").add("Email"));
  }

  private static JsonObject find(JsonObject list, String offerId) {
    for (Object o : list.getJsonArray("offers")) {
      if (((JsonObject) o).getString("offer_id").equals(offerId)) {
        return (JsonObject) o;
      }
    }
    return null;
  }

  @Test
  void createChangeListAndRetire() {
    Http.Reply created = http.put("/v1/offers/adm-1", offer());
    assertEquals(201, created.status(), created.toString());
    JsonObject o = created.json();
    assertEquals("active", o.getString("status"));
    assertEquals(
        new JsonArray().add("app").add("email"),
        o.getJsonArray("channels"),
        "lower-cased like the import");
    assertEquals("basic", o.getString("min_tier"));
    assertEquals(0, o.getInteger("points_cost"));
    assertEquals(100.0, o.getDouble("budget_left"));

    // Spend some, then raise the budget: what was spent stays spent.
    assertEquals(
        OfferBudgets.Outcome.GRANTED,
        new OfferBudgets(service.jedis, TestService.keys("acme"))
            .issue("adm-1", "m1", "adm-r1", 250, 2)
            .outcome());
    Http.Reply changed =
        http.put("/v1/offers/adm-1", offer().put("budget", 200).put("min_tier", "silver"));
    assertEquals(200, changed.status(), changed.toString());
    assertEquals(197.5, changed.json().getDouble("budget_left"));
    assertEquals("silver", changed.json().getString("min_tier"));
    long version = changed.json().getLong("version");
    assertEquals(
        version,
        http.put("/v1/offers/adm-1", offer().put("budget", 200).put("min_tier", "silver"))
            .json()
            .getLong("version"),
        "the same offer again is no change");

    JsonObject list = http.get("/v1/offers").json();
    assertEquals(version, list.getLong("version"));
    assertEquals(197.5, find(list, "adm-1").getDouble("budget_left"));

    Http.Reply retired = http.post("/v1/offers/adm-1:retire", "");
    assertEquals(200, retired.status(), retired.toString());
    assertEquals("retired", retired.json().getString("status"));
    assertTrue(retired.json().getString("retired_at").endsWith("Z"));
    assertEquals(
        "retired",
        find(http.get("/v1/offers").json(), "adm-1").getString("status"),
        "kept, not deleted");
    assertEquals(
        201, http.put("/v1/offers/adm-2", offer().putNull("budget").putNull("channels")).status());
    JsonObject unlimited = find(http.get("/v1/offers").json(), "adm-2");
    assertNull(unlimited.getValue("budget"));
    assertNull(unlimited.getValue("budget_left"), "no limit");
    assertEquals(new JsonArray(), unlimited.getJsonArray("channels"));

    Http.Reply unknown = http.post("/v1/offers/adm-none:retire", "");
    assertEquals(404, unknown.status());
    assertEquals("https://treue.dev/problems/unknown-offer", unknown.json().getString("type"));
  }

  @Test
  void badOffersAreRefusedNamingTheFieldAndChangeNothing() {
    long before =
        new OfferCatalogStore(service.jedis, TestService.keys("acme"), Clock.systemUTC()).version();
    Object[][] cases = {
      {offer().put("kind", "coupon"), "kind", "expected one of discount"},
      {offer().put("cost", -1), "cost", "expected at least 0"},
      {offer().put("colour", "red"), "colour", "unknown property"},
      {offer().put("valid_to", "2024-05-01"), "valid_to", "is before valid_from"},
      {offer().put("valid_from", "2024-02-30"), "valid_from", "expected a date"},
      {offer().put("channels", new JsonArray().add("a|b")), "channels[0]", "matching"},
      {offer().put("offer_id", "other"), "offer_id", "differs from the path"},
      {offer().put("per_customer_cap", 0), "per_customer_cap", "at least 1"},
    };
    for (Object[] c : cases) {
      Http.Reply r = http.put("/v1/offers/adm-bad", (JsonObject) c[0]);
      assertEquals(400, r.status(), r.toString());
      assertEquals("application/problem+json", r.contentType());
      JsonObject error = r.json().getJsonArray("errors").getJsonObject(0);
      assertEquals(c[1], error.getString("field"), r.toString());
      assertTrue(error.getString("problem").contains((String) c[2]), r.toString());
    }
    JsonObject missing =
        http.put("/v1/offers/adm-bad", offer().copy().put("kind", (String) null)).json();
    assertEquals(
        "kind",
        missing.getJsonArray("errors").getJsonObject(0).getString("field"),
        missing.encode());
    assertEquals(400, http.put("/v1/offers/bad:id", offer()).status());
    assertEquals(
        before,
        new OfferCatalogStore(service.jedis, TestService.keys("acme"), Clock.systemUTC()).version(),
        "nothing written");
    assertEquals(
        403, http.as(TestService.ACME_SCORE).get("/v1/offers").status(), "admin scope needed");
    assertEquals(403, http.as(TestService.ACME_SCORE).put("/v1/offers/adm-x", offer()).status());
    assertEquals(401, http.as(null).post("/v1/offers/adm-1:retire", "").status());
  }

  @Test
  void aChangeThroughOneInstanceReachesAnotherWithoutARestart() throws Exception {
    try (TestService other =
        TestService.start(
            new JsonObject()
                .put("redis_url", service.server.redisUrl())
                .put("offer_cache_ttl", "PT0.2S"))) {
      Http second = other.http();
      assertEquals(
          404,
          second
              .post(
                  "/v1/customers/adm-m/offers/adm-3:issue",
                  new JsonObject().put("request_id", "a1"))
              .status());
      assertEquals(201, http.put("/v1/offers/adm-3", offer()).status());
      Http.Reply granted = await(second, "adm-3", 201, null);
      assertEquals("granted", granted.json().getString("outcome"));
      assertEquals(200, http.post("/v1/offers/adm-3:retire", "").status());
      await(second, "adm-3", 409, "retired");
    }
  }

  /** Issues to a fresh member until the answer has the status (and refusal reason), within 5 s. */
  private static Http.Reply await(Http client, String offerId, int status, String reason)
      throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    for (int attempt = 0; ; attempt++) {
      Http.Reply r =
          client.post(
              "/v1/customers/adm-w" + attempt + "/offers/" + offerId + ":issue",
              new JsonObject().put("request_id", "w" + attempt));
      boolean done =
          r.status() == status && (reason == null || reason.equals(r.json().getString("reason")));
      if (done || System.nanoTime() > deadline) {
        assertTrue(done, "within the cache TTL: " + r);
        return r;
      }
      Thread.sleep(50);
    }
  }
}
