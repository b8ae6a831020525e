package dev.treue.serving.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that hold connections open: bodies without a key that never finish, half-sent headers,
 * slow bodies with a key, bodies declared too large, and more bodies at once than the body budget
 * holds. The key is checked before a body is read, slow connections are closed within the
 * configured read timeout, buffered bodies stay within the budget, and a good client is answered
 * throughout. Runs its own service with short timeouts.
 */
class SlowClientTest {
  private static final int BODY_LIMIT = 262_144;
  private static final int READ_TIMEOUT_MS = 1_000;

  /** The read timeout, the guard's sweep and a loaded 2-core machine's scheduling. */
  private static final int CLOSE_WITHIN_MS = READ_TIMEOUT_MS + 2_500;

  private static TestService service;
  private static ExecutorService pool;

  @BeforeAll
  static void start() {
    service =
        TestService.start(
            new JsonObject()
                .put("body_limit_bytes", BODY_LIMIT)
                .put("body_budget_bytes", 4 * BODY_LIMIT)
                .put("request_read_timeout", "PT1S")
                .put("idle_timeout", "PT3S"));
    pool = Executors.newFixedThreadPool(32);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
    service.close();
  }

  private static String postHead(String key, long contentLength) {
    return "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + (key == null ? "" : "X-Api-Key: " + key + "\r\n")
        + "Content-Length: "
        + contentLength
        + "\r\n\r\n";
  }

