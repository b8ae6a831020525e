package dev.treue.serving.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The retention bonus follows the member's status (issue 13): only an active member has a churn
 * probability; a lapsed member is ranked by the win-back view ("win-back pick"), a member who never
 * purchased gets no bonus. The service runs with {@code retention_threshold} 0 so every bonus that
 * applies shows in the explanations.
 */
class RewardsByMemberStatusTest {
  private static final LocalDate TODAY = LocalDate.parse(TestService.TODAY);
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    service = TestService.start(new JsonObject().put("retention_threshold", 0));
    http = service.http(TestService.GLOBEX_ALL);
    Http.Reply offer =
        http.put(
            "/v1/offers/st-coffee",
            new JsonObject()
                .put("kind", "discount")
                .put("category", "coffee")
                .put("value", 5)
                .put("cost", 1)
                .put("valid_from", "2024-06-01")
                .put("valid_to", "2024-07-31")
                .put("budget", 1000));
    assertTrue(offer.status() == 200 || offer.status() == 201, offer.toString());
    JsonArray events = new JsonArray();
    // A regular buyer until 400 days ago: lapsed under the 365-day window.
    for (int ago = 900; ago >= 400; ago -= 20) {
      events.add(event("gone-" + ago, "st-gone", ago, "purchase").put("amount", 40));
    }
    // Buying every 10 days until 30 days ago: active.
    for (int ago = 300; ago >= 30; ago -= 10) {
      events.add(event("steady-" + ago, "st-steady", ago, "purchase").put("amount", 30));
    }
    // App sessions, never a purchase.
    events.add(event("never-1", "st-never", 50, "app_session"));
    events.add(event("never-2", "st-never", 5, "app_session"));
    Http.Reply r = http.post("/v1/events", new JsonObject().put("events", events));
    assertEquals(200, r.status(), r.toString());
    assertEquals(events.size(), r.json().getInteger("accepted"), r.toString());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static JsonObject event(String id, String member, int daysAgo, String type) {
    return new JsonObject()
        .put("event_id", id)
        .put("customer_id", member)
        .put("ts", TODAY.minusDays(daysAgo) + "T10:00:00Z")
        .put("type", type);
  }

  private static JsonObject rewards(String member) {
    Http.Reply r = http.get("/v1/customers/" + member + "/rewards?limit=1");
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  private static List<String> explanations(JsonObject body) {
    List<String> out = new ArrayList<>();
    body.getJsonArray("rewards")
        .forEach(
            o -> ((JsonObject) o).getJsonArray("explanation").forEach(e -> out.add((String) e)));
    return out;
  }

  @Test
  void aLapsedMemberGetsAWinBackPickNotAChurnRisk() {
    JsonObject body = rewards("st-gone");
    assertEquals("lapsed", body.getString("status"), body.encode());
    assertNull(body.getValue("churn_probability"), "a lapsed member has no churn probability");
    List<String> why = explanations(body);
    assertFalse(why.stream().anyMatch(e -> e.contains("churn risk")), why.toString());
    assertTrue(why.stream().anyMatch(e -> e.startsWith("win-back pick: ")), why.toString());
    // The weight is 1 - P(alive) of the member's own win-back figures.
    double pAlive = http.get("/v1/customers/st-gone/churn-risk").json().getDouble("p_alive");
    String expected =
        "win-back pick: " + Math.round(100 * (1 - pAlive)) + "% likely to have stopped buying";
    assertTrue(why.contains(expected), why + " should hold " + expected);
  }

  @Test
  void aMemberWhoNeverPurchasedGetsNoRetentionBonus() {
    JsonObject body = rewards("st-never");
    assertEquals("never_purchased", body.getString("status"), body.encode());
    assertNull(body.getValue("churn_probability"));
    assertFalse(body.getJsonArray("rewards").isEmpty(), body.encode());
    for (String e : explanations(body)) {
      assertFalse(e.contains("pick:"), e);
    }
  }

  @Test
  void anActiveMemberKeepsTheChurnRetentionBonus() {
    JsonObject body = rewards("st-steady");
    assertEquals("active", body.getString("status"), body.encode());
    double churn = body.getDouble("churn_probability");
    assertEquals(
        http.get("/v1/customers/st-steady/churn-risk").json().getDouble("churn_probability"),
        churn,
        1e-12);
    assertTrue(
        explanations(body).contains("retention pick: churn risk " + Math.round(100 * churn) + "%"),
        body.encode());
  }

  @Test
  void aColdStartHasNoStatusAndTheBaseRate() {
    JsonObject body = rewards("st-unknown");
    assertTrue(body.getBoolean("cold_start"));
    assertNull(body.getValue("status"));
    assertTrue(body.getDouble("churn_probability") > 0);
  }
}
