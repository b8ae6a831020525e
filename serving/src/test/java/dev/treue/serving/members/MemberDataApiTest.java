package dev.treue.serving.members;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.MemberRecords;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Export shows everything stored about a member, readable; erase removes all of it. */
class MemberDataApiTest {

  @Test
  void exportThenErase() {
    TestService service = TestService.shared();
    Http http = service.http();
    RedisKeys acme = TestService.keys("acme");
    http.post(
        "/v1/events",
        new JsonObject()
            .put(
                "events",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("event_id", "x-1")
                            .put("customer_id", "subject-1")
                            .put("ts", "2024-06-10T09:00:00Z")
                            .put("type", "purchase")
                            .put("amount", 42.5)
                            .put("category", "books"))
                    .add(
                        new JsonObject()
                            .put("event_id", "x-2")
                            .put("customer_id", "subject-1")
                            .put("ts", "2024-06-11T09:00:00Z")
                            .put("type", "points_earned")
                            .put("points", 120))));
    Http.Reply export = http.get("/v1/customers/subject-1/export");
    assertEquals(200, export.status(), export.toString());
    JsonObject body = export.json();
    assertEquals(new JsonArray().add("x-1").add("x-2"), body.getJsonArray("seen_event_ids"));
    JsonObject state = body.getJsonObject("state");
    assertEquals(1, state.getInteger("purchases"));
    assertEquals(120, state.getInteger("points_balance"));
    assertEquals("2024-06-10", state.getString("last_purchase_date"));
    assertEquals(42.5, state.getJsonObject("category_spend").getDouble("books"));
    assertEquals(42.5, state.getJsonObject("daily").getJsonObject("2024-06-10").getDouble("spend"));
    assertTrue(body.getJsonObject("at_risk").getDouble("score") >= 0, body.encode());
    assertEquals(
        body.getJsonObject("at_risk").getJsonObject("row").getDouble("value_at_risk"),
        body.getJsonObject("at_risk").getDouble("value_score"),
        "the value-at-risk order's score is exported too");
    assertFalse(body.getBoolean("opted_out"));

    Http.Reply erased = http.delete("/v1/customers/subject-1");
    assertEquals(200, erased.status());
    assertTrue(erased.json().getBoolean("erased"));
    // The state (which holds the seen event ids now; no separate seen-id key remains to delete).
    assertEquals(1, erased.json().getInteger("member_keys_deleted"));
    assertEquals(
        3, erased.json().getInteger("at_risk_entries_deleted"), "both list orders and the row");
    assertTrue(new MemberRecords(service.jedis).export(acme, "subject-1").empty());
    assertEquals(404, http.get("/v1/customers/subject-1/export").status());
    assertTrue(http.get("/v1/customers/subject-1/churn-risk").json().getBoolean("cold_start"));
    assertEquals(400, http.delete("/v1/customers/bad%20id").status());
  }
}
