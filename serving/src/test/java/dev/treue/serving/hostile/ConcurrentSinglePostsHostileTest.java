package dev.treue.serving.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.MemberReader;
import dev.treue.store.RedisKeys;
import dev.treue.store.StoredMember;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;

/**
 * Issue 17: many clients posting single events at once, as a till network does. Every post is
 * answered (no contention 503 for a busy member), every event counted once in each tenant, and an
 * event id posted by two clients at once is accepted once and reported duplicate once.
 */
class ConcurrentSinglePostsHostileTest {
  private static final RedisKeys ACME = TestService.keys("acme");
  private static final RedisKeys GLOBEX = TestService.keys("globex");
  private static final int CLIENTS = 48;
  private static final int POSTS = 12;
  private static final int MEMBERS = 6;
  private static TestService service;
  private static Http acme;
  private static Http globex;

  @BeforeAll
  static void start() {
    service = TestService.shared();
    acme = service.http();
    globex = acme.as(TestService.GLOBEX_ALL);
  }

  private static JsonObject purchase(String id, String member, int day, int cents) {
    return new JsonObject()
        .put("event_id", id)
        .put("customer_id", member)
        .put("ts", String.format("2024-06-%02dT10:%02d:00Z", day, cents % 60))
        .put("type", "purchase")
        .put("amount", cents / 100.0)
        .put("category", "coffee")
        .put("channel", "app");
  }

  private static StoredMember read(RedisKeys keys, String id) {
    return new MemberReader(service.jedis).read(keys, id);
  }

  @Test
  void aCrowdPostingAFewMembersIsAnsweredAndCountedOncePerTenant() throws Exception {
    // What each tenant's members must end with: distinct ids, their cents, and the posts.
    Map<String, Long> purchases = new HashMap<>();
    Map<String, Long> cents = new HashMap<>();
    Map<String, Integer> posts = new HashMap<>();
    Set<String> ids = new HashSet<>();
    for (int client = 0; client < CLIENTS; client++) {
      for (int i = 0; i < POSTS; i++) {
        String tenant = tenantOf(client);
        posts.merge(tenant, 1, Integer::sum);
        if (ids.add(tenant + "/" + id(client, i))) {
          purchases.merge(tenant + "/" + member(i), 1L, Long::sum);
          cents.merge(tenant + "/" + member(i), (long) cents(client, i), Long::sum);
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<Map<String, Integer>>> futures = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        futures.add(
            pool.submit(
                () -> {
                  Map<String, Integer> counts = new HashMap<>();
                  String tenant = tenantOf(client);
                  Http http = tenant.equals("globex") ? globex : acme;
                  for (int i = 0; i < POSTS; i++) {
                    Http.Reply r =
                        http.post(
                            "/v1/events",
                            purchase(id(client, i), member(i), 1 + i, cents(client, i)));
                    if (r.status() != 200) {
                      counts.merge("answered " + r.status() + " " + r.body(), 1, Integer::sum);
                      continue;
                    }
                    counts.merge(
                        tenant + " accepted", r.json().getInteger("accepted"), Integer::sum);
                    counts.merge(
                        tenant + " duplicate", r.json().getInteger("duplicate"), Integer::sum);
                  }
                  return counts;
                }));
      }
      Map<String, Integer> total = new HashMap<>();
      for (Future<Map<String, Integer>> f : futures) {
        f.get().forEach((k, v) -> total.merge(k, v, Integer::sum));
      }
      for (String tenant : List.of("acme", "globex")) {
        long distinct = ids.stream().filter(id -> id.startsWith(tenant + "/")).count();
        assertEquals(
            posts.get(tenant),
            total.get(tenant + " accepted") + total.get(tenant + " duplicate"),
            total.toString());
        assertEquals(
            (int) distinct, total.get(tenant + " accepted"), "each id accepted once: " + total);
        RedisKeys keys = tenant.equals("acme") ? ACME : GLOBEX;
        for (int m = 0; m < MEMBERS; m++) {
          String member = "crowd-" + m;
          CustomerState state = read(keys, member).customerState();
          assertEquals(
              purchases.get(tenant + "/" + member), state.purchases(), tenant + " " + member);
          assertEquals(
              cents.get(tenant + "/" + member),
              Math.round(state.spend() * 100),
              tenant + " " + member);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentSinglePostsShareTheirRedisRoundTrips() throws Exception {
    for (int m = 0; m < CLIENTS; m++) {
      // Known members: a first post indexes them, which costs calls of its own.
      assertEquals(
          200, acme.post("/v1/events", purchase("rt-" + m + "-a", "rt-" + m, 1, 100)).status());
    }
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      long before = readsProcessed();
      // Redis holds every command for a moment, as a busy Redis does: the posts meanwhile wait
      // together, and are folded together once it answers.
      service.jedis.sendCommand(Protocol.Command.CLIENT, "PAUSE", "200", "ALL");
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int m = 0; m < CLIENTS; m++) {
        String member = "rt-" + m;
        statuses.add(
            pool.submit(
                () -> {
                  go.await();
                  return acme.post("/v1/events", purchase(member + "-b", member, 2, 100)).status();
                }));
      }
      go.countDown();
      for (Future<Integer> f : statuses) {
        assertEquals(200, f.get());
      }
      long reads = readsProcessed() - before;
      // Each post alone costs two round trips (its read, its revision-checked write): together,
      // the posts that waited share them.
      assertTrue(reads < CLIENTS, reads + " reads for " + CLIENTS + " posts");
      for (int m = 0; m < CLIENTS; m++) {
        assertEquals(2, read(ACME, "rt-" + m).customerState().purchases());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Socket reads Redis has processed: one per round trip of a connection, whatever it carries. */
  private static long readsProcessed() {
    String info = service.jedis.info("stats");
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("total_reads_processed:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    throw new AssertionError("no total_reads_processed in INFO stats");
  }

  /** Clients pair up on ids: every id is posted by two clients at the same time. */
  private static String id(int client, int i) {
    return "crowd-" + (client / 2) + "-" + i;
  }

  /** A third of the clients post as globex, the same ids and member names as acme's. */
  private static String tenantOf(int client) {
    return client % 3 == 0 ? "globex" : "acme";
  }

  /** A few busy members, each with fewer events than the lateness window holds. */
  private static String member(int i) {
    return "crowd-" + (i % MEMBERS);
  }

  private static int cents(int client, int i) {
    return 100 + (client / 2) * POSTS + i;
  }
}
