package dev.treue.serving.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * Every id field of every endpoint (path and query parameters, body fields, the tenant header) against
 * a table of Unicode edge cases: a trailing line break of each kind, NUL, BOM, a lone surrogate,
 * combining marks, an RTL override, too long, empty. Each must be answered 400 problem+json naming
 * the field, and change nothing in Redis (a batch refused in part writes none of its events).
 */
class IdEdgeCaseTest {
  private static final String MEMBER_LONG = "m".repeat(65);
  private static final String EVENT_LONG = "e".repeat(129);

  /** Edge cases: label, and how a valid id is spoiled (null base = the value replaces the id). */
  private static final Map<String, Function<String, String>> CASES = new LinkedHashMap<>();

  static {
    CASES.put("trailing \\n", id -> id + "\n");
    CASES.put("trailing \\r\\n", id -> id + "\r\n");
    CASES.put("trailing \\r", id -> id + "\r");
    CASES.put("trailing U+2028", id -> id + "\u2028");
    CASES.put("trailing U+2029", id -> id + "\u2029");
    CASES.put("trailing U+0085", id -> id + "\u0085");
    CASES.put("trailing NUL", id -> id + "\u0000");
    CASES.put("leading BOM", id -> "\uFEFF" + id);
    CASES.put("trailing BOM", id -> id + "\uFEFF");
    CASES.put("lone surrogate", id -> id + "\ud800");
    CASES.put("combining mark", id -> id + "e\u0301");
    CASES.put("RTL override", id -> "\u202E" + id);
    CASES.put("inner tab", id -> id.substring(0, 2) + "\t" + id.substring(2));
    CASES.put("too long", id -> null);
    CASES.put("empty", id -> "");
  }

  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    service = TestService.shared();
    http = service.http();
    http.put(
        "/v1/offers/idcase-offer",
        new JsonObject()
            .put("kind", "discount")
            .put("value", 5)
            .put("cost", 1)
            .put("valid_from", "2024-06-01")
            .put("valid_to", "2024-07-31"));
  }

  /** One id field of one endpoint: the field name the problem must give, and how to send a value. */
  private record Probe(
      String field, String validId, String tooLong, Function<String, Http.Reply> send) {}

  private static List<Probe> probes() {
    List<Probe> p = new ArrayList<>();
    // Body fields.
    p.add(
        new Probe("customer_id", "idc-m1", MEMBER_LONG, v -> postEvents(event("idc-e1", v, null))));
    p.add(new Probe("event_id", "idc-e1", EVENT_LONG, v -> postEvents(event(v, "idc-m1", null))));
    p.add(
        new Probe(
            "offer_id", "idc-o1", MEMBER_LONG, v -> postEvents(event("idc-e1", "idc-m1", v))));
    // The first event is valid and for a member nobody else writes: it must not be stored either.
    p.add(
        new Probe(
            "events[1].customer_id",
            "idc-m2",
            MEMBER_LONG,
            v ->
                postEvents(
                    "{\"events\":["
                        + event("idc-b1", "idc-batch-first", null)
                        + ","
                        + event("idc-b2", v, null)
                        + "]}")));
    p.add(
        new Probe(
            "events[1].event_id",
            "idc-b2",
            EVENT_LONG,
            v ->
                postEvents(
                    "{\"events\":["
                        + event("idc-b1", "idc-batch-first", null)
                        + ","
                        + event(v, "idc-m2", null)
                        + "]}")));
    p.add(
        new Probe(
            "customer_ids[1]",
            "c0000001",
            MEMBER_LONG,
            v ->
                http.post(
                    "/v1/churn-risk:batch", "{\"customer_ids\":[\"c0000002\"," + json(v) + "]}")));
    p.add(
        new Probe(
            "request_id",
            "idc-r1",
            EVENT_LONG,
            v ->
                http.post(
                    "/v1/customers/idc-m1/offers/idcase-offer:issue",
                    "{\"request_id\":" + json(v) + "}")));
    p.add(
        new Probe(
            "offer_id",
            "idcase-offer",
            MEMBER_LONG,
            v ->
                http.send(
                    "PUT",
                    "/v1/offers/idcase-offer",
                    "application/json",
                    ("{\"offer_id\":"
                            + json(v)
                            + ",\"kind\":\"discount\",\"value\":5,\"cost\":1,"
                            + "\"valid_from\":\"2024-06-01\",\"valid_to\":\"2024-07-31\"}")
                        .getBytes(StandardCharsets.UTF_8),
                    null)));
    // Path parameters (an empty segment is another path, so "empty" is not a path case).
    p.add(
        new Probe(
            "id",
            "idc-m1",
            MEMBER_LONG,
            v -> http.get("/v1/customers/" + path(v) + "/churn-risk")));
    p.add(
        new Probe(
            "id", "idc-m1", MEMBER_LONG, v -> http.get("/v1/customers/" + path(v) + "/features")));
    p.add(
        new Probe(
            "id", "idc-m1", MEMBER_LONG, v -> http.get("/v1/customers/" + path(v) + "/export")));
    p.add(
        new Probe(
            "id", "idc-m1", MEMBER_LONG, v -> http.get("/v1/customers/" + path(v) + "/rewards")));
    p.add(new Probe("id", "idc-m1", MEMBER_LONG, v -> http.delete("/v1/customers/" + path(v))));
    p.add(
        new Probe(
            "offerId",
            "idc-o2",
            MEMBER_LONG,
            v ->
                http.put(
                    "/v1/offers/" + path(v),
                    new JsonObject()
                        .put("kind", "discount")
                        .put("value", 5)
                        .put("cost", 1)
                        .put("valid_from", "2024-06-01")
                        .put("valid_to", "2024-07-31"))));
    p.add(
        new Probe(
            "offerId",
            "idcase-offer",
            MEMBER_LONG,
            v -> http.post("/v1/offers/" + path(v) + ":retire", "")));
    p.add(
        new Probe(
            "id",
            "idc-m1",
            MEMBER_LONG,
            v ->
                http.post(
                    "/v1/customers/" + path(v) + "/offers/idcase-offer:issue",
                    "{\"request_id\":\"idc-r2\"}")));
    p.add(
        new Probe(
            "offerId",
            "idcase-offer",
            MEMBER_LONG,
            v ->
                http.post(
                    "/v1/customers/idc-m1/offers/" + path(v) + ":issue",
                    "{\"request_id\":\"idc-r3\"}")));
    // Query parameters.
    p.add(
        new Probe(
            "segment", "seg1", "s".repeat(65), v -> http.get("/v1/at-risk?segment=" + path(v))));
    p.add(
        new Probe(
            "cursor", "abc", "c".repeat(201), v -> http.get("/v1/at-risk?cursor=" + path(v))));
    p.add(
        new Probe(
            "channel",
            "app",
            "a".repeat(33),
            v -> http.get("/v1/customers/idc-m1/rewards?channel=" + path(v))));
    return p;
  }

  @Test
  void everyIdFieldRefusesEveryEdgeCaseNamingTheFieldAndWritesNothing() {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Probe probe : probes()) {
      boolean isPath = probe.field().equals("id") || probe.field().equals("offerId");
      for (Map.Entry<String, Function<String, String>> c : CASES.entrySet()) {
        if (isPath && c.getKey().equals("empty")) {
          continue;
        }
        String value = c.getValue().apply(probe.validId());
        value = value == null ? probe.tooLong() : value;
        Map<String, String> before = dump(service.jedis);
        Http.Reply r = probe.send().apply(value);
        checked++;
        String where = probe.field() + " with " + c.getKey() + ": ";
        if (r.status() != 400 || !r.contentType().startsWith("application/problem+json")) {
          failures.add(where + r);
          continue;
        }
        JsonArray errors = r.json().getJsonArray("errors");
        boolean named =
            errors != null
                && errors.stream()
                    .anyMatch(e -> probe.field().equals(((JsonObject) e).getString("field")));
        if (!named) {
          failures.add(where + "the problem does not name " + probe.field() + ": " + r);
        }
        if (!before.equals(dump(service.jedis))) {
          failures.add(where + "Redis changed although the request was refused");
        }
      }
    }
    assertTrue(checked > 250, "probes run: " + checked);
    assertEquals(List.of(), failures, failures.size() + " of " + checked + " cases failed");
  }

  @Test
  void aTenantHeaderThatIsNoTenantNameIsRefusedNamingTheHeader() {
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Function<String, String>> c : CASES.entrySet()) {
      String value = c.getValue().apply("acme");
      value = value == null ? "a".repeat(33) : value;
      if (value.contains("\n")
          || value.contains("\r")
          || value.contains("\u0000")
          || value.isEmpty()) {
        // Not a header value: line breaks end the header, HTTP refuses NUL before any route
        // (FrontDoorLeakTest), and an empty header is no tenant.
        continue;
      }
      try (FrontDoorSocket s = new FrontDoorSocket(service.server.port())) {
        String answer =
            s.send(
                    ("GET /v1/customers/idc-m1/churn-risk HTTP/1.1\r\nHost: x\r\nX-Api-Key: "
                            + TestService.ACME_ALL
                            + "\r\nX-Tenant: "
                            + value
                            + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8))
                .readAll(5_000);
        String body = FrontDoorSocket.body(answer);
        if (FrontDoorSocket.status(answer) != 400
            || !answer.contains("application/problem+json")
            || !body.contains("\"field\":\"X-Tenant\"")) {
          failures.add(c.getKey() + ": " + answer);
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void aValidIdIsStillAcceptedEverywhere() {
    assertEquals(200, postEvents(event("idc-ok-1", "idc-ok", "idc-o1")).status());
    assertEquals(
        200,
        http.post("/v1/churn-risk:batch", "{\"customer_ids\":[\"idc-ok\",\"c0000001\"]}").status());
    assertEquals(200, http.get("/v1/customers/idc-ok/churn-risk", "X-Tenant", "acme").status());
  }

  private static Http.Reply postEvents(String body) {
    return http.post("/v1/events", body);
  }

  private static String event(String eventId, String member, String offerId) {
    return "{\"event_id\":"
        + json(eventId)
        + ",\"customer_id\":"
        + json(member)
        + ",\"ts\":\"2024-06-01T10:00:00Z\",\"type\":\"purchase\",\"amount\":5"
        + (offerId == null ? "" : ",\"offer_id\":" + json(offerId))
        + "}";
  }

  /** A JSON string with every non-ASCII or control character escaped (so a lone surrogate stays one). */
  static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** Percent-encoding of every byte that is not unreserved; a lone surrogate as its CESU-8 bytes. */
  static String path(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_')) {
        b.append(c);
        continue;
      }
      byte[] bytes =
          Character.isSurrogate(c)
              ? new byte[] {(byte) 0xED, (byte) (0xA0 | (c >> 6) & 0x0F), (byte) (0x80 | c & 0x3F)}
              : String.valueOf(c).getBytes(StandardCharsets.UTF_8);
      for (byte x : bytes) {
        b.append('%').append(String.format("%02X", x & 0xFF));
      }
    }
    return b.toString();
  }

  /** Every key and its serialised value. */
  static Map<String, String> dump(UnifiedJedis jedis) {
    Map<String, String> out = new TreeMap<>();
    for (String key : jedis.keys("*")) {
      byte[] value = jedis.dump(key);
      out.put(key, value == null ? "" : Base64.getEncoder().encodeToString(value));
    }
    return out;
  }
}