  @Test
  void bodiesWithoutAKeyAreRefusedBeforeTheyAreReadAndTheServiceStaysUp() throws Exception {
    int connections = 300;
    List<FrontDoorSocket> sockets = new ArrayList<>();
    List<Future<String>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < connections; i++) {
        FrontDoorSocket s = new FrontDoorSocket(service.server.port());
        sockets.add(s);
        // 15/16 of a body at the limit, never the rest: what a slow or hostile client does.
        try {
          s.send(postHead(null, BODY_LIMIT)).send(new byte[BODY_LIMIT / 16 * 15]);
        } catch (RuntimeException e) {
          // the server may close before every byte is written: that is the point
        }
        answers.add(pool.submit(() -> s.readAll(CLOSE_WITHIN_MS)));
      }
      assertEquals(
          200, service.http().get("/health/live").status(), "a good client is answered meanwhile");
      int refused = 0;
      List<String> others = new ArrayList<>();
      for (Future<String> a : answers) {
        String answer = a.get(30, TimeUnit.SECONDS);
        if (FrontDoorSocket.status(answer) == 401 && answer.contains("application/problem+json")) {
          refused++;
        } else if (others.size() < 3) {
          others.add(
              answer.isEmpty()
                  ? "(no answer)"
                  : answer.substring(0, Math.min(300, answer.length())));
        }
      }
      assertEquals(
          connections,
          refused,
          "each is refused with 401 before its body is read; others: " + others);
      for (FrontDoorSocket s : sockets) {
        assertTrue(
            s.closedWithin(CLOSE_WITHIN_MS), "a refused connection with an unread body is closed");
      }
    } finally {
      sockets.forEach(FrontDoorSocket::close);
    }
    Http.Reply good =
        service
            .http()
            .onNewConnection()
            .post(
                "/v1/events",
                new JsonObject()
                    .put("event_id", "slow-ok-1")
                    .put("customer_id", "slow-ok")
                    .put("ts", "2024-06-01T10:00:00Z")
                    .put("type", "purchase")
                    .put("amount", 5));
    assertEquals(200, good.status(), good.toString());
  }

  @Test
  void halfSentHeadersAreClosedWithinTheReadTimeout() throws Exception {
    int connections = 500;
    List<FrontDoorSocket> sockets = new ArrayList<>();
    try {
      long start = System.nanoTime();
      for (int i = 0; i < connections; i++) {
        sockets.add(
            new FrontDoorSocket(service.server.port())
                .send("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Sl"));
      }
      // Connections that send nothing at all count too.
      for (int i = 0; i < 50; i++) {
        sockets.add(new FrontDoorSocket(service.server.port()));
      }
      assertEquals(
          200, service.http().get("/health/live").status(), "a good client is answered meanwhile");
      long opened = (System.nanoTime() - start) / 1_000_000;
      List<Future<Long>> closed = new ArrayList<>();
      for (FrontDoorSocket s : sockets) {
        closed.add(
            pool.submit(
                () -> {
                  long left = CLOSE_WITHIN_MS - (System.nanoTime() - start) / 1_000_000;
                  return s.closedWithin((int) Math.max(1, left))
                      ? (System.nanoTime() - start) / 1_000_000
                      : -1L;
                }));
      }
      int open = 0;
      long last = 0;
      for (Future<Long> c : closed) {
        long at = c.get(30, TimeUnit.SECONDS);
        open += at < 0 ? 1 : 0;
        last = Math.max(last, at);
      }
      assertEquals(0, open, "connections still open " + CLOSE_WITHIN_MS + " ms after they started");
      System.out.println(
          "SlowClientTest: "
              + sockets.size()
              + " slow connections opened in "
              + opened
              + " ms, the last closed "
              + last
              + " ms after the first opened (read timeout "
              + READ_TIMEOUT_MS
              + " ms)");
    } finally {
      sockets.forEach(FrontDoorSocket::close);
    }
    assertEquals(200, service.http().get("/health/live").status());
  }

  @Test
  void aSlowBodyWithAKeyIsAnswered408AndClosed() {
    try (FrontDoorSocket s = new FrontDoorSocket(service.server.port())) {
      long start = System.nanoTime();
      String answer =
          s.send(postHead(TestService.ACME_ALL, 1_000))
              .send("{\"event_id\":")
              .readAll(CLOSE_WITHIN_MS);
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertEquals(408, FrontDoorSocket.status(answer), answer);
      assertTrue(answer.contains("application/problem+json"), answer);
      assertTrue(
          tookMs >= READ_TIMEOUT_MS - 100 && tookMs < CLOSE_WITHIN_MS,
          "answered after " + tookMs + " ms");
      assertTrue(s.closedWithin(1_000));
    }
  }

  @Test
  void aDeclaredBodyOverTheLimitGets413BeforeAnyByteIsSent() {
    try (FrontDoorSocket s = new FrontDoorSocket(service.server.port())) {
      String answer =
          s.send(postHead(TestService.ACME_ALL, 1_073_741_824L)).readAll(READ_TIMEOUT_MS / 2);
      assertEquals(413, FrontDoorSocket.status(answer), answer);
      assertTrue(answer.contains("application/problem+json"), answer);
      assertTrue(FrontDoorSocket.body(answer).contains("262144"), "names the limit: " + answer);
    }
  }

  @Test
  void bodiesBeyondTheBudgetAre503WithRetryAfterUntilTheBudgetIsFreed() {
    List<FrontDoorSocket> holding = new ArrayList<>();
    try {
      // Four bodies at the limit fill the budget; each sends a little and waits.
      for (int i = 0; i < 4; i++) {
        holding.add(
            new FrontDoorSocket(service.server.port())
                .send(postHead(TestService.ACME_ALL, BODY_LIMIT))
                .send("{\"event_id\":"));
      }
      sleep(200);
      try (FrontDoorSocket s = new FrontDoorSocket(service.server.port())) {
        String body = "{\"customer_ids\":[\"c1\"]}";
        String answer =
            s.send(
                    "POST /v1/churn-risk:batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "X-Api-Key: "
                        + TestService.ACME_ALL
                        + "\r\nContent-Length: "
                        + body.length()
                        + "\r\n\r\n"
                        + body)
                .readAll(READ_TIMEOUT_MS / 2);
        assertEquals(503, FrontDoorSocket.status(answer), answer);
        assertTrue(
            answer.contains("application/problem+json") && answer.contains("Retry-After: "),
            answer);
      }
    } finally {
      holding.forEach(FrontDoorSocket::close);
    }
    sleep(300);
    Http.Reply after = service.http().post("/v1/churn-risk:batch", "{\"customer_ids\":[\"c1\"]}");
    assertEquals(200, after.status(), "the budget is freed when the holders go: " + after);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
