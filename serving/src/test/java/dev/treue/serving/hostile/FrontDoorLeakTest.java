package dev.treue.serving.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestModels;
import dev.treue.serving.TestService;
import dev.treue.store.EmbeddedRedis;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the front door tells a client: no file paths, Redis addresses or Jackson internals in any
 * answer (they go to the log); duplicate JSON keys, several tenant headers and non-integral points
 * refused naming the field; integral points written as floats accepted exactly; malformed, too long
 * and too large requests answered as problem details.
 */
class FrontDoorLeakTest {
  private static final List<String> JACKSON =
      List.of(
          "com.fasterxml",
          "jackson",
          "Jackson",
          "[Source:",
          "StreamReadFeature",
          "DecodeException");

  private static void assertNoLeak(String body, String... secrets) {
    for (String s : secrets) {
      assertFalse(body.contains(s), "the answer shows '" + s + "': " + body);
    }
    for (String s : JACKSON) {
      assertFalse(body.contains(s), "the answer shows Jackson internals '" + s + "': " + body);
    }
  }

  @Test
  void modelAnswersShowNoRegistryPath() throws Exception {
    Path empty = Files.createTempDirectory("treue-empty-registry");
    try (TestService service = TestService.start(new JsonObject())) {
      Http http = service.http();
      String registry = service.registry.toString();
      Http.Reply models = http.get("/v1/models");
      assertEquals(200, models.status());
      assertNoLeak(models.body(), registry, service.registry.toAbsolutePath().toString());

      TestModels.writeBrokenVersion(service.registry, "20240602-000000-bbbbbb");
      TestModels.promote(service.registry, "20240602-000000-bbbbbb");
      Http.Reply broken = http.post("/v1/admin/models:reload", "");
      assertEquals(422, broken.status(), broken.toString());
      assertNoLeak(broken.body(), registry);
      assertTrue(
          broken.json().getString("detail").contains("20240602-000000-bbbbbb"),
          "still says which: " + broken);

      Path badMetrics = TestModels.writeVersion(service.registry, "20240603-000000-cccccc");
      Files.writeString(
          badMetrics.resolve("metrics.json"), "{\"base_rate\": 0.2, \"base_rate\": oops}");
      TestModels.promote(service.registry, "20240603-000000-cccccc");
      Http.Reply unreadable = http.post("/v1/admin/models:reload", "");
      assertEquals(422, unreadable.status(), unreadable.toString());
      assertNoLeak(unreadable.body(), registry);
      Http.Reply after = http.get("/v1/models");
      assertNoLeak(after.body(), registry);
    }
    try (TestService service =
        TestService.start(new JsonObject().put("registry", empty.toString()), false)) {
      Http.Reply none = service.http().get("/v1/customers/c1/churn-risk");
      assertEquals(503, none.status(), none.toString());
      assertNoLeak(none.body(), empty.toString());
      Http.Reply ready = service.http().as(null).get("/health/ready");
      assertEquals(503, ready.status());
      assertNoLeak(ready.body(), empty.toString());
      assertNoLeak(service.http().get("/v1/models").body(), empty.toString());
    } finally {
      TestModels.delete(empty);
    }
  }

  @Test
  void redisOutageAnswersShowNoRedisAddress() {
    EmbeddedRedis redis = EmbeddedRedis.start(0);
    try (TestService service =
        TestService.start(
            new JsonObject().put("redis_url", redis.url()).put("redis_timeout", "PT0.3S"))) {
      String address = redis.url().replaceFirst("^redis://", "").replaceFirst("/.*$", "");
      String port = address.substring(address.lastIndexOf(':') + 1);
      redis.stop();
      List<Http.Reply> replies = new ArrayList<>();
      replies.add(service.http().get("/v1/customers/c1/churn-risk"));
      replies.add(service.http().post("/v1/churn-risk:batch", "{\"customer_ids\":[\"c1\"]}"));
      replies.add(
          service
              .http()
              .post(
                  "/v1/events",
                  new JsonObject()
                      .put("event_id", "l-e")
                      .put("customer_id", "l-1")
                      .put("ts", "2024-06-01T00:00:00Z")
                      .put("type", "app_session")));
      replies.add(service.http().as(null).get("/health/ready"));
      for (Http.Reply r : replies) {
        assertEquals(503, r.status(), r.toString());
        assertNoLeak(r.body(), address, ":" + port);
      }
    } finally {
      redis.close();
    }
  }

