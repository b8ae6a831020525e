package dev.treue.serving.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * 12,000 random and mutated requests over every endpoint (bad JSON, odd and huge ids, wrong types,
 * wrong media types, wrong methods, bad keys and tenants): never a 5xx, every error is problem+json,
 * and Redis changes only for members whose events were accepted or who were erased with a 2xx; a
 * rejected request changes nothing (all keys and values are dumped before and after).
 */
class RequestFuzzTest {
  private static final int REQUESTS = 12_000;
  private static final String[] KEYS = {
    TestService.FUZZ_ALL,
    TestService.FUZZ_ALL,
    TestService.FUZZ_ALL,
    TestService.ACME_SCORE,
    "wrong-key",
    null
  };
  private static final String[] TENANTS = {"fuzz", "acme", null, null, null};
  private static final String[] METHODS = {"GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS"};
  private static final String[] TYPES = {
    "purchase",
    "return",
    "points_earned",
    "points_redeemed",
    "points_expired",
    "offer_sent",
    "offer_viewed",
    "offer_redeemed",
    "app_session",
    "email_open",
    "tier_change",
    "teleport",
    "",
    "PURCHASE"
  };

  @Test
  void randomAndMutatedRequestsNeverBreakTheServiceNorChangeRedisWhenRejected() throws Exception {
    TestService service = TestService.shared();
    // Give the fuzz tenant something to find, read and erase.
    service
        .http(TestService.FUZZ_ALL)
        .post("/v1/events", validEvent(new SplittableRandom(1), "f1"));
    Map<String, String> before = dump(service.jedis);
    Set<String> changedMembers = ConcurrentHashMap.newKeySet();
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  SplittableRandom rnd = new SplittableRandom(1_000 + thread);
                  for (int i = thread; i < REQUESTS; i += threads) {
                    fire(service, rnd, changedMembers, statuses, failures);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertTrue(
        failures.isEmpty(),
        failures.size()
            + " bad answers, first: "
            + failures.subList(0, Math.min(5, failures.size())));
    Map<String, String> after = dump(service.jedis);
    List<String> unexplained = new ArrayList<>();
    Set<String> allKeys = new java.util.TreeSet<>(before.keySet());
    allKeys.addAll(after.keySet());
    for (String k : allKeys) {
      if (!java.util.Objects.equals(before.get(k), after.get(k))
          && changedMembers.stream().noneMatch(m -> touches(k, m))) {
        unexplained.add(k);
      }
    }
    assertEquals(List.of(), unexplained, "Redis entries changed by rejected requests");
    int total = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
    assertEquals(REQUESTS, total);
    assertTrue(
        statuses.keySet().stream().anyMatch(s -> s >= 200 && s < 300),
        "some requests succeed: " + statuses);
    System.out.println(
        "fuzz: "
            + REQUESTS
            + " requests in "
            + seconds
            + " s, statuses "
            + new TreeMap<>(statuses));
  }

  private static void fire(
      TestService service,
      SplittableRandom rnd,
      Set<String> changed,
      Map<Integer, AtomicInteger> statuses,
      List<String> failures) {
    String key = KEYS[rnd.nextInt(KEYS.length)];
    String tenant = rnd.nextInt(4) == 0 ? TENANTS[rnd.nextInt(TENANTS.length)] : null;
    Http http = service.http(key);
    String id = memberId(rnd);
    String method;
    String path;
    String contentType = null;
    byte[] body = null;
    int kind = rnd.nextInt(10);
    switch (kind) {
      case 0, 1 -> {
        method = "GET";
        path = "/v1/customers/" + id + "/churn-risk" + maybeQuery(rnd);
      }
      case 2 -> {
        method = "POST";
        path = "/v1/churn-risk:batch";
        contentType = contentType(rnd);
        body = batchBody(rnd);
      }
      case 3, 4, 5 -> {
        method = "POST";
        path = "/v1/events";
        contentType = contentType(rnd);
        body = eventsBody(rnd);
      }
      case 6 -> {
        method = "GET";
        path = "/v1/at-risk" + atRiskQuery(rnd);
      }
      case 7 -> {
        method = "GET";
        path =
            "/v1/customers/" + id + (rnd.nextBoolean() ? "/features" : "/export") + maybeQuery(rnd);
      }
      case 8 -> {
        method = rnd.nextBoolean() ? "DELETE" : "GET";
        path = rnd.nextBoolean() ? "/v1/customers/" + id : "/v1/models";
      }
      default -> {
        method = METHODS[rnd.nextInt(METHODS.length)];
        String[] paths = {
          "/v1/customers/" + id + "/churn-risk",
          "/v1/churn-risk:batch",
          "/v1/events",
          "/v1/at-risk",
          "/v1/admin/models:reload",
          "/v1/models",
          "/v1/nothing",
          "/v1/customers/" + id + "/export",
          "/health/ready",
          "/v1/churn-risk:batchx",
          "/v1//events",
          "/v1/customers/%zz/churn-risk",
          "/v1/customers/a/b/c"
        };
        path = paths[rnd.nextInt(paths.length)];
        if (rnd.nextBoolean()) {
          contentType = contentType(rnd);
          body = rnd.nextBoolean() ? eventsBody(rnd) : randomBytes(rnd);
        }
      }
    }
    Http.Reply r;
    try {
      // Java's client refuses malformed escapes; such requests go over a plain socket.
      r =
          path.contains("%zz")
              ? raw(service.server.port(), method, path, key)
              : http.send(method, path, contentType, body, tenant);
    } catch (RuntimeException e) {
      failures.add(method + " " + path + " -> exception " + e);
      return;
    }
    statuses.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
    if (r.status() >= 500) {
      String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      failures.add(
          method + " " + path + " " + text.substring(0, Math.min(200, text.length())) + " -> " + r);
    } else if (r.status() >= 400 && !r.contentType().equals("application/problem+json")) {
      failures.add(method + " " + path + " -> " + r.status() + " without problem+json: " + r);
    }
    if (r.status() >= 200
        && r.status() < 300
        && (method.equals("POST") || method.equals("DELETE"))) {
      String t = TestService.ACME_SCORE.equals(key) ? "acme" : "fuzz";
      if (path.equals("/v1/events")) {
        JsonObject answer = new JsonObject(r.body());
        for (Object o : answer.getJsonArray("results")) {
          changed.add(t + ":" + ((JsonObject) o).getString("customer_id"));
        }
      } else if (method.equals("DELETE")) {
        String member = path.substring("/v1/customers/".length());
        changed.add(t + ":" + member);
      }
    }
  }

  /** True when the dumped entry belongs to the member ({@code tenant:id}): their keys or list entries. */
  private static boolean touches(String entry, String member) {
    String tenant = member.substring(0, member.indexOf(':'));
    String id = member.substring(member.indexOf(':') + 1);
    return entry.contains("{" + member + "}")
        || (entry.contains("{" + tenant + ":@atrisk}:")
                || entry.contains("{" + tenant + ":@members:"))
            && entry.endsWith("|" + id);
  }

  private static Http.Reply raw(int port, String method, String path, String key) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      String request =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
              + (key == null ? "" : "X-Api-Key: " + key + "\r\n")
              + "Content-Length: 0\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      String type =
          response
              .lines()
              .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
              .map(l -> l.substring(13).trim())
              .findFirst()
              .orElse("");
      int bodyAt = response.indexOf("\r\n\r\n");
      return new Http.Reply(status, type, bodyAt < 0 ? "" : response.substring(bodyAt + 4));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String memberId(SplittableRandom rnd) {
    return switch (rnd.nextInt(12)) {
      case 0 -> "";
      case 1 -> "x".repeat(65 + rnd.nextInt(300));
      case 2 -> "%C3%A9l%C3%A8ve";
      case 3 -> "..%2F..%2Fetc";
      case 4 -> "a%00b";
      case 5 -> "a:b";
      case 6 -> "%7Bfuzz%3Af1%7D";
      case 7 -> "-leading-dash";
      case 8 -> "sp%20ace";
      default -> "f" + rnd.nextInt(20);
    };
  }

  private static String maybeQuery(SplittableRandom rnd) {
    return switch (rnd.nextInt(6)) {
      case 0 -> "?as_of=" + (rnd.nextBoolean() ? "2024-06-30" : "2024-13-45");
      case 1 -> "?as_of=yesterday&as_of=today";
      case 2 -> "?unknown=1";
      default -> "";
    };
  }

  private static String atRiskQuery(SplittableRandom rnd) {
    String[] parts = {
      "min_probability=" + (rnd.nextBoolean() ? "0.5" : rnd.nextBoolean() ? "-1" : "abc"),
      "limit=" + (rnd.nextBoolean() ? "10" : rnd.nextBoolean() ? "0" : "99999999999"),
      "tier=" + (rnd.nextBoolean() ? "gold" : "diamond"),
      "segment=" + (rnd.nextBoolean() ? "family" : "%00%01"),
      "cursor=" + (rnd.nextBoolean() ? "djE6MC41OjM" : "!!"),
      "bogus=1"
    };
    StringBuilder q = new StringBuilder();
    for (String p : parts) {
      if (rnd.nextInt(3) == 0) {
        q.append(q.length() == 0 ? "?" : "&").append(p);
      }
    }
    return q.toString();
  }

  private static String contentType(SplittableRandom rnd) {
    String[] types = {
      "application/json",
      "application/json",
      "application/json; charset=utf-8",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      null,
      "application/jsonx"
    };
    return types[rnd.nextInt(types.length)];
  }

  static JsonObject validEvent(SplittableRandom rnd, String member) {
    return new JsonObject()
        .put("event_id", "fz-" + rnd.nextInt(1_000))
        .put("customer_id", member)
        .put("ts", "2024-06-" + String.format("%02d", 1 + rnd.nextInt(29)) + "T10:00:00Z")
        .put("type", TYPES[rnd.nextInt(11)])
        .put("amount", rnd.nextInt(100))
        .put("points", rnd.nextInt(100));
  }

  private static JsonObject mutated(SplittableRandom rnd) {
    JsonObject e = validEvent(rnd, "f" + rnd.nextInt(20));
    int mutations = rnd.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      String field =
          List.of(
                  "event_id",
                  "customer_id",
                  "ts",
                  "type",
                  "amount",
                  "points",
                  "category",
                  "offer_id",
                  "channel",
                  "extra")
              .get(rnd.nextInt(10));
      Object value =
          switch (rnd.nextInt(12)) {
            case 0 -> null;
            case 1 -> "x".repeat(rnd.nextInt(500));
            case 2 -> -rnd.nextInt(1_000);
            case 3 -> 1e300;
            case 4 -> new JsonArray().add(1);
            case 5 -> new JsonObject().put("a", 1);
            case 6 -> rnd.nextBoolean();
            case 7 -> "2024-06-01T10:00:00";
            case 8 -> "2099-01-01T00:00:00Z";
            case 9 -> TYPES[rnd.nextInt(TYPES.length)];
            case 10 -> 1.5;
            default -> "\u0000\u202e\uD83D\uDE00";
          };
      if (value == null && rnd.nextBoolean()) {
        e.remove(field);
      } else {
        e.put(field, value);
      }
    }
    return e;
  }

