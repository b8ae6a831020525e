package dev.treue.serving.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.trigger.Firing;
import dev.treue.core.trigger.Holdout;
import dev.treue.core.trigger.TriggerKind;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.serving.config.ConfigException;
import dev.treue.serving.config.ServingConfig;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Event-driven triggers through the API: fired in the request that folds the event, on the score it
 * moved, once per crossing, recorded with the state and on the tenant's stream before the answer;
 * {@code GET /v1/triggers} shows the settings.
 */
class TriggersApiTest {
  private static final RedisKeys ACME = TestService.keys("acme");
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    JsonObject triggers =
        new JsonObject()
            .put("*", new JsonObject().put("first_purchase", new JsonObject().put("enabled", true)))
            .put(
                "acme",
                new JsonObject()
                    .put("first_purchase", new JsonObject().put("enabled", true))
                    .put(
                        "purchase_milestone",
                        new JsonObject()
                            .put("enabled", true)
                            .put("purchases", new JsonArray().add(2)))
                    .put(
                        "churn_risk_crossed",
                        new JsonObject()
                            .put("enabled", true)
                            .put("threshold", 0.0001)
                            .put("rearm_below", 0)))
            .put(
                "umbrella",
                new JsonObject().put("first_purchase", new JsonObject().put("enabled", false)));
    service =
        TestService.start(
            new JsonObject()
                .put("triggers", triggers)
                .put("trigger_relay_interval", "PT0.2S")
                .put(
                    "holdouts",
                    new JsonObject()
                        .put("globex", new JsonObject().put("share", 0.5).put("salt", "t16"))));
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
        .put("amount", 30)
        .put("category", "coffee")
        .put("channel", "app");
  }

  private static List<Map<String, String>> firingsOf(RedisKeys keys, String member) {
    return TriggerStreams.firingsOf(service.jedis, keys, member);
  }

  @Test
  void aFirstPurchaseFiresInTheRequestWithTheScoreItMovedAndOnlyOnce() {
    Http.Reply r = http.post("/v1/events", purchase("tr-a-1", "tr-a", "2024-06-28T10:00:00Z"));
    assertEquals(200, r.status(), r.toString());
    List<Map<String, String>> fired = firingsOf(ACME, "tr-a");
    assertEquals(
        List.of("churn_risk_crossed", "first_purchase"),
        fired.stream().map(f -> f.get("kind")).sorted().toList(),
        "on the stream when the answer comes");
    Map<String, String> first =
        fired.stream()
            .filter(f -> f.get("kind").equals("first_purchase"))
            .findFirst()
            .orElseThrow();
    assertEquals("false", first.get("held_out"));
    assertTrue(
        first.get("firing_id").startsWith("first_purchase:tr-a:r1."), first.get("firing_id"));
    JsonObject payload = new JsonObject(first.get("payload"));
    JsonObject risk = http.get("/v1/customers/tr-a/churn-risk").json();
    assertEquals(
        risk.getDouble("churn_probability"), payload.getDouble("churn_probability"), 1e-12);
    assertEquals(risk.getString("risk_band"), payload.getString("risk_band"));
    // acme has no offers: none is eligible.
    assertTrue(payload.containsKey("best_reward") && payload.getValue("best_reward") == null);
    assertTrue(payload.getValue("reasons") instanceof JsonArray);
    assertTrue(payload.containsKey("clv") && payload.containsKey("value_at_risk"));
    assertEquals(1, payload.getInteger("purchases"));
    assertEquals(0, service.jedis.hlen(ACME.memberOutbox("tr-a")), "relayed and removed");

    // The client retries the same post: nothing new is folded, nothing fires.
    assertEquals(
        200, http.post("/v1/events", purchase("tr-a-1", "tr-a", "2024-06-28T10:00:00Z")).status());
    assertEquals(2, firingsOf(ACME, "tr-a").size());

    // The second purchase reaches the milestone; the churn crossing stays fired while above.
    assertEquals(
        200, http.post("/v1/events", purchase("tr-a-2", "tr-a", "2024-06-29T10:00:00Z")).status());
    List<String> kinds = firingsOf(ACME, "tr-a").stream().map(f -> f.get("kind")).toList();
    assertEquals(3, kinds.size(), kinds.toString());
    assertEquals("purchase_milestone", kinds.get(2));
    assertEquals("churn_above=1", service.jedis.get(ACME.memberTriggers("tr-a")));
  }

  @Test
  void theServiceSweepFinishesARelayThatStoppedWithTheSameFiringId() throws InterruptedException {
    // What a fold leaves when its instance dies before relaying: the firing in the outbox, the
    // member
    // named in the pending set.
    Firing left =
        new Firing(
            Firing.id(TriggerKind.FIRST_PURCHASE, "tr-s", 1, Instant.EPOCH, null),
            TriggerKind.FIRST_PURCHASE,
            "tr-s",
            Instant.parse("2024-06-30T08:00:00Z"),
            false,
            "{}");
    service.jedis.hset(ACME.memberOutbox("tr-s"), left.firingId(), left.encode());
    service.jedis.sadd(ACME.triggerOutboxMembers(), "tr-s");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (firingsOf(ACME, "tr-s").isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    List<Map<String, String>> fired = firingsOf(ACME, "tr-s");
    assertEquals(1, fired.size());
    assertEquals(left.fields(), fired.get(0));
    while (service.jedis.sismember(ACME.triggerOutboxMembers(), "tr-s")
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(0, service.jedis.hlen(ACME.memberOutbox("tr-s")));
    assertFalse(service.jedis.sismember(ACME.triggerOutboxMembers(), "tr-s"));
  }

  @Test
  void eraseLeavesNoTriggerMemoryOutboxOrPendingEntry() {
    assertEquals(
        200, http.post("/v1/events", purchase("tr-e-1", "tr-e", "2024-06-28T10:00:00Z")).status());
    assertTrue(service.jedis.exists(ACME.memberTriggers("tr-e")));
    // A firing a stopped relay left behind.
    Firing left =
        new Firing(
            "first_purchase:tr-e:r9.0",
            TriggerKind.FIRST_PURCHASE,
            "tr-e",
            Instant.EPOCH,
            false,
            "{}");
    // Erased before any sweep could relay it: the sweep must not find it afterwards.
    service.jedis.hset(ACME.memberOutbox("tr-e"), left.firingId(), left.encode());
    service.jedis.sadd(ACME.triggerOutboxMembers(), "tr-e");
    assertEquals(200, http.delete("/v1/customers/tr-e").status());
    assertFalse(service.jedis.exists(ACME.memberTriggers("tr-e")));
    assertFalse(service.jedis.exists(ACME.memberOutbox("tr-e")));
    assertFalse(service.jedis.sismember(ACME.triggerOutboxMembers(), "tr-e"));
  }

  @Test
  void aTenantWithEveryTriggerOffRecordsNothing() {
    RedisKeys umbrella = TestService.keys("umbrella");
    Http.Reply r =
        service
            .http(TestService.UMBRELLA_ALL)
            .post("/v1/events", purchase("tr-u-1", "tr-u", "2024-06-28T10:00:00Z"));
    assertEquals(200, r.status(), r.toString());
    assertEquals(List.of(), firingsOf(umbrella, "tr-u"));
    assertFalse(service.jedis.exists(umbrella.memberTriggers("tr-u")));

    RedisKeys globex = TestService.keys("globex");
    service
        .http(TestService.GLOBEX_ALL)
        .post("/v1/events", purchase("tr-g-1", "tr-g", "2024-06-28T10:00:00Z"));
    assertEquals(
        List.of("first_purchase"),
        firingsOf(globex, "tr-g").stream().map(f -> f.get("kind")).toList(),
        "globex has the \"*\" settings");
  }

  @Test
  void getTriggersShowsTheTenantsSettingsToAdminsOnly() {
    Http.Reply r = http.get("/v1/triggers");
    assertEquals(200, r.status(), r.toString());
    JsonObject t = r.json().getJsonObject("triggers");
    assertEquals(10, t.size());
    assertTrue(t.getJsonObject("first_purchase").getBoolean("enabled"));
    assertEquals(0.0001, t.getJsonObject("churn_risk_crossed").getDouble("threshold"));
    assertEquals(
        new JsonArray().add(2), t.getJsonObject("purchase_milestone").getJsonArray("purchases"));
    assertFalse(t.getJsonObject("birthday").getBoolean("enabled"));
    assertFalse(t.getJsonObject("birthday").getBoolean("event_driven"));
    assertEquals("acme", r.json().getString("tenant"));
    assertEquals(ACME.triggerStream(), r.json().getString("stream"));
    assertEquals("PT0.2S", r.json().getString("relay_interval"), "trigger_relay_interval");
    assertEquals(
        ServingConfig.defaults().triggers().sweepInterval().toString(),
        r.json().getString("sweep_interval"),
        "trigger_sweep_interval (default)");

    assertEquals(403, service.http(TestService.ACME_LISTS).get("/v1/triggers").status());
    JsonObject globex =
        service.http(TestService.GLOBEX_ALL).get("/v1/triggers").json().getJsonObject("triggers");
    assertTrue(globex.getJsonObject("first_purchase").getBoolean("enabled"));
    assertFalse(globex.getJsonObject("churn_risk_crossed").getBoolean("enabled"));
    assertNull(http.get("/v1/triggers").json().getValue("unexpected"));
  }

  @Test
  void badTriggerSettingsStopTheStartNamingTheField() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ServingConfig.withOverrides(
                    Map.of(
                        "triggers",
                        Map.of(
                            "acme",
                            Map.of(
                                "churn_risk_crossed",
                                Map.of("threshold", 0.5, "rearm_below", 0.7))))));
    assertTrue(
        e.getMessage().contains("triggers.acme.churn_risk_crossed.rearm_below"), e.getMessage());
    e =
        assertThrows(
            ConfigException.class,
            () ->
                ServingConfig.withOverrides(
                    Map.of("triggers", Map.of("*", Map.of("welcome", Map.of())))));
    assertTrue(e.getMessage().contains("welcome"), e.getMessage());
    // The tenant map is read as for holdouts: a bad tenant id or a non-object is named.
    e =
        assertThrows(
            ConfigException.class,
            () ->
                ServingConfig.withOverrides(
                    Map.of("triggers", Map.of("Not A Tenant", Map.of(), "acme", 3))));
    assertTrue(e.getMessage().contains("triggers.Not A Tenant: 'Not A Tenant' is not a tenant id"));
    assertTrue(e.getMessage().contains("triggers.acme: expected an object"), e.getMessage());
    assertTrue(
        ServingConfig.defaults().triggers().forTenant("acme").enabled().isEmpty(),
        "every kind is off by default");
  }

  @Test
  void aFiringsBestRewardIsTheFirstOfTheRewardsRankingHeldOutOrNotAndLogsNoImpression() {
    RedisKeys globex = TestService.keys("globex");
    Http client = service.http(TestService.GLOBEX_ALL);
    for (String[] o :
        new String[][] {{"br-coffee", "discount", "coffee", "5"}, {"br-tea", "gift", "tea", "8"}}) {
      Http.Reply put =
          client.put(
              "/v1/offers/" + o[0],
              new JsonObject()
                  .put("kind", o[1])
                  .put("category", o[2])
                  .put("value", Integer.parseInt(o[3]))
                  .put("cost", 1)
                  .put("valid_from", "2024-06-01")
                  .put("valid_to", "2024-07-31")
                  .put("budget", 1000));
      assertTrue(put.status() == 200 || put.status() == 201, put.toString());
    }
    Holdout holdout = Holdout.of(0.5, "t16");
    java.util.Set<Boolean> groups = new java.util.HashSet<>();
    for (int i = 0; i < 8; i++) {
      String member = "br-" + i;
      long logged = service.jedis.xlen(globex.rankingLog());
      Http.Reply r =
          client.post("/v1/events", purchase("br-e-" + i, member, "2024-06-2" + i + "T10:00:00Z"));
      assertEquals(200, r.status(), r.toString());
      assertEquals(logged, service.jedis.xlen(globex.rankingLog()), "a firing is no impression");
      List<Map<String, String>> fired = firingsOf(globex, member);
      assertEquals(1, fired.size(), member + ": " + fired);
      groups.add(holdout.heldOut(member));
      JsonObject best = new JsonObject(fired.get(0).get("payload")).getJsonObject("best_reward");
      Http.Reply rewards = client.get("/v1/customers/" + member + "/rewards");
      assertEquals(200, rewards.status(), rewards.toString());
      JsonObject first = rewards.json().getJsonArray("rewards").getJsonObject(0);
      assertEquals(
          new JsonObject()
              .put("offer_id", first.getString("offer_id"))
              .put("kind", first.getString("kind"))
              .put("expected_value", first.getDouble("expected_value")),
          best,
          member + " (held out: " + holdout.heldOut(member) + ")");
    }
    assertEquals(java.util.Set.of(true, false), groups, "held-out members get it too");
  }

  @Test
  void aControlGroupMembersFiringIsRecordedHeldOut() {
    // globex holds half its members out: their firings are on the stream with held_out=true (the
    // webhooks never deliver them), the others' with false, by the same hash as reward issues.
    RedisKeys globex = TestService.keys("globex");
    Http client = service.http(TestService.GLOBEX_ALL);
    Holdout holdout = Holdout.of(0.5, "t16");
    int held = 0;
    for (int i = 0; i < 12; i++) {
      String member = "ho-" + i;
      Http.Reply r =
          client.post("/v1/events", purchase("ho-e-" + i, member, "2024-06-28T10:00:00Z"));
      assertEquals(200, r.status(), r.toString());
      List<Map<String, String>> fired = firingsOf(globex, member);
      assertEquals(1, fired.size(), member + ": " + fired);
      boolean expected = holdout.heldOut(member);
      held += expected ? 1 : 0;
      assertEquals(String.valueOf(expected), fired.get(0).get("held_out"), member);
    }
    assertTrue(held > 0 && held < 12, "both groups among the members: " + held);
  }
}
