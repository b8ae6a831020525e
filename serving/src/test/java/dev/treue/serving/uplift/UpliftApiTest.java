package dev.treue.serving.uplift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.UpliftDocuments;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/uplift} on the shared service and its real Redis: the stored document served unchanged to a
 * key with the lists scope of its tenant only, a 404 problem saying how to compute it otherwise.
 */
class UpliftApiTest {
  private static final TestService SERVICE = TestService.shared();

  @Test
  void theStoredDocumentIsServedToItsTenantOnly() {
    JsonObject doc =
        new JsonObject()
            .put("from", "2024-01-01")
            .put("to", "2024-03-31")
            .put("horizon_days", 90)
            .put(
                "triggers",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("trigger", "first_purchase")
                            .put(
                                "metrics",
                                new JsonArray().add(new JsonObject().put("low", -0.125)))));
    new UpliftDocuments(SERVICE.jedis).put(TestService.keys("globex"), doc.encode());
    Http.Reply r = SERVICE.http(TestService.GLOBEX_ALL).get("/v1/uplift");
    assertEquals(200, r.status(), r.toString());
    assertTrue(r.contentType().startsWith("application/json"), r.contentType());
    assertEquals(doc, r.json());
    Http.Reply other = SERVICE.http(TestService.HOOLI_ALL).get("/v1/uplift");
    assertEquals(404, other.status(), other.toString());
    assertTrue(other.contentType().startsWith("application/problem+json"), other.contentType());
    assertTrue(
        other
            .json()
            .getString("detail")
            .startsWith("no uplift computed yet for tenant hooli; run" + " ./treue uplift"),
        other.body());
    assertTrue(
        other.json().getString("detail").endsWith("--redis URL --tenant hooli"), other.body());
  }

  @Test
  void aKeyWithoutTheListsScopeIsRefused() {
    assertEquals(403, SERVICE.http(TestService.ACME_SCORE).get("/v1/uplift").status());
  }
}