  private static byte[] eventsBody(SplittableRandom rnd) {
    String text =
        switch (rnd.nextInt(8)) {
          case 0 -> mutated(rnd).encode();
          case 1, 2 -> {
            JsonArray list = new JsonArray();
            int n = rnd.nextInt(5) == 0 ? 1_001 : 1 + rnd.nextInt(5);
            for (int i = 0; i < n; i++) {
              list.add(rnd.nextInt(4) == 0 ? mutated(rnd) : validEvent(rnd, "f" + rnd.nextInt(20)));
            }
            yield new JsonObject().put("events", list).encode();
          }
          case 3 -> validEvent(rnd, "f" + rnd.nextInt(20)).encode();
          case 4 -> {
            String valid = mutated(rnd).encode();
            yield valid.substring(0, rnd.nextInt(valid.length()));
          }
          case 5 ->
              new JsonObject().put("events", rnd.nextBoolean() ? "nope" : new JsonArray()).encode();
          case 6 -> rnd.nextBoolean() ? "null" : "[" + mutated(rnd).encode() + "]";
          default -> new String(randomBytes(rnd), StandardCharsets.ISO_8859_1);
        };
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] batchBody(SplittableRandom rnd) {
    JsonArray ids = new JsonArray();
    int n = rnd.nextInt(6) == 0 ? 1_001 : rnd.nextInt(10);
    for (int i = 0; i < n; i++) {
      ids.add(
          switch (rnd.nextInt(8)) {
            case 0 -> 42;
            case 1 -> "bad id";
            case 2 -> "";
            default -> "f" + rnd.nextInt(30);
          });
    }
    JsonObject body = new JsonObject().put(rnd.nextInt(8) == 0 ? "ids" : "customer_ids", ids);
    if (rnd.nextInt(8) == 0) {
      body.put("customer_ids", "f1");
    }
    return body.encode().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] randomBytes(SplittableRandom rnd) {
    byte[] b = new byte[rnd.nextInt(300)];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) rnd.nextInt(256);
    }
    return b;
  }

  /** Every key and value (hash, set and sorted-set members one by one), as text. */
  static Map<String, String> dump(UnifiedJedis jedis) {
    Map<String, String> out = new TreeMap<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(1_000));
      for (String key : page.getResult()) {
        switch (jedis.type(key)) {
          case "string" ->
              out.put(
                  key,
                  java.util.HexFormat.of()
                      .formatHex(jedis.get(key.getBytes(StandardCharsets.UTF_8))));
          case "set" -> jedis.smembers(key).forEach(m -> out.put(key + "|" + m, "1"));
          case "hash" -> jedis.hgetAll(key).forEach((f, v) -> out.put(key + "|" + f, v));
          case "zset" ->
              jedis
                  .zrangeWithScores(key, 0, -1)
                  .forEach(t -> out.put(key + "|" + t.getElement(), Double.toString(t.getScore())));
          default -> out.put(key, jedis.type(key));
        }
      }
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return out;
  }
}
