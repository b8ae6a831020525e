package dev.treue.serving.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API keys: 401 without a known key, 403 for a missing scope or another tenant, tenants kept apart. */
class ApiKeyTest {
  private static TestService service;

  @BeforeAll
  static void start() {
    service = TestService.shared();
  }

  @Test
  void noKeyOrAnUnknownKeyIs401() {
    Http.Reply none = service.http(null).get("/v1/customers/a1/churn-risk");
    assertEquals(401, none.status());
    assertEquals("application/problem+json", none.contentType());
    assertTrue(none.json().getString("detail").contains("X-Api-Key"), none.toString());
    assertEquals(401, service.http("not-a-key").get("/v1/customers/a1/churn-risk").status());
  }

  @Test
  void aKeyWithoutTheScopeIs403() {
    Http score = service.http(TestService.ACME_SCORE);
    assertEquals(200, score.get("/v1/customers/a1/churn-risk").status());
    Http.Reply events = score.post("/v1/events", "{}");
    assertEquals(403, events.status(), events.toString());
    assertTrue(events.json().getString("detail").contains("events"), events.toString());
    assertEquals(403, score.get("/v1/at-risk").status());
    assertEquals(403, score.delete("/v1/customers/a1").status());
    assertEquals(403, score.post("/v1/admin/models:reload", "").status());
    // A lists key reads one member's churn risk (the member page) but gets no ranking to show.
    Http lists = service.http(TestService.ACME_LISTS);
    assertEquals(200, lists.get("/v1/customers/a1/churn-risk").status());
    Http.Reply rewards = lists.get("/v1/customers/a1/rewards");
    assertEquals(403, rewards.status(), rewards.toString());
    assertTrue(rewards.json().getString("detail").contains("'score'"), rewards.toString());
    assertEquals(403, lists.post("/v1/churn-risk:batch", "{\"customer_ids\": [\"a1\"]}").status());
  }

  @Test
  void aTenantHeaderNamingAnotherTenantIs403() {
    Http acme = service.http();
    assertEquals(200, acme.get("/v1/customers/a1/churn-risk", "X-Tenant", "acme").status());
    assertEquals(403, acme.get("/v1/customers/a1/churn-risk", "X-Tenant", "globex").status());
  }

  @Test
  void oneTenantCannotReadOrEraseAnotherTenantsMembers() {
    Http globex = service.http(TestService.GLOBEX_ALL);
    Http acme = service.http();
    JsonObject event =
        new JsonObject()
            .put("event_id", "g-1")
            .put("customer_id", "shared-id")
            .put("ts", "2024-06-20T10:00:00Z")
            .put("type", "purchase")
            .put("amount", 30);
    assertEquals(200, globex.post("/v1/events", event).status());
    assertEquals(
        false, globex.get("/v1/customers/shared-id/churn-risk").json().getBoolean("cold_start"));

    assertEquals(
        true,
        acme.get("/v1/customers/shared-id/churn-risk").json().getBoolean("cold_start"),
        "acme does not see globex's member");
    assertEquals(404, acme.get("/v1/customers/shared-id/export").status());
    JsonObject erased = acme.delete("/v1/customers/shared-id").json();
    assertEquals(false, erased.getBoolean("erased"));
    assertEquals(
        false,
        globex.get("/v1/customers/shared-id/churn-risk").json().getBoolean("cold_start"),
        "globex's member survives acme's erase");
    assertEquals(200, globex.get("/v1/customers/shared-id/export").status());
  }
}
