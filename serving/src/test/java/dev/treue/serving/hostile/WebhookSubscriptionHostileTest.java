package dev.treue.serving.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.trigger.TriggerKind;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/webhooks} against a hostile client, on the shared service (private targets not
 * allowed): URLs that would make the service probe its own network, bad trigger lists, other
 * tenants' subscriptions, and the secret shown only once. A refused request stores nothing.
 */
class WebhookSubscriptionHostileTest {
  /** A public address literal: accepted without DNS (nothing is ever delivered there in tests). */
  private static final String PUBLIC_URL = "http://93.184.216.34/hook";

  private static Http http;

  @BeforeAll
  static void start() {
    http = TestService.shared().http(TestService.FUZZ_ALL);
  }

  private static JsonObject input(String url, String... kinds) {
    return new JsonObject()
        .put("url", url)
        .put("triggers", new JsonArray(List.of((Object[]) kinds)));
  }

  private static int count() {
    return http.get("/v1/webhooks").json().getJsonArray("webhooks").size();
  }

  private static void refused(Http.Reply r, String field) {
    assertEquals(400, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType(), r.toString());
    JsonArray errors = r.json().getJsonArray("errors");
    assertTrue(
        errors.stream()
            .map(JsonObject.class::cast)
            .anyMatch(e -> field.equals(e.getString("field"))),
        "names " + field + ": " + r);
  }

  @Test
  void urlsPointingInsideTheNetworkOrCarryingCredentialsAreRefused() {
    int before = count();
    for (String url :
        new String[] {
          "ftp://93.184.216.34/x",
          "file:///etc/passwd",
          "http://user:pw@93.184.216.34/hook",
          "http://127.0.0.1:9/hook",
          "http://localhost/hook",
          "http://169.254.169.254/latest/meta-data",
          "http://10.1.2.3/hook",
          "http://192.168.0.10/hook",
          "http://172.16.5.4/hook",
          "http://100.64.0.1/hook",
          "http://0.0.0.0/hook",
          "http://[::1]:8080/hook",
          "http://[fd00::1]/hook",
          "http://[fe80::1]/hook",
          "http://[::ffff:127.0.0.1]/hook",
          "not a url at all",
          "http:///nohost",
          "http://93.184.216.34/hook#frag"
        }) {
      Http.Reply r = http.post("/v1/webhooks", input(url, "first_purchase"));
      refused(r, "url");
      assertTrue(r.json().getString("detail").startsWith("url: "), r.toString());
    }
    assertEquals(before, count(), "nothing was stored");
  }

  @Test
  void triggerListsAreCheckedAgainstTheKinds() {
    int before = count();
    refused(http.post("/v1/webhooks", input(PUBLIC_URL)), "triggers");
    refused(http.post("/v1/webhooks", input(PUBLIC_URL, "nope")), "triggers[0]");
    refused(
        http.post(
            "/v1/webhooks", new JsonObject().put("triggers", new JsonArray().add("birthday"))),
        "url");
    refused(
        http.post("/v1/webhooks", input(PUBLIC_URL, "birthday").put("secret", "mine")), "secret");
    assertEquals(before, count(), "nothing was stored");
    // Every trigger kind is accepted: the contract's list and the enum agree.
    String[] all =
        Arrays.stream(TriggerKind.values()).map(TriggerKind::wireName).toArray(String[]::new);
    Http.Reply r = http.post("/v1/webhooks", input(PUBLIC_URL, all));
    assertEquals(201, r.status(), r.toString());
    assertEquals(all.length, r.json().getJsonArray("triggers").size());
    assertEquals(204, http.delete("/v1/webhooks/" + r.json().getString("id")).status());
  }

  @Test
  void theSecretIsShownOnceAndSubscriptionsLiveAndDieWithTheirTenant() {
    Http.Reply created = http.post("/v1/webhooks", input(PUBLIC_URL, "first_purchase"));
    assertEquals(201, created.status(), created.toString());
    String id = created.json().getString("id");
    String secret = created.json().getString("secret");
    assertTrue(secret.matches("[0-9a-f]{64}"), secret);
    assertTrue(id.matches("wh_[0-9a-f]{24}"), id);
    assertTrue(created.json().getBoolean("enabled"));

    Http.Reply one = http.get("/v1/webhooks/" + id);
    assertEquals(200, one.status(), one.toString());
    assertFalse(one.body().contains(secret), "GET never shows the secret");
    assertFalse(
        http.get("/v1/webhooks").body().contains(secret), "the list never shows the secret");

    Http.Reply changed =
        http.put(
            "/v1/webhooks/" + id,
            input(PUBLIC_URL, "birthday", "tier_changed").put("enabled", false));
    assertEquals(200, changed.status(), changed.toString());
    assertEquals(
        new JsonArray().add("birthday").add("tier_changed"),
        changed.json().getJsonArray("triggers"));
    assertFalse(changed.json().getBoolean("enabled"));
    refused(http.put("/v1/webhooks/" + id, input("http://10.0.0.1/", "birthday")), "url");
    assertEquals(
        PUBLIC_URL,
        http.get("/v1/webhooks/" + id).json().getString("url"),
        "a refused PUT changes nothing");

    Http.Reply rotated = http.post("/v1/webhooks/" + id + ":rotate-secret", "");
    assertEquals(200, rotated.status(), rotated.toString());
    assertNotEquals(secret, rotated.json().getString("secret"));

    // Another tenant sees none of it.
    Http other = http.as(TestService.GLOBEX_ALL);
    assertEquals(404, other.get("/v1/webhooks/" + id).status());
    assertEquals(404, other.delete("/v1/webhooks/" + id).status());
    assertEquals(404, other.post("/v1/webhooks/" + id + ":rotate-secret", "").status());
    // Keys without the admin scope may not touch webhooks.
    assertEquals(403, http.as(TestService.ACME_LISTS).get("/v1/webhooks").status());
    assertEquals(
        403,
        http.as(TestService.ACME_SCORE)
            .post("/v1/webhooks", input(PUBLIC_URL, "birthday"))
            .status());

    Http.Reply log = http.get("/v1/webhooks/" + id + "/deliveries");
    assertEquals(200, log.status(), log.toString());
    assertEquals(0, log.json().getJsonArray("deliveries").size());
    refused(http.get("/v1/webhooks/" + id + "/deliveries?limit=0"), "limit");
    refused(http.get("/v1/webhooks/" + id + "/deliveries?status=lost"), "status");
    Http.Reply replay = http.post("/v1/webhooks/" + id + "/deliveries/dlv_0123:replay", "");
    assertEquals(404, replay.status(), replay.toString());
    assertEquals("https://treue.dev/problems/unknown-delivery", replay.json().getString("type"));

    assertEquals(204, http.delete("/v1/webhooks/" + id).status());
    Http.Reply gone = http.get("/v1/webhooks/" + id);
    assertEquals(404, gone.status());
    assertEquals("https://treue.dev/problems/unknown-webhook", gone.json().getString("type"));
    assertEquals(404, http.get("/v1/webhooks/" + id + "/deliveries").status());
    refused(http.get("/v1/webhooks/a.b"), "webhookId");
  }
}
