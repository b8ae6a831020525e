package dev.treue.serving.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.serving.offers.IssueApiTestAccess;
import dev.treue.store.MemberReader;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.Tuple;

/**
 * {@code DELETE /v1/customers/{id}} must leave nothing in Redis that names the member: every key of
 * the tenant is enumerated and every value read after the erase.
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