  @Test
  void duplicateJsonKeysAreRefusedNamingTheKey() {
    Http http = TestService.shared().http();
    String event =
        "{\"event_id\":\"dup-k-1\",\"customer_id\":\"dup-k\",\"customer_id\":\"dup-other\","
            + "\"ts\":\"2024-06-01T10:00:00Z\",\"type\":\"purchase\",\"amount\":5}";
    List<Http.Reply> replies =
        List.of(
            http.post("/v1/events", event),
            http.post("/v1/events", "{\"events\":[" + event + "]}"),
            http.post(
                "/v1/churn-risk:batch", "{\"customer_ids\":[\"a\"],\"customer_ids\":[\"b\"]}"),
            http.post(
                "/v1/customers/dup-k/offers/o1:issue",
                "{\"request_id\":\"r1\",\"request_id\":\"r2\"}"));
    for (Http.Reply r : replies) {
      assertEquals(400, r.status(), r.toString());
      assertEquals("application/problem+json", r.contentType());
      assertTrue(
          r.body().contains("duplicate")
              && (r.body().contains("customer_id")
                  || r.body().contains("customer_ids")
                  || r.body().contains("request_id")),
          "names the key: " + r);
      assertNoLeak(r.body());
    }
    assertEquals(null, TestService.shared().jedis.get("nothing"), "sanity");
  }

  @Test
  void integralPointsWrittenAsFloatsAreExactAndFractionsAreRefused() {
    Http http = TestService.shared().http();
    for (String points : List.of("1e15", "15.0", "1.5e1", "1000000000000000.0")) {
      String member = "pts-" + points.replace('.', '_').replace('+', '_');
      Http.Reply r =
          http.post(
              "/v1/events",
              "{\"event_id\":\""
                  + member
                  + "-1\",\"customer_id\":\""
                  + member
                  + "\",\"ts\":\"2024-06-01T10:00:00Z\",\"type\":\"points_earned\",\"points\":"
                  + points
                  + "}");
      assertEquals(200, r.status(), points + ": " + r);
      long expected = new java.math.BigDecimal(points).longValueExact();
      assertEquals(
          expected,
          new dev.treue.store.MemberReader(TestService.shared().jedis)
              .read(TestService.keys("acme"), member)
              .customerState()
              .pointsBalance(),
          points);
    }
    // Exponents beyond what an exact decimal holds are a 400 on the body, not a 500.
    for (String amount : List.of("1e-2147483649", "0e-99999999999", "1e2147483648")) {
      Http.Reply r =
          http.post(
              "/v1/events",
              "{\"event_id\":\"amt-x\",\"customer_id\":\"amt-x\","
                  + "\"ts\":\"2024-06-01T10:00:00Z\",\"type\":\"purchase\",\"amount\":"
                  + amount
                  + "}");
      assertEquals(400, r.status(), amount + ": " + r);
    }
    for (String points : List.of("1.5", "1e-1", "1e16", "-1.0")) {
      Http.Reply r =
          http.post(
              "/v1/events",
              "{\"event_id\":\"pts-bad\",\"customer_id\":\"pts-bad\","
                  + "\"ts\":\"2024-06-01T10:00:00Z\",\"type\":\"points_earned\",\"points\":"
                  + points
                  + "}");
      assertEquals(400, r.status(), points + ": " + r);
      assertTrue(r.body().contains("\"field\":\"points\""), points + ": " + r);
    }
  }

  @Test
  void severalTenantHeadersAreRefused() {
    try (FrontDoorSocket s = new FrontDoorSocket(TestService.shared().server.port())) {
      String answer =
          s.send(
                  "GET /v1/customers/c1/churn-risk HTTP/1.1\r\nHost: x\r\nX-Api-Key: "
                      + TestService.ACME_ALL
                      + "\r\nX-Tenant: acme\r\nX-Tenant: globex\r\nConnection: close\r\n\r\n")
              .readAll(5_000);
      assertEquals(400, FrontDoorSocket.status(answer), answer);
      assertTrue(FrontDoorSocket.body(answer).contains("\"field\":\"X-Tenant\""), answer);
    }
  }

  @Test
  void malformedTooLongAndTooLargeRequestsAreProblemDetails() {
    int port = TestService.shared().server.port();
    String[][] cases = {
      {"414", "GET /v1/" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"431", "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"},
      {"400", "GET /health/live HTTP/1.1\r\nHost: x\r\nBad Header\u0000: y\r\n\r\n"},
      {"400", "\u0001\u0002garbage\r\n\r\n"},
    };
    for (String[] c : cases) {
      try (FrontDoorSocket s = new FrontDoorSocket(port)) {
        String answer = s.send(c[1]).readAll(3_000);
        assertEquals(Integer.parseInt(c[0]), FrontDoorSocket.status(answer), answer);
        assertTrue(answer.contains("application/problem+json"), answer);
        JsonObject problem = new JsonObject(FrontDoorSocket.body(answer));
        assertEquals(Integer.parseInt(c[0]), problem.getInteger("status"));
        assertTrue(s.closedWithin(2_000), "closed after a malformed request");
      }
    }
  }
}
