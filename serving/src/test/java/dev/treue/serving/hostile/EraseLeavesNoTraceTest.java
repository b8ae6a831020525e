package dev.treue.serving.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.treue.core.trigger.Firing;
import dev.treue.core.trigger.TriggerKind;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.serving.offers.IssueApiTestAccess;
import dev.treue.store.MemberReader;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.Tuple;

/**
 * {@code DELETE /v1/customers/{id}} must leave nothing in Redis that names the member: every key of
 * the tenant is enumerated and every value read after the erase, with the member's trigger
 * firings (stream entries and their index, outbox, claims) and webhook deliveries made to exist
 * first.
 */
class EraseLeavesNoTraceTest {
  private static final RedisKeys ACME = TestService.keys("acme");
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    service = TestService.shared();
    http = service.http();
    JsonObject body =
        new JsonObject()
            .put("kind", "discount")
            .put("category", "coffee")
            .put("value", 5)
            .put("cost", 1)
            .put("budget", 100)
            .put("valid_from", "2024-06-01")
            .put("valid_to", "2024-07-31")
            .put("per_customer_cap", 3)
            .put("channels", new JsonArray().add("app"));
    Http.Reply r = http.put("/v1/offers/wipe-offer", body);
    assertTrue(r.status() == 200 || r.status() == 201, r.toString());
  }

  private static Http.Reply issue(String member, String requestId) {
    return http.post(
        "/v1/customers/" + member + "/offers/wipe-offer:issue",
        new JsonObject().put("request_id", requestId));
  }

  private static JsonObject purchase(String eventId, String member) {
    return new JsonObject()
        .put("event_id", eventId)
        .put("customer_id", member)
        .put("ts", "2024-06-29T10:00:00Z")
        .put("type", "purchase")
        .put("amount", 12)
        .put("category", "coffee")
        .put("channel", "app");
  }

  /** Every place the text occurs in the tenant's keys and values, as "key: where". */
  static List<String> traces(UnifiedJedis jedis, RedisKeys keys, String text) {
    List<String> found = new ArrayList<>();
    String prefix =
        RedisKeys.DEFAULT_NAMESPACE + ":" + RedisKeys.SCHEMA + ":{" + keys.tenant() + ":";
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page =
          jedis.scan(cursor, new ScanParams().match(prefix + "*").count(1000));
      for (String key : page.getResult()) {
        if (key.contains(text)) {
          found.add(key + ": key name");
        }
        String type = jedis.type(key);
        switch (type) {
          case "string" -> {
            byte[] v = jedis.get(key.getBytes(StandardCharsets.UTF_8));
            if (v != null && new String(v, StandardCharsets.ISO_8859_1).contains(text)) {
              found.add(key + ": value");
            }
          }
          case "hash" ->
              jedis
                  .hgetAll(key)
                  .forEach(
                      (f, v) -> {
                        if (f.contains(text) || v.contains(text)) {
                          found.add(key + ": field " + f);
                        }
                      });
          case "set" ->
              jedis.smembers(key).stream()
                  .filter(m -> m.contains(text))
                  .forEach(m -> found.add(key + ": member " + m));
          case "zset" -> {
            for (Tuple t : jedis.zrangeWithScores(key, 0, -1)) {
              if (t.getElement().contains(text)) {
                found.add(key + ": zset member " + t.getElement());
              }
            }
          }
          case "list" ->
              jedis.lrange(key, 0, -1).stream()
                  .filter(m -> m.contains(text))
                  .forEach(m -> found.add(key + ": list item " + m));
          case "stream" -> {
            for (StreamEntry e : jedis.xrange(key, "-", "+")) {
              for (Map.Entry<String, String> f : e.getFields().entrySet()) {
                if (f.getKey().contains(text) || f.getValue().contains(text)) {
                  found.add(key + ": stream entry " + e.getID() + " " + f.getKey());
                }
              }
            }
          }
          default -> {}
        }
      }
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return found;
  }

  @Test
  void afterEraseNoKeyOrValueOfTheTenantNamesTheMember() {
    String id = "wipe-m7q";
    IssueApiTestAccess.member(service.jedis, ACME, id, "silver", 300);
    assertEquals(200, http.post("/v1/events", purchase("wipe-e1", id)).status());
    assertEquals(201, issue(id, "wipe-req-1").status());
    assertEquals(200, http.get("/v1/customers/" + id + "/rewards?channel=app").status());
    assertEquals(200, http.get("/v1/customers/" + id + "/churn-risk").status());
    assertFalse(traces(service.jedis, ACME, id).isEmpty(), "the member is stored before the erase");
    assertTrue(
        traces(service.jedis, ACME, id).contains(ACME.memberIndexOf(id) + ": member " + id),
        "the member is in the tenant's member index");

    assertEquals(200, http.delete("/v1/customers/" + id).status());
    assertEquals(List.of(), traces(service.jedis, ACME, id));

    Http.Reply repeat = issue(id, "wipe-req-1");
    assertTrue(repeat.status() == 409 || repeat.status() == 410, repeat.toString());
    assertEquals(
        404,
        http.get("/v1/customers/" + id + "/export").status(),
        "a repeated request brings nothing back");
    assertEquals(List.of(), traces(service.jedis, ACME, id));
  }

  @Test
  void afterEraseNoFiringIndexOutboxClaimOrWebhookDeliveryOfTheMemberIsLeft() throws Exception {
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    AtomicInteger received = new AtomicInteger();
    receiver.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          received.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    JsonObject on = new JsonObject().put("enabled", true);
    try (TestService own =
        TestService.start(
            new JsonObject()
                .put(
                    "triggers",
                    new JsonObject()
                        .put(
                            "*",
                            new JsonObject().put("first_purchase", on).put("became_lapsed", on)))
                .put("trigger_sweep_interval", "PT0.2S")
                .put("trigger_relay_interval", "PT0.2S")
                .put("webhook_allow_private_targets", true)
                .put("webhook_poll_interval", "PT0.05S"))) {
      Http client = own.http();
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      Http.Reply sub =
          client.post(
              "/v1/webhooks",
              new JsonObject()
                  .put("url", url)
                  .put("triggers", new JsonArray().add("first_purchase").add("became_lapsed")));
      assertEquals(201, sub.status(), sub.toString());
      String id = "wipe-fired-x4";
      // A first purchase (fired in the request) that lapsed on 2024-06-27 (fired by the sweep).
      JsonObject lapsed = purchase("wipe-f1", id).put("ts", "2023-06-28T10:00:00Z");
      assertEquals(200, client.post("/v1/events", lapsed).status());
      long deadline = System.nanoTime() + 15_000_000_000L;
      while ((received.get() < 2 || firings(own.jedis, id) < 2) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(2, firings(own.jedis, id), "first_purchase and became_lapsed on the stream");
      assertEquals(2, received.get(), "both delivered");
      // And a firing a stopped relay left in the outbox.
      Firing left =
          new Firing(
              "first_purchase:" + id + ":r9.0",
              TriggerKind.FIRST_PURCHASE,
              id,
              Instant.EPOCH,
              false,
              "{}");
      own.jedis.hset(ACME.memberOutbox(id), left.firingId(), left.encode());
      own.jedis.sadd(ACME.triggerOutboxMembers(), id);
      // Everything the test must see gone exists before the erase.
      assertTrue(own.jedis.exists(ACME.triggerMemberFirings(id)), "stream index");
      assertTrue(own.jedis.exists(ACME.memberOutbox(id)), "outbox");
      assertTrue(own.jedis.exists(ACME.memberTriggerClaims(id)), "time-driven claims");
      assertEquals(2, own.jedis.scard(ACME.webhookMemberDeliveries(id)), "webhook deliveries");

      assertEquals(200, client.delete("/v1/customers/" + id).status());
      assertEquals(List.of(), traces(own.jedis, ACME, id));
      assertEquals(0, firings(own.jedis, id));
      Thread.sleep(600); // sweeps and relays after the erase bring nothing back
      assertEquals(List.of(), traces(own.jedis, ACME, id));
    } finally {
      receiver.stop(0);
    }
  }

  /** The member's entries on the tenant's trigger stream. */
  private static long firings(UnifiedJedis jedis, String id) {
    return jedis.xrange(ACME.triggerStream(), "-", "+").stream()
        .filter(e -> id.equals(e.getFields().get("customer_id")))
        .count();
  }

  @Test
  void anErasedOptedOutMemberIsStillNotProfiled() {
    String id = "wipe-optout-k2";
    service.jedis.set(ACME.memberOptOut(id), "1");
    assertEquals(200, http.delete("/v1/customers/" + id).status());
    assertEquals(List.of(), traces(service.jedis, ACME, id));

    Http.Reply event = http.post("/v1/events", purchase("wipe-e2", id));
    assertEquals(200, event.status(), event.toString());
    assertEquals(
        "not_stored",
        event.json().getJsonArray("results").getJsonObject(0).getString("status"),
        event.toString());
    assertFalse(
        new MemberReader(service.jedis).read(ACME, id).known(), "no state was built for them");
    assertEquals(409, http.get("/v1/customers/" + id + "/churn-risk").status());
    assertEquals(409, http.get("/v1/customers/" + id + "/rewards").status());
    assertEquals(409, issue(id, "wipe-req-2").status());
  }

  @Test
  void rankingsOfUnknownMembersAreNotLogged() {
    String id = "made-up-zz9";
    assertEquals(200, http.get("/v1/customers/" + id + "/rewards").status());
    assertEquals(
        List.of(),
        traces(service.jedis, ACME, id),
        "no ranking-log entry for a member with no state");
  }
}
