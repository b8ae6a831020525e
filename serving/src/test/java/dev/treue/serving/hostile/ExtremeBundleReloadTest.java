package dev.treue.serving.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestModels;
import dev.treue.serving.TestService;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile or careless publisher promotes bundles whose lifetime model would break scoring: the
 * reload refuses each one, the good model serves on, and events keep their at-risk rows current. A
 * lost at-risk update is repaired when the client repeats its request. Runs its own service, because
 * it changes the registry.
 */
class ExtremeBundleReloadTest {
  private static final RedisKeys ACME = TestService.keys("acme");
  private static final String GOOD = "20240601-000000-aaaaaa";
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    service = TestService.start(new JsonObject());
    http = service.http();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static JsonObject purchase(String eventId, String member, String ts) {
    return new JsonObject()
        .put("event_id", eventId)
        .put("customer_id", member)
        .put("ts", ts)
        .put("type", "purchase")
        .put("amount", 25)
        .put("category", "coffee")
        .put("channel", "app");
  }

  /** Writes a good bundle, lets {@code edit} change its lifetime section, promotes it and reloads. */
  private static Http.Reply reloadWithLifetime(String version, Consumer<JsonObject> edit)
      throws IOException {
    Path dir = TestModels.writeVersion(service.registry, version);
    Path bundleFile = dir.resolve("bundle.json");
    JsonObject bundle = new JsonObject(Files.readString(bundleFile));
    edit.accept(bundle.getJsonObject("lifetime"));
    Files.writeString(bundleFile, bundle.encode());
    TestModels.promote(service.registry, version);
    return http.post("/v1/admin/models:reload", "");
  }

  @Test
  void extremeLifetimeParametersAreRefusedAndScoringKeepsWorking() throws IOException {
    for (String id : new String[] {"xb-1", "xb-2"}) {
      assertEquals(
          200, http.post("/v1/events", purchase(id + "-a", id, "2024-03-01T10:00:00Z")).status());
      assertEquals(
          200, http.post("/v1/events", purchase(id + "-b", id, "2024-05-20T10:00:00Z")).status());
    }
    Object[][] cases = {
      {"bgnbd", "r", 1e308},
      {"bgnbd", "alpha", 1e-300},
      {"bgnbd", "a", 1.0},
      {"bgnbd", "b", 1e308},
      {"gamma_gamma", "p", 1e300},
      {"gamma_gamma", "q", 1e-200},
      {"gamma_gamma", "v", 1e308},
      {null, "unit_days", 1e308},
      {null, "unit_days", 1e-300},
    };
    int n = 0;
    for (Object[] c : cases) {
      String version = String.format("20240602-0000%02d-bbbbbb", n++);
      Http.Reply refused =
          reloadWithLifetime(
              version,
              lifetime -> {
                JsonObject target = c[0] == null ? lifetime : lifetime.getJsonObject((String) c[0]);
                target.put((String) c[1], c[2]);
              });
      String what = (c[0] == null ? "" : c[0] + ".") + c[1] + " = " + c[2];
      assertEquals(422, refused.status(), what + ": " + refused);
      assertEquals("application/problem+json", refused.contentType());
      assertTrue(refused.json().getString("detail").contains("lifetime"), what + ": " + refused);
      assertEquals(
          GOOD, http.get("/v1/models").json().getJsonObject("active").getString("version"), what);
      Http.Reply risk = http.get("/v1/customers/xb-1/churn-risk");
      assertEquals(200, risk.status(), what + ": " + risk);
      assertEquals(GOOD, risk.json().getString("model_version"));
    }
    Http.Reply event = http.post("/v1/events", purchase("xb-1-c", "xb-1", "2024-06-10T10:00:00Z"));
    assertEquals(200, event.status(), event.toString());
    assertNotNull(service.jedis.hget(ACME.atRiskRows(), "xb-1"));
  }

  @Test
  void aRepeatedRequestRepairsAnAtRiskRowThatWasNotWritten() {
    JsonObject event = purchase("xr-1-a", "xr-1", "2024-06-01T10:00:00Z");
    assertEquals(200, http.post("/v1/events", event).status());
    double probability = service.jedis.zscore(ACME.atRiskScores(), "xr-1");
    // The state was written but the at-risk update was lost (Redis failed in between, or scoring
    // did).
    service.jedis.hdel(ACME.atRiskRows(), "xr-1");
    service.jedis.zrem(ACME.atRiskScores(), "xr-1");
    service.jedis.zrem(ACME.atRiskValues(), "xr-1");
    assertNull(service.jedis.hget(ACME.atRiskRows(), "xr-1"));
    Http.Reply retry = http.post("/v1/events", event);
    assertEquals(200, retry.status(), retry.toString());
    assertEquals(1, retry.json().getInteger("duplicate"));
    assertNotNull(service.jedis.hget(ACME.atRiskRows(), "xr-1"), "the retry rescored the member");
    assertEquals(probability, service.jedis.zscore(ACME.atRiskScores(), "xr-1"), 1e-12);
    assertNotNull(service.jedis.zscore(ACME.atRiskValues(), "xr-1"));
  }

  @Test
  void aRetryOfAnEventThatSettledLongAgoRepairsTheRowToo() {
    JsonObject first = purchase("xs-1-a", "xs-1", "2024-04-01T10:00:00Z");
    assertEquals(200, http.post("/v1/events", first).status());
    assertEquals(
        200, http.post("/v1/events", purchase("xs-1-b", "xs-1", "2024-04-02T10:00:00Z")).status());
    // 40 days later: both earlier purchases settle out of the lateness window.
    assertEquals(
        200, http.post("/v1/events", purchase("xs-1-c", "xs-1", "2024-05-12T10:00:00Z")).status());
    service.jedis.hdel(ACME.atRiskRows(), "xs-1");
    service.jedis.zrem(ACME.atRiskScores(), "xs-1");
    service.jedis.zrem(ACME.atRiskValues(), "xs-1");
    Http.Reply retry = http.post("/v1/events", first);
    assertEquals(200, retry.status(), retry.toString());
    assertEquals(1, retry.json().getInteger("too_late"), retry.toString());
    assertNotNull(service.jedis.hget(ACME.atRiskRows(), "xs-1"), "the retry rescored the member");
  }
}
