package dev.treue.serving.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.MemberReader;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 11 (7, 10 and money): arrival order, points and amounts at the limits, through the events API. */
class MemberStateHostileTest {
  private static final RedisKeys ACME = TestService.keys("acme");
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    service = TestService.shared();
    http = service.http();
  }

  private static JsonObject event(String id, String member, String ts, String type) {
    return new JsonObject()
        .put("event_id", id)
        .put("customer_id", member)
        .put("ts", ts)
        .put("type", type);
  }

  private static JsonObject post(JsonObject... events) {
    Http.Reply r =
        http.post(
            "/v1/events", new JsonObject().put("events", new JsonArray(java.util.List.of(events))));
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  private static CustomerState state(String member) {
    return new MemberReader(service.jedis).read(ACME, member).customerState();
  }

  @Test
  void aLatePurchaseWithinTheWindowGivesTheStateOfTimeOrder() {
    post(event("h-b", "hs-apart", "2024-06-01T10:00:00Z", "purchase").put("amount", 20));
    JsonObject r =
        post(event("h-a", "hs-apart", "2024-05-01T10:00:00Z", "purchase").put("amount", 10));
    assertEquals(1, r.getInteger("accepted"), r.encode());
    post(
        event("h-a", "hs-together", "2024-05-01T10:00:00Z", "purchase").put("amount", 10),
        event("h-b", "hs-together", "2024-06-01T10:00:00Z", "purchase").put("amount", 20));
    CustomerState apart = state("hs-apart");
    CustomerState together = state("hs-together");
    assertEquals(together.firstPurchaseDay(), apart.firstPurchaseDay());
    assertEquals(2, apart.purchaseDays());
    assertEquals(together.gapMean(), apart.gapMean());
    assertEquals(
        http.get("/v1/customers/hs-together/churn-risk").json().getDouble("churn_probability"),
        http.get("/v1/customers/hs-apart/churn-risk").json().getDouble("churn_probability"));
  }

  @Test
  void anEventBeyondTheWindowIsTooLateAndNotRemembered() {
    // The first purchase settles when one more than 35 days later arrives: the horizon is then
    // 04-10.
    post(
        event("t-mid", "hs-late", "2024-04-10T10:00:00Z", "purchase").put("amount", 5),
        event("t-new", "hs-late", "2024-06-20T10:00:00Z", "purchase").put("amount", 5));
    JsonObject late =
        event("t-old", "hs-late", "2024-04-01T10:00:00Z", "purchase").put("amount", 5);
    for (int attempt = 0; attempt < 2; attempt++) {
      JsonObject r = post(late);
      JsonObject result = r.getJsonArray("results").getJsonObject(0);
      assertEquals("too_late", result.getString("status"), r.encode());
      assertTrue(result.getString("reason").startsWith("ts: "), r.encode());
      assertEquals(1, r.getInteger("too_late"));
    }
    assertEquals(2, state("hs-late").purchases());
  }

  @Test
  void pointsAtTheLimitsNeverWrap() {
    long max = 1_000_000_000_000_000L;
    JsonObject[] batch = new JsonObject[1_000];
    for (int k = 0; k < 10; k++) {
      for (int i = 0; i < batch.length; i++) {
        batch[i] =
            event(
                    "pt-" + k + "-" + i,
                    "hs-points",
                    "2024-06-2" + k % 10 + "T10:00:00Z",
                    "points_earned")
                .put("points", max);
      }
      JsonObject r = post(batch);
      // A long holds 9,223 events of 1e15 points: the rest of the last batch is out of range.
      assertEquals(Math.min(1_000, 9_223 - 1_000 * k), r.getInteger("accepted"));
      assertEquals(1_000 - r.getInteger("accepted"), r.getInteger("out_of_range"));
    }
    long balance = state("hs-points").pointsBalance();
    assertEquals(Long.MAX_VALUE / max * max, balance);
    JsonObject r =
        post(
            event("pt-over", "hs-points", "2024-06-29T11:00:00Z", "points_earned")
                .put("points", max));
    JsonObject result = r.getJsonArray("results").getJsonObject(0);
    assertEquals("out_of_range", result.getString("status"), r.encode());
    assertTrue(result.getString("reason").startsWith("points: "), r.encode());
    assertEquals(balance, state("hs-points").pointsBalance());
    Http.Reply tooMany =
        http.post(
            "/v1/events",
            event("pt-big", "hs-points", "2024-06-29T12:00:00Z", "points_earned")
                .put("points", max + 1));
    assertEquals(400, tooMany.status());
    assertTrue(tooMany.body().contains("points"), tooMany.body());
    Http.Reply negative =
        http.post(
            "/v1/events",
            event("pt-neg", "hs-points", "2024-06-29T12:00:00Z", "points_redeemed")
                .put("points", -5));
    assertEquals(400, negative.status());
    assertTrue(negative.body().contains("points"), negative.body());
  }

  @Test
  void hugeAndTinyAmountsAreRefusedNamingTheAmount() {
    for (double amount : new double[] {1e308, 1e-9, 1e12 + 1}) {
      Http.Reply r =
          http.post(
              "/v1/events",
              event("am-" + amount, "hs-money", "2024-06-29T12:00:00Z", "purchase")
                  .put("amount", amount));
      assertEquals(400, r.status(), amount + ": " + r);
      assertTrue(r.body().contains("amount"), r.body());
    }
    JsonObject ok =
        post(event("am-ok", "hs-money", "2024-06-29T12:00:00Z", "purchase").put("amount", 1e12));
    assertEquals(1, ok.getInteger("accepted"));
    assertEquals(1e12, state("hs-money").spend());
  }
}
