package dev.treue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferKind;
import dev.treue.store.OfferCatalogStore.FileLoad;
import dev.treue.store.OfferCatalogStore.LoadResult;
import dev.treue.store.OfferCatalogStore.PutResult;
import dev.treue.store.OfferCatalogStore.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** The offer catalogue in a real Redis: file loads (all or nothing), replace and retire, puts, budgets. */
class OfferCatalogStoreIT {
  private static final String HEADER =
      "offer_id,kind,category,value,cost,points_cost,min_tier,valid_from,valid_to,budget,per_customer_cap,channels";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-06-30T12:00:00Z"), ZoneOffset.UTC);

  private static RedisTestServers.Single redis;
  private static UnifiedJedis jedis;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    redis = RedisTestServers.single();
    jedis = RedisEndpoint.parse(redis.url()).connect(Duration.ofSeconds(5), 16);
  }

  @AfterAll
  static void stop() {
    jedis.close();
    redis.close();
  }

  private Path file(String name, String... rows) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, HEADER + "\n" + String.join("\n", rows) + "\n");
    return f;
  }

  private static Offer offer(String id, double cost, double budget) {
    return new Offer(
        id, OfferKind.DISCOUNT, "coffee", 5, cost, 0, 0, 19_000, 20_500, budget, 1, Set.of("app"));
  }

  @Test
  void theSampleLoadsWithBudgetsAndAgainChangesNothing() throws IOException {
    RedisKeys keys = RedisKeys.forTenant("cat-sample");
    OfferCatalogStore store = new OfferCatalogStore(jedis, keys, CLOCK);
    assertEquals(0, store.version());
    FileLoad first = store.loadFile(Path.of("..", "data", "sample", "offers.csv"), false);
    assertTrue(first.written());
    int n = first.file().offers().size();
    assertTrue(n >= 10, "sample offers " + n);
    assertEquals(new LoadResult(n, 0, 0, 0, 1), first.result());
    Snapshot snapshot = store.read();
    assertEquals(1, snapshot.version());
    assertEquals(n, snapshot.active().size());
    OfferBudgets budgets = new OfferBudgets(jedis, keys);
    for (Offer o : first.file().offers()) {
      assertTrue(
          StoredOffer.sameOffer(o, snapshot.find(o.offerId()).orElseThrow().offer()), o.offerId());
      assertEquals(
          OfferCatalogStore.cents(o.budget()),
          budgets.remaining(o.offerId()).getAsLong(),
          o.offerId());
    }
    FileLoad again = store.loadFile(Path.of("..", "data", "sample", "offers.csv"), false);
    assertEquals(
        new LoadResult(0, 0, n, 0, 1),
        again.result(),
        "an unchanged file leaves the version alone");
  }

  @Test
  void aFullReplaceRetiresWhatTheFileLeavesOutAndKeepsWhatWasSpent() throws IOException {
    RedisKeys keys = RedisKeys.forTenant("cat-replace");
    OfferCatalogStore store = new OfferCatalogStore(jedis, keys, CLOCK);
    store.loadFile(
        file(
            "a.csv",
            "o1,discount,coffee,5,2.50,,,2024-06-01,2024-07-31,100,1,app",
            "o2,gift,,10,4,,,2024-06-01,2024-07-31,,2,",
            "o3,bonus_points,books,3,1,200,silver,2024-06-01,2024-07-31,50,1,email|app"),
        false);
    OfferBudgets budgets = new OfferBudgets(jedis, keys);
    assertEquals(OfferBudgets.Outcome.GRANTED, budgets.issue("o1", "m1", "r1", 250, 1).outcome());
    assertEquals(
        OfferCatalogStore.UNLIMITED_CENTS,
        budgets.remaining("o2").getAsLong(),
        "no budget = no limit");

    FileLoad replace =
        store.loadFile(
            file(
                "b.csv",
                "o1,discount,coffee,5,2.50,,,2024-06-01,2024-07-31,200,1,app",
                "o4,experience,travel,50,30,,gold,2024-06-01,2024-08-31,3000,1,"),
            true);
    assertEquals(new LoadResult(1, 1, 0, 2, 2), replace.result());
    Snapshot s = store.read();
    assertEquals(List.of("o1", "o4"), s.active().stream().map(Offer::offerId).toList());
    StoredOffer o3 = s.find("o3").orElseThrow();
    assertFalse(o3.active(), "left out of the replace: retired, not deleted");
    assertEquals(CLOCK.millis(), o3.retiredAtMillis());
    assertEquals(
        200 * 100 - 250, budgets.remaining("o1").getAsLong(), "the new total, less what was spent");
    assertEquals(5_000, budgets.remaining("o3").getAsLong(), "retiring leaves the budget alone");
    assertEquals(
        java.util.Map.of("o1", 200L * 100 - 250, "o3", 5_000L),
        store.budgetsLeft(List.of("o1", "o3", "o9")));

    // Bringing a retired offer back with an upsert counts as a change.
    FileLoad back =
        store.loadFile(
            file(
                "c.csv",
                "o3,bonus_points,books,3,1,200,silver,2024-06-01,2024-07-31,50,1," + "email|app"),
            false);
    assertEquals(new LoadResult(0, 1, 0, 0, 3), back.result());
    assertTrue(store.read().find("o3").orElseThrow().active());
  }

  @Test
  void aFileWithRejectsWritesNothingAndSaysWhy() throws IOException {
    RedisKeys keys = RedisKeys.forTenant("cat-rejects");
    OfferCatalogStore store = new OfferCatalogStore(jedis, keys, CLOCK);
    store.loadFile(
        file("ok.csv", "o1,discount,coffee,5,2.50,,,2024-06-01,2024-07-31,100,1,app"), false);
    FileLoad bad =
        store.loadFile(
            file(
                "bad.csv",
                "o1,discount,coffee,5,2.50,,,2024-06-01,2024-07-31,999,1,app",
                "o2,coupon,coffee,5,2.50,,,2024-06-01,2024-07-31,100,1,app",
                "o3,discount,coffee,5,-1,,,2024-06-01,2024-07-31,100,1,app",
                "o4,discount,coffee,5,1,,,2024-06-01,2024-07-31,100,1,app",
                "o4,discount,coffee,5,1,,,2024-06-01,2024-07-31,100,1,app",
                "o:5,discount,coffee,5,1,,,2024-06-01,2024-07-31,100,1,app",
                "o6,discount,coffee,5,1,,,2024-06-01"),
            true);
    assertFalse(bad.written());
    List<String> reasons = bad.file().rejects().stream().map(OfferFile.Reject::toString).toList();
    assertEquals(5, reasons.size(), reasons.toString());
    assertTrue(reasons.get(0).startsWith("line 3: kind: expected one of discount"), reasons.get(0));
    assertTrue(reasons.get(1).startsWith("line 4: cost:"), reasons.get(1));
    assertEquals("line 6: offer_id: 'o4' repeats line 5; expected each offer once", reasons.get(2));
    assertTrue(
        reasons.get(3).startsWith("line 7: offer_id: 'o:5' cannot be a catalogue id"),
        reasons.get(3));
    assertTrue(reasons.get(4).startsWith("line 8: row has 8 fields; expected 12"), reasons.get(4));
    assertEquals(1, store.version(), "nothing written");
    assertEquals(List.of("o1"), store.read().active().stream().map(Offer::offerId).toList());
    OfferBudgets budgets = new OfferBudgets(jedis, keys);
    assertEquals(10_000, budgets.remaining("o1").getAsLong(), "budgets untouched too");
    assertTrue(budgets.remaining("o4").isEmpty());
    assertThrows(
        IllegalArgumentException.class,
        () -> store.loadFile(file("empty.csv"), true),
        "an empty replace would retire everything");
  }

  @Test
  void putAndRetireOneOffer() {
    RedisKeys keys = RedisKeys.forTenant("cat-put");
    OfferCatalogStore store = new OfferCatalogStore(jedis, keys, CLOCK);
    PutResult created = store.put(offer("p1", 2, 100));
    assertTrue(created.created());
    assertEquals(1, created.version());
    assertEquals(
        1, store.put(offer("p1", 2, 100)).version(), "the same offer again changes nothing");
    PutResult changed = store.put(offer("p1", 3, 100));
    assertFalse(changed.created());
    assertEquals(2, changed.version());
    assertEquals(3, store.read().find("p1").orElseThrow().offer().cost());
    StoredOffer retired = store.retire("p1").orElseThrow();
    assertFalse(retired.active());
    assertEquals(3, store.version());
    assertFalse(store.retire("p1").orElseThrow().active());
    assertEquals(3, store.version(), "retiring twice changes nothing");
    assertTrue(store.retire("nope").isEmpty());
    assertTrue(store.read().active().isEmpty());
    assertTrue(store.put(offer("p1", 3, 100)).entry().active(), "put again: active again");
    assertEquals(4, store.version());
  }

  @Test
  void concurrentChangesAreAllKeptAndEachCounted() throws Exception {
    RedisKeys keys = RedisKeys.forTenant("cat-race");
    OfferCatalogStore store = new OfferCatalogStore(jedis, keys, CLOCK);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<PutResult>> puts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = "r" + i;
      puts.add(pool.submit(() -> store.put(offer(id, 1, 10))));
    }
    for (Future<PutResult> f : puts) {
      assertTrue(f.get().created());
    }
    pool.shutdown();
    assertEquals(40, store.read().active().size());
    assertEquals(40, store.version(), "every change bumped the version once");
  }

  @Test
  void entriesSurviveAwkwardText() {
    Offer odd =
        new Offer(
            "x1",
            OfferKind.GIFT,
            "tea\tand\\coffee\nbeans",
            12.35,
            0.07,
            7,
            3,
            19_000,
            19_000,
            Double.POSITIVE_INFINITY,
            3,
            Set.of("sms", "app"));
    StoredOffer back = StoredOffer.decode(new StoredOffer(odd, 5, 6).encode());
    assertTrue(StoredOffer.sameOffer(odd, back.offer()));
    assertEquals(odd.value(), back.offer().value(), 0.0, "money round-trips exactly");
    assertEquals(5, back.retiredAtMillis());
    assertThrows(IllegalStateException.class, () -> StoredOffer.decode("o1\t0\t0\tx"));
    Offer subCent =
        new Offer(
            "x2", OfferKind.GIFT, null, 0.1 + 0.2, 1e-3, 0, 0, 19_000, 19_000, 1, 1, Set.of());
    assertThrows(
        IllegalStateException.class,
        () -> StoredOffer.decode(new StoredOffer(subCent, 0, 0).encode()),
        "money finer than a cent is never read back as an offer");
  }

  @Test
  void theCatalogueWorksOnACluster() throws IOException {
    try (RedisTestServers.Cluster cluster = RedisTestServers.cluster();
        UnifiedJedis c = RedisEndpoint.parse(cluster.url()).connect(Duration.ofSeconds(5), 8)) {
      RedisKeys keys = RedisKeys.forTenant("cat-cluster");
      OfferCatalogStore store = new OfferCatalogStore(c, keys, CLOCK);
      FileLoad load = store.loadFile(Path.of("..", "data", "sample", "offers.csv"), false);
      int n = load.file().offers().size();
      assertEquals(n, load.result().added());
      String first = load.file().offers().get(0).offerId();
      assertFalse(store.retire(first).orElseThrow().active());
      assertEquals(n - 1, store.read().active().size());
      assertEquals(2, store.version());
      OfferBudgets budgets = new OfferBudgets(c, keys);
      for (Offer o : load.file().offers()) {
        assertTrue(
            budgets.remaining(o.offerId()).isPresent(), "budget on its own slot: " + o.offerId());
      }
      assertEquals(
          n,
          store.budgetsLeft(load.file().offers().stream().map(Offer::offerId).toList()).size(),
          "one pipeline over every node");
      new MemberGrants(c).record(keys, "m1", first, 2);
      assertEquals(java.util.Map.of(first, 2), new MemberGrants(c).read(keys, "m1"));
      MemberReader.WithGrants both = new MemberReader(c).readWithGrants(keys, "m1");
      assertEquals(
          java.util.Map.of(first, 2),
          both.grants(),
          "state and grants in one pipeline on a cluster");
      assertFalse(both.member().known());
    }
  }
}
