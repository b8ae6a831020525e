package dev.treue.serving.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.MemberReader;
import dev.treue.store.MemberRecords;
import dev.treue.store.RedisKeys;
import dev.treue.store.StoredMember;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The events API: validation, atomic idempotent folding, rescoring, concurrency. */
class EventsApiTest {
  private static final RedisKeys ACME = TestService.keys("acme");
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    service = TestService.shared();
    http = service.http();
  }

  static JsonObject purchase(String eventId, String member, String ts, double amount) {
    return new JsonObject()
        .put("event_id", eventId)
        .put("customer_id", member)
        .put("ts", ts)
        .put("type", "purchase")
        .put("amount", amount)
        .put("category", "coffee")
        .put("channel", "app");
  }

  private static StoredMember read(String id) {
    return new MemberReader(service.jedis).read(ACME, id);
  }

  @Test
  void oneEventIsFoldedAndTheNextScoreReflectsIt() {
    JsonObject before = http.get("/v1/customers/ev-one/churn-risk").json();
    assertTrue(before.getBoolean("cold_start"));
    Http.Reply r =
        http.post("/v1/events", purchase("ev-one-1", "ev-one", "2024-06-29T10:00:00+02:00", 25));
    assertEquals(200, r.status(), r.toString());
    assertEquals(1, r.json().getInteger("accepted"));
    assertEquals("accepted", r.json().getJsonArray("results").getJsonObject(0).getString("status"));
    JsonObject after = http.get("/v1/customers/ev-one/churn-risk").json();
    assertFalse(after.getBoolean("cold_start"), after.encode());
    assertEquals("2024-06-29T08:00:00Z", after.getString("state_as_of"));
    assertEquals(1, read("ev-one").customerState().purchases());
    String row = service.jedis.hget(ACME.atRiskRows(), "ev-one");
    assertNotNull(row, "the at-risk entry is written after the event");
    assertEquals(
        after.getDouble("churn_probability"), AtRiskEntry.decode(row).probability(), 1e-12);
    assertEquals(
        after.getDouble("churn_probability"),
        service.jedis.zscore(ACME.atRiskScores(), "ev-one"),
        1e-12);
  }

  @Test
  void aRepeatedEventIdIsAcceptedButNotCountedAgain() {
    JsonObject batch =
        new JsonObject()
            .put(
                "events",
                new JsonArray()
                    .add(purchase("dup-1", "ev-dup", "2024-06-01T10:00:00Z", 10))
                    .add(purchase("dup-2", "ev-dup", "2024-06-02T10:00:00Z", 10))
                    .add(purchase("dup-1", "ev-dup", "2024-06-01T10:00:00Z", 10)));
    JsonObject first = http.post("/v1/events", batch).json();
    assertEquals(2, first.getInteger("accepted"));
    assertEquals(1, first.getInteger("duplicate"));
    JsonObject again = http.post("/v1/events", batch).json();
    assertEquals(0, again.getInteger("accepted"));
    assertEquals(3, again.getInteger("duplicate"));
    assertEquals(2, read("ev-dup").customerState().purchases());
  }

  @Test
  void aBatchWithOneInvalidEventIsRejectedWholeAndChangesNothing() {
    JsonObject batch =
        new JsonObject()
            .put(
                "events",
                new JsonArray()
                    .add(purchase("bad-1", "ev-bad", "2024-06-01T10:00:00Z", 10))
                    .add(
                        purchase("bad-2", "ev-bad", "2024-06-01T10:00:00Z", 10)
                            .put("type", "teleport"))
                    .add(purchase("bad-3", "ev-bad", "2024-06-01T10:00:00", 10))
                    .add(purchase("bad-4", "ev-bad", "2031-01-01T10:00:00Z", 10)));
    Http.Reply r = http.post("/v1/events", batch);
    assertEquals(400, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType());
    JsonArray errors = r.json().getJsonArray("errors");
    assertEquals("events[1].type", errors.getJsonObject(0).getString("field"), r.toString());
    assertTrue(errors.getJsonObject(0).getString("problem").contains("purchase"), r.toString());
    assertFalse(read("ev-bad").known(), "nothing stored");

    // The schema passes; the importer's rules (offset, not in the future) still apply.
    Http.Reply semantic =
        http.post(
            "/v1/events",
            new JsonObject()
                .put(
                    "events",
                    new JsonArray()
                        .add(purchase("bad-1", "ev-bad", "2024-06-01T10:00:00Z", 10))
                        .add(purchase("bad-3", "ev-bad", "2024-06-01T10:00:00", 10))
                        .add(purchase("bad-4", "ev-bad", "2031-01-01T10:00:00Z", 10))));
    assertEquals(400, semantic.status(), semantic.toString());
    JsonArray semanticErrors = semantic.json().getJsonArray("errors");
    assertEquals(
        "events[1].ts", semanticErrors.getJsonObject(0).getString("field"), semantic.toString());
    assertTrue(
        semanticErrors.getJsonObject(0).getString("problem").contains("offset"),
        semantic.toString());
    assertEquals("events[2].ts", semanticErrors.getJsonObject(1).getString("field"));
    assertTrue(semanticErrors.getJsonObject(1).getString("problem").contains("future"));
    assertFalse(read("ev-bad").known(), "nothing stored");
  }

  @Test
  void wrongTypesAndUnknownFieldsNameTheField() {
    Http.Reply amount =
        http.post(
            "/v1/events",
            purchase("t-1", "ev-types", "2024-06-01T10:00:00Z", 1).put("amount", "twelve"));
    assertEquals(400, amount.status());
    assertEquals(
        "amount",
        amount.json().getJsonArray("errors").getJsonObject(0).getString("field"),
        amount.toString());
    Http.Reply extra =
        http.post(
            "/v1/events", purchase("t-2", "ev-types", "2024-06-01T10:00:00Z", 1).put("colour", 3));
    assertEquals(400, extra.status(), extra.toString());
    assertEquals(
        "colour",
        extra.json().getJsonArray("errors").getJsonObject(0).getString("field"),
        extra.toString());
    assertTrue(extra.json().getString("detail").contains("unknown property"), extra.toString());
    Http.Reply kind =
        http.post(
            "/v1/events",
            purchase("t-5", "ev-types", "2024-06-01T10:00:00Z", 1).put("type", "teleport"));
    assertEquals(400, kind.status());
    assertEquals(
        1, kind.json().getJsonArray("errors").size(), "one problem for one wrong field: " + kind);
    assertEquals(
        "type",
        kind.json().getJsonArray("errors").getJsonObject(0).getString("field"),
        kind.toString());
    Http.Reply missing = http.post("/v1/events", new JsonObject().put("event_id", "t-3"));
    assertEquals(400, missing.status());
    assertTrue(missing.json().getString("detail").contains("customer_id"), missing.toString());
    Http.Reply points =
        http.post(
            "/v1/events",
            purchase("t-4", "ev-types", "2024-06-01T10:00:00Z", 1).put("points", 1.5));
    assertEquals(400, points.status());
    assertEquals(
        "points",
        points.json().getJsonArray("errors").getJsonObject(0).getString("field"),
        points.toString());
  }

  @Test
  void malformedJsonAndOtherMediaTypesAreRefused() {
    Http.Reply broken = http.post("/v1/events", "{\"event_id\": ");
    assertEquals(400, broken.status(), broken.toString());
    assertTrue(broken.json().getString("detail").contains("not valid JSON"), broken.toString());
    Http.Reply array = http.post("/v1/events", "[1,2]");
    assertEquals(400, array.status());
    Http.Reply text = http.send("POST", "/v1/events", "text/plain", "hello".getBytes(), null);
    assertEquals(415, text.status(), text.toString());
    Http.Reply big = http.post("/v1/events", "{\"events\":[" + "1,".repeat(200_000) + "1]}");
    assertEquals(413, big.status(), big.toString());
    assertEquals("application/problem+json", big.contentType());
  }

  @Test
  void eventsBeforeTheBatchCoverageAreReportedCoveredAndNotFolded() {
    dev.treue.serving.scoring.ChurnRiskApiTestAccess.batchLoad("ev-covered", 10, 0);
    long purchases = read("ev-covered").customerState().purchases();
    JsonObject r =
        http.post(
                "/v1/events",
                new JsonObject()
                    .put(
                        "events",
                        new JsonArray()
                            .add(purchase("cov-1", "ev-covered", "2024-06-20T10:00:00Z", 5))
                            .add(purchase("cov-2", "ev-covered", "2024-06-30T10:00:00Z", 5))))
            .json();
    assertEquals(1, r.getInteger("covered"), r.encode());
    assertEquals(1, r.getInteger("accepted"));
    assertEquals(purchases + 1, read("ev-covered").customerState().purchases());
  }

  @Test
  void eventsOfAnOptedOutMemberAreAcknowledgedButNotStored() {
    new MemberRecords(service.jedis).optOut(ACME, "ev-private");
    JsonObject r =
        http.post("/v1/events", purchase("p-1", "ev-private", "2024-06-01T10:00:00Z", 5)).json();
    assertEquals(1, r.getInteger("not_stored"), r.encode());
    assertFalse(read("ev-private").known());
    assertFalse(service.jedis.exists(ACME.memberEvents("ev-private")));
    assertEquals(null, service.jedis.zscore(ACME.atRiskScores(), "ev-private"));
  }

  @Test
  void concurrentPostsForOneMemberLoseNothingAndCountNothingTwice() throws Exception {
    int threads = 12;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<int[]>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  int accepted = 0;
                  int duplicate = 0;
                  for (int i = 0; i < perThread; i++) {
                    // Threads pair up on the same ids: every event is posted twice, concurrently.
                    String id = "hot-" + (thread / 2) + "-" + i;
                    String ts = "2024-06-" + String.format("%02d", 1 + i) + "T10:00:00Z";
                    JsonObject r = http.post("/v1/events", purchase(id, "ev-hot", ts, 1)).json();
                    accepted += r.getInteger("accepted");
                    duplicate += r.getInteger("duplicate");
                  }
                  return new int[] {accepted, duplicate};
                }));
      }
      int accepted = 0;
      int duplicate = 0;
      for (Future<int[]> f : futures) {
        accepted += f.get()[0];
        duplicate += f.get()[1];
      }
      int distinct = threads / 2 * perThread;
      assertEquals(distinct, accepted);
      assertEquals(distinct, duplicate);
      assertEquals(distinct, read("ev-hot").customerState().purchases());
      assertEquals(
          Math.min(distinct, dev.treue.core.customer.WindowedState.WINDOW_EVENTS),
          read("ev-hot").state().window().window().size(),
          "seen ids are the window's");
    } finally {
      pool.shutdownNow();
    }
  }
}
