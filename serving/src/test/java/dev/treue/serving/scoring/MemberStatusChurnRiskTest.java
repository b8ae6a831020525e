package dev.treue.serving.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.serving.contract.ApiContract;
import dev.treue.serving.http.FieldError;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The churn-risk answer says which group the member is in (issue 13): only active members get a
 * churn probability; lapsed members (no purchase within the bundle's 365-day window) get their
 * win-back figures instead; members who never purchased get neither.
 */
class MemberStatusChurnRiskTest {
  private static Http http;
  private static Vertx vertx;
  private static ApiContract contract;

  @BeforeAll
  static void start() throws Exception {
    http = TestService.shared().http();
    vertx = Vertx.vertx();
    contract = ApiContract.load(vertx).toCompletionStage().toCompletableFuture().get();
    ChurnRiskApiTest.batchLoad("status-active-1", 20, 3_600_000);
    ChurnRiskApiTest.batchLoad("status-edge-1", 364, 3_600_000);
    ChurnRiskApiTest.batchLoad("status-lapsed-1", 412, 3_600_000);
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  private static void assertMatchesContract(JsonObject body) {
    List<FieldError> problems = contract.body("ChurnRisk").problems(body, "");
    assertTrue(problems.isEmpty(), problems + " in " + body.encode());
  }

  @Test
  void anActiveMemberGetsAChurnProbabilityAndNoWinBackValue() {
    for (String id : List.of("status-active-1", "status-edge-1")) {
      JsonObject body = http.get("/v1/customers/" + id + "/churn-risk").json();
      assertEquals("active", body.getString("status"), body.encode());
      double p = body.getDouble("churn_probability");
      assertTrue(p >= 0 && p <= 1, body.encode());
      assertTrue(List.of("low", "medium", "high").contains(body.getString("risk_band")));
      assertEquals(p * body.getDouble("clv"), body.getDouble("value_at_risk"), 1e-9);
      assertTrue(body.containsKey("win_back_value") && body.getValue("win_back_value") == null);
      assertMatchesContract(body);
    }
  }

  @Test
  void aLapsedMemberHasNoChurnProbabilityButWinBackFiguresInWords() {
    JsonObject body = http.get("/v1/customers/status-lapsed-1/churn-risk").json();
    assertEquals("lapsed", body.getString("status"), body.encode());
    assertFalse(body.getBoolean("cold_start"));
    for (String none : List.of("churn_probability", "risk_band", "value_at_risk")) {
      assertTrue(body.containsKey(none) && body.getValue(none) == null, none + " in " + body);
    }
    double alive = body.getDouble("p_alive");
    assertTrue(alive >= 0 && alive <= 1, body.encode());
    assertTrue(body.getDouble("expected_purchases_90") >= 0, body.encode());
    // The win-back list ranks by the chance of coming back: expected purchases in 90 days.
    assertEquals(
        body.getDouble("expected_purchases_90"),
        body.getDouble("win_back_value"),
        1e-9,
        body.encode());
    JsonArray reasons = body.getJsonArray("reasons");
    // Purchases every 30 days, the last 412 days before the service's day.
    assertEquals("last bought 412 days ago, usually every 30 days", reasons.getString(0));
    assertTrue(
        reasons.getString(1).equals(Math.round(100 * alive) + "% chance they still buy (P(alive))"),
        reasons.encode());
    assertMatchesContract(body);
  }

  @Test
  void aMemberWhoNeverPurchasedIsNotActivatedYet() {
    // Stored by an event that is not a purchase (the event path creates the member).
    JsonObject event =
        new JsonObject()
            .put("event_id", "status-browser-1-s")
            .put("customer_id", "status-browser-1")
            .put("ts", "2024-06-20T10:00:00Z")
            .put("type", "app_session");
    assertEquals(200, http.post("/v1/events", event).status());
    JsonObject body = http.get("/v1/customers/status-browser-1/churn-risk").json();
    assertEquals("never_purchased", body.getString("status"), body.encode());
    assertNull(body.getValue("churn_probability"));
    assertNull(body.getValue("risk_band"));
    assertNull(body.getValue("win_back_value"));
    assertNull(body.getValue("p_alive"));
    assertTrue(
        body.getJsonArray("reasons").getString(0).startsWith("not activated yet"), body.encode());
    assertMatchesContract(body);
  }

  @Test
  void theBatchAnswersEachMembersGroupAndAColdStartHasNone() {
    JsonObject body =
        http.post(
                "/v1/churn-risk:batch",
                new JsonObject()
                    .put(
                        "customer_ids",
                        new JsonArray(List.of("status-active-1", "status-lapsed-1", "nobody-st"))))
            .json();
    JsonArray results = body.getJsonArray("results");
    assertEquals("active", results.getJsonObject(0).getString("status"));
    assertEquals("lapsed", results.getJsonObject(1).getString("status"));
    assertNull(results.getJsonObject(1).getValue("churn_probability"));
    JsonObject cold = results.getJsonObject(2);
    assertTrue(cold.getBoolean("cold_start"));
    assertTrue(cold.containsKey("status") && cold.getValue("status") == null, cold.encode());
    assertTrue(cold.getDouble("churn_probability") > 0, "a cold start keeps its prior");
    List<FieldError> problems = contract.body("ChurnBatchResponse").problems(body, "");
    assertTrue(problems.isEmpty(), problems + " in " + body.encode());
  }
}
