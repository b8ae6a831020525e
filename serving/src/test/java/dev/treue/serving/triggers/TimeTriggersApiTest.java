package dev.treue.serving.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.trigger.Holdout;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Time-driven triggers through the service's sweep ({@code trigger_sweep_interval}): members whose
 * points expire soon or who just lapsed fire once however often the sweep runs, with the churn
 * payload, and a control-group member's firing is recorded held out. The service clock is
 * 2024-06-30.
 */
class TimeTriggersApiTest {
  private static final RedisKeys ACME = TestService.keys("acme");
  private static final RedisKeys GLOBEX = TestService.keys("globex");
  private static final Holdout GLOBEX_HOLDOUT = Holdout.of(0.5, "t16s");
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    JsonObject on = new JsonObject().put("enabled", true);
    service =
        TestService.start(
            new JsonObject()
                .put(
                    "triggers",
                    new JsonObject()
                        .put(
                            "*",
                            new JsonObject()
                                .put("points_expiring", on.copy().put("within_days", 30))
                                .put("became_lapsed", on)))
                .put("trigger_sweep_interval", "PT0.2S")
                // The relay sweep races the trigger sweep's own relays: still one entry per firing.
                .put("trigger_relay_interval", "PT0.1S")
                .put(
                    "holdouts",
                    new JsonObject()
                        .put("globex", new JsonObject().put("share", 0.5).put("salt", "t16s"))));
    http = service.http();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static JsonObject event(String id, String member, String ts, String type, int points) {
    JsonObject e =
        new JsonObject()
            .put("event_id", id)
            .put("customer_id", member)
            .put("ts", ts)
            .put("type", type)
            .put("channel", "app");
    if (type.equals("purchase")) {
      e.put("amount", 30).put("category", "coffee");
    } else {
      e.put("points", points);
    }
    return e;
  }

  private static List<Map<String, String>> firingsOf(RedisKeys keys, String member) {
    return TriggerStreams.firingsOf(service.jedis, keys, member);
  }

  private static List<Map<String, String>> awaitFirings(RedisKeys keys, String member, int n)
      throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (firingsOf(keys, member).size() < n && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return firingsOf(keys, member);
  }

  @Test
  void getTriggersShowsTheSweepAndRelayIntervals() {
    Http.Reply r = http.get("/v1/triggers");
    assertEquals(200, r.status(), r.toString());
    assertEquals("PT0.2S", r.json().getString("sweep_interval"));
    assertEquals("PT0.1S", r.json().getString("relay_interval"));
  }

  @Test
  void pointsExpiringAndBecameLapsedFireOnceAcrossManySweeps() throws InterruptedException {
    // Points earned on 2023-07-20 expire on 2024-07-19: within 30 days of 2024-06-30.
    assertEquals(
        200,
        http.post("/v1/events", event("tt-p-1", "tt-p", "2023-07-20T10:00:00Z", "purchase", 0))
            .status());
    assertEquals(
        200,
        http.post(
                "/v1/events", event("tt-p-2", "tt-p", "2023-07-20T10:05:00Z", "points_earned", 120))
            .status());
    // Last purchase on 2023-06-28: lapsed since 2024-06-27 under a 365-day window.
    assertEquals(
        200,
        http.post("/v1/events", event("tt-l-1", "tt-l", "2023-06-28T10:00:00Z", "purchase", 0))
            .status());

    List<Map<String, String>> points = awaitFirings(ACME, "tt-p", 1);
    List<Map<String, String>> lapsed = awaitFirings(ACME, "tt-l", 1);
    Thread.sleep(1_000); // several more sweeps
    points = firingsOf(ACME, "tt-p");
    lapsed = firingsOf(ACME, "tt-l");
    assertEquals(1, points.size(), points.toString());
    assertEquals("points_expiring", points.get(0).get("kind"));
    assertEquals("points_expiring:tt-p:d" + (19_558 + 365), points.get(0).get("firing_id"));
    assertEquals("false", points.get(0).get("held_out"));
    JsonObject payload = new JsonObject(points.get(0).get("payload"));
    assertEquals(120, payload.getInteger("points_expiring"));
    assertEquals("2024-07-19", payload.getString("expires_on"));
    assertTrue(payload.containsKey("churn_probability") && payload.containsKey("best_reward"));

    assertEquals(1, lapsed.size(), lapsed.toString());
    assertEquals("became_lapsed", lapsed.get(0).get("kind"));
    assertEquals(
        "lapsed", new JsonObject(lapsed.get(0).get("payload")).getString("status"), "the payload");
    assertEquals(0, service.jedis.hlen(ACME.memberOutbox("tt-p")));
  }

  @Test
  void aControlGroupMembersTimeDrivenFiringIsRecordedHeldOut() throws InterruptedException {
    String member = null;
    for (int i = 0; member == null; i++) {
      if (GLOBEX_HOLDOUT.heldOut("tt-h" + i)) {
        member = "tt-h" + i;
      }
    }
    assertEquals(
        200,
        service
            .http(TestService.GLOBEX_ALL)
            .post("/v1/events", event("tt-h-1", member, "2023-06-28T10:00:00Z", "purchase", 0))
            .status());
    List<Map<String, String>> fired = awaitFirings(GLOBEX, member, 1);
    assertEquals(1, fired.size(), fired.toString());
    assertEquals("became_lapsed", fired.get(0).get("kind"));
    assertEquals("true", fired.get(0).get("held_out"));
  }
}
