package dev.treue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * The member reads, the atomic event update, the at-risk list and erase/export, run against a real
 * Redis by each subclass (single server and three-master cluster).
 */
abstract class MemberStoreContract {
  private static final long DAY = 86_400_000L;
  private static final AtomicInteger TENANTS = new AtomicInteger();

  abstract UnifiedJedis jedis();

  RedisKeys freshTenant() {
    return RedisKeys.forTenant("t" + TENANTS.incrementAndGet() + "-" + System.nanoTime() % 100_000);
  }

  static LoyaltyEvent purchase(String id, String member, long day, double amount) {
    return new LoyaltyEvent(
        id, member, day * DAY + 3_600_000, EventType.PURCHASE, amount, 0, "coffee", null, "app");
  }

  @Test
  void anUnknownMemberStartsFromAnEmptyStateAndRepeatsAreNotCountedAgain() {
    RedisKeys keys = freshTenant();
    MemberEventWriter writer = new MemberEventWriter(jedis(), Duration.ZERO, 32);
    EventUpdate first =
        writer.apply(
            keys, "m1", List.of(purchase("e2", "m1", 19_002, 5), purchase("e1", "m1", 19_001, 7)));
    assertEquals(List.of(EventStatus.ACCEPTED, EventStatus.ACCEPTED), first.statuses());
    assertEquals(2, first.customerState().purchases());
    assertEquals(19_002, first.customerState().lastPurchaseDay());
    assertEquals(1, first.state().revision());

    EventUpdate again =
        writer.apply(
            keys,
            "m1",
            List.of(
                purchase("e1", "m1", 19_001, 7),
                purchase("e3", "m1", 19_003, 1),
                purchase("e3", "m1", 19_003, 1)));
    assertEquals(
        List.of(EventStatus.DUPLICATE, EventStatus.ACCEPTED, EventStatus.DUPLICATE),
        again.statuses());
    StoredMember read = new MemberReader(jedis()).read(keys, "m1");
    assertEquals(3, read.customerState().purchases());
    assertEquals(2, read.state().revision());
    assertFalse(read.optedOut());

    EventUpdate nothingNew = writer.apply(keys, "m1", List.of(purchase("e3", "m1", 19_003, 1)));
    assertFalse(nothingNew.written());
    assertEquals(2, new MemberReader(jedis()).read(keys, "m1").state().revision());
  }

  @Test
  void eventsBeforeTheBatchCoverageAreNotFoldedAndTheTtlCarriesOver() {
    RedisKeys keys = freshTenant();
    CustomerState s = new CustomerState("m2");
    s.apply(purchase("old", "m2", 19_000, 10));
    StoredState batch = new StoredState(0, 19_010L * DAY, 19_010L * DAY + 60_000, s);
    new StateBatchWriter(jedis(), keys, Duration.ofDays(10), 10)
        .write(List.of(batch).iterator(), List.<AtRiskEntry>of().iterator());
    EventUpdate u =
        new MemberEventWriter(jedis(), Duration.ZERO, 32)
            .apply(
                keys,
                "m2",
                List.of(purchase("late", "m2", 19_005, 3), purchase("new", "m2", 19_011, 4)));
    assertEquals(List.of(EventStatus.COVERED, EventStatus.ACCEPTED), u.statuses());
    assertEquals(2, u.customerState().purchases());
    assertEquals(19_010L * DAY, u.state().batchCoveredUntilMillis(), "coverage is kept");
    long stateTtl = jedis().pttl(keys.memberState("m2"));
    assertTrue(stateTtl > Duration.ofDays(9).toMillis(), "state TTL kept: " + stateTtl);
    assertFalse(
        jedis().exists(keys.memberEvents("m2")),
        "seen ids live in the state, which carries the TTL");
  }

  @Test
  void anOptedOutMemberIsNeverStored() {
    RedisKeys keys = freshTenant();
    new MemberRecords(jedis()).optOut(keys, "m3");
    EventUpdate u =
        new MemberEventWriter(jedis(), Duration.ZERO, 32)
            .apply(keys, "m3", List.of(purchase("x", "m3", 19_000, 1)));
    assertEquals(List.of(EventStatus.NOT_STORED), u.statuses());
    StoredMember read = new MemberReader(jedis()).read(keys, "m3");
    assertTrue(read.optedOut());
    assertNull(read.state());
    assertFalse(jedis().exists(keys.memberEvents("m3")));
  }

  @Test
  void concurrentEventsForOneMemberLoseNothing() throws Exception {
    RedisKeys keys = freshTenant();
    MemberEventWriter writer = new MemberEventWriter(jedis(), Duration.ZERO, 64);
    int threads = 8;
    // Fewer distinct events than the window holds: however the threads interleave, none can arrive
    // behind WINDOW_EVENTS later ones and be refused too_late, so each must be accepted exactly
    // once.
    int perThread = (dev.treue.core.customer.WindowedState.WINDOW_EVENTS - 1) / (threads / 2);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  int accepted = 0;
                  for (int i = 0; i < perThread; i++) {
                    // Every event is posted twice, by two threads: exactly one of them may count
                    // it.
                    String id = "e" + ((thread / 2) * perThread + i);
                    EventUpdate u =
                        writer.apply(keys, "hot", List.of(purchase(id, "hot", 19_000 + i, 1)));
                    accepted += (int) u.count(EventStatus.ACCEPTED);
                  }
                  return accepted;
                }));
      }
      int accepted = 0;
      for (Future<Integer> f : results) {
        accepted += f.get();
      }
      int distinct = threads / 2 * perThread;
      assertEquals(distinct, accepted, "each distinct event accepted exactly once");
      StoredMember read = new MemberReader(jedis()).read(keys, "hot");
      assertEquals(distinct, read.customerState().purchases());
      assertEquals(
          Math.min(distinct, dev.treue.core.customer.WindowedState.WINDOW_EVENTS),
          read.state().window().window().size(),
          "the window keeps the latest events raw");
    } finally {
      pool.shutdownNow();
    }
  }

  /** An at-risk row whose probability names the revision it was scored on. */
  private static AtRiskEntry rowOf(String member, long revision) {
    return new AtRiskEntry(
        member, revision / 100.0, "low", "gold", null, 1, List.of("r"), 1, 19_000);
  }

  private static double storedProbability(UnifiedJedis jedis, RedisKeys keys, String member) {
    String row = jedis.hget(keys.atRiskRows(), member);
    return row == null ? Double.NaN : AtRiskEntry.decode(row).probability();
  }

  @Test
  void aRowSentWithTheFoldStaysWithAWrittenStateAndIsUndoneWhenTheRevisionMoved() {
    RedisKeys keys = freshTenant();
    MemberEventWriter writer = new MemberEventWriter(jedis(), Duration.ZERO, 8);
    AtRiskStore store = new AtRiskStore(jedis());
    AfterFold row = (p, after) -> store.queuePutKeepingOffer(p, keys, rowOf("m", after.revision()));
    EventUpdate first =
        writer.apply(keys, "m", List.of(purchase("e1", "m", 19_000, 1)), FoldTriggers.NONE, row);
    assertTrue(first.written());
    assertEquals(0.01, storedProbability(jedis(), keys, "m"));

    // A concurrent write lands between this fold's read and its write: the row queued for
    // revision 2 must not stay (revision 2 is the other write's), the retry writes revision 3's.
    List<Double> seenByEachAttempt = new ArrayList<>();
    AfterFold contended =
        (p, after) -> {
          seenByEachAttempt.add(storedProbability(jedis(), keys, "m"));
          if (seenByEachAttempt.size() == 1) {
            writer.apply(keys, "m", List.of(purchase("other", "m", 19_001, 1)));
          }
          return row.queue(p, after);
        };
    EventUpdate second =
        writer.apply(
            keys, "m", List.of(purchase("e2", "m", 19_002, 1)), FoldTriggers.NONE, contended);
    assertEquals(2, second.attempts());
    assertEquals(List.of(0.01, 0.01), seenByEachAttempt, "the first attempt's row was undone");
    assertEquals(3, second.state().revision());
    assertEquals(0.03, storedProbability(jedis(), keys, "m"));
    for (AtRiskOrder order : AtRiskOrder.values()) {
      assertEquals(order.score(rowOf("m", 3)), jedis().zscore(order.key(keys), "m"));
    }
    assertEquals(3, new MemberReader(jedis()).read(keys, "m").customerState().purchases());
  }

  /** Queues {@code row} after the member opted out between the fold's read and its write. */
  private AfterFold optingOutBefore(RedisKeys keys, AfterFold row) {
    return (p, after) -> {
      new MemberRecords(jedis()).optOut(keys, after.state().customerId());
      return row.queue(p, after);
    };
  }

  @Test
  void aRowSentWithTheFoldIsUndoneWhenTheMemberOptedOutMeanwhile() {
    RedisKeys keys = freshTenant();
    MemberEventWriter writer = new MemberEventWriter(jedis(), Duration.ZERO, 8);
    AtRiskStore store = new AtRiskStore(jedis());
    AfterFold row = (p, after) -> store.queuePutKeepingOffer(p, keys, rowOf("m", after.revision()));
    writer.apply(keys, "m", List.of(purchase("e1", "m", 19_000, 1)), FoldTriggers.NONE, row);
    AfterFold optingOut = optingOutBefore(keys, row);
    EventUpdate known =
        writer.apply(
            keys, "m", List.of(purchase("e2", "m", 19_001, 1)), FoldTriggers.NONE, optingOut);
    assertEquals(List.of(EventStatus.NOT_STORED), known.statuses());
    assertEquals(0.01, storedProbability(jedis(), keys, "m"), "the row from before is back");
    for (AtRiskOrder order : AtRiskOrder.values()) {
      assertEquals(order.score(rowOf("m", 1)), jedis().zscore(order.key(keys), "m"));
    }

    EventUpdate fresh =
        writer.apply(
            keys, "new", List.of(purchase("e3", "new", 19_001, 1)), FoldTriggers.NONE, optingOut);
    assertEquals(List.of(EventStatus.NOT_STORED), fresh.statuses());
    assertNull(jedis().hget(keys.atRiskRows(), "new"), "no row for a member never stored");
    for (AtRiskOrder order : AtRiskOrder.values()) {
      assertNull(jedis().zscore(order.key(keys), "new"));
    }
  }

  @Test
  void anUndoPutsBackARowThatDoesNotDecodeAndLeavesTheScoresThePutWrote() {
    RedisKeys keys = freshTenant();
    MemberEventWriter writer = new MemberEventWriter(jedis(), Duration.ZERO, 8);
    AtRiskStore store = new AtRiskStore(jedis());
    AfterFold row = (p, after) -> store.queuePutKeepingOffer(p, keys, rowOf("m", after.revision()));
    writer.apply(keys, "m", List.of(purchase("e1", "m", 19_000, 1)), FoldTriggers.NONE, row);
    // A row no version of Treue wrote: the undo cannot take the replaced scores from it.
    jedis().hset(keys.atRiskRows(), "m", "not\ta row");
    AfterFold optingOut = optingOutBefore(keys, row);
    EventUpdate update =
        writer.apply(
            keys, "m", List.of(purchase("e2", "m", 19_001, 1)), FoldTriggers.NONE, optingOut);
    assertEquals(List.of(EventStatus.NOT_STORED), update.statuses());
    assertEquals("not\ta row", jedis().hget(keys.atRiskRows(), "m"), "the stored row is back");
    for (AtRiskOrder order : AtRiskOrder.values()) {
      assertEquals(
          order.score(rowOf("m", 2)), jedis().zscore(order.key(keys), "m"), order.wireName());
    }
  }

  @Test
  void membersFoldedTogetherSettleEachAsAloneAndOnlyTheContendedOneIsRetried() {
    RedisKeys keys = freshTenant();
    MemberEventWriter writer = new MemberEventWriter(jedis(), Duration.ZERO, 8);
    AtRiskStore store = new AtRiskStore(jedis());
    writer.apply(keys, "known", List.of(purchase("k1", "known", 19_000, 1)));
    writer.apply(keys, "hot", List.of(purchase("h1", "hot", 19_000, 1)));
    writer.apply(keys, "same", List.of(purchase("s1", "same", 19_000, 1)));
    new MemberRecords(jedis()).optOut(keys, "out");
    AtomicInteger hotQueued = new AtomicInteger();
    java.util.function.Function<String, AfterFold> rows =
        member ->
            (p, after) -> {
              if (member.equals("hot") && hotQueued.incrementAndGet() == 1) {
                writer.apply(keys, "hot", List.of(purchase("h-other", "hot", 19_001, 1)));
              }
              return store.queuePutKeepingOffer(p, keys, rowOf(member, after.revision()));
            };
    List<MemberEventWriter.MemberEvents> members = new ArrayList<>();
    for (String m : List.of("fresh", "known", "hot", "out")) {
      members.add(
          new MemberEventWriter.MemberEvents(
              m, List.of(purchase(m + "-e", m, 19_002, 1)), FoldTriggers.NONE, rows.apply(m)));
    }
    members.add(
        new MemberEventWriter.MemberEvents(
            "same",
            List.of(purchase("s1", "same", 19_000, 1)),
            FoldTriggers.NONE,
            rows.apply("same")));

    List<EventUpdate> updates = writer.applyAll(keys, members);
    assertEquals(
        List.of("fresh", "known", "hot", "out", "same"),
        updates.stream().map(EventUpdate::customerId).toList());
    assertEquals(List.of(1, 1, 2, 1, 1), updates.stream().map(EventUpdate::attempts).toList());
    assertEquals(
        List.of(true, true, true, false, false),
        updates.stream().map(EventUpdate::written).toList());
    assertEquals(List.of(EventStatus.NOT_STORED), updates.get(3).statuses());
    assertEquals(List.of(EventStatus.DUPLICATE), updates.get(4).statuses());
    assertEquals(0.01, storedProbability(jedis(), keys, "fresh"));
    assertEquals(0.02, storedProbability(jedis(), keys, "known"));
    assertEquals(0.03, storedProbability(jedis(), keys, "hot"), "the retry's row");
    assertNull(jedis().hget(keys.atRiskRows(), "out"));
    assertNull(jedis().hget(keys.atRiskRows(), "same"), "nothing written, no row queued");
    MemberReader reader = new MemberReader(jedis());
    assertEquals(3, reader.read(keys, "hot").customerState().purchases());
    assertEquals(2, reader.read(keys, "known").customerState().purchases());
    assertEquals(1, reader.read(keys, "fresh").customerState().purchases());
    assertTrue(new MemberIndex(jedis()).contains(keys, "fresh"));
  }

  @Test
  void aMemberContendedOnEveryAttemptFailsAloneWhenMembersAreFoldedEach() {
    RedisKeys keys = freshTenant();
    MemberEventWriter writer = new MemberEventWriter(jedis(), Duration.ZERO, 2);
    writer.apply(keys, "hot", List.of(purchase("h1", "hot", 19_000, 1)));
    AtomicInteger others = new AtomicInteger();
    // Another writer lands between every read and write of "hot": it never gets to write.
    AfterFold contended =
        (p, after) -> {
          int n = others.incrementAndGet();
          writer.apply(keys, "hot", List.of(purchase("h-other-" + n, "hot", 19_000 + n, 1)));
          return null;
        };
    List<MemberEventWriter.MemberEvents> members =
        List.of(
            new MemberEventWriter.MemberEvents(
                "a", List.of(purchase("a1", "a", 19_002, 1)), FoldTriggers.NONE, AfterFold.NONE),
            new MemberEventWriter.MemberEvents(
                "hot", List.of(purchase("h2", "hot", 19_010, 1)), FoldTriggers.NONE, contended),
            new MemberEventWriter.MemberEvents(
                "b", List.of(purchase("b1", "b", 19_002, 1)), FoldTriggers.NONE, AfterFold.NONE));

    List<MemberEventWriter.Outcome> outcomes = writer.applyEach(keys, members);
    assertEquals(3, outcomes.size());
    assertTrue(outcomes.get(0).update().written());
    assertNull(outcomes.get(1).update());
    assertNotNull(outcomes.get(1).contention());
    assertTrue(outcomes.get(2).update().written());
    MemberReader reader = new MemberReader(jedis());
    assertEquals(1, reader.read(keys, "a").customerState().purchases());
    assertEquals(1, reader.read(keys, "b").customerState().purchases());
    assertEquals(
        1 + others.get(), reader.read(keys, "hot").customerState().purchases(), "h2 not stored");
    // applyAll, by contrast, fails the whole call when one member is contended.
    assertThrows(
        ConcurrentUpdateException.class, () -> writer.applyAll(keys, List.of(members.get(1))));
  }

  @Test
  void manyMembersAreReadInOnePipelineInTheOrderAsked() {
    RedisKeys keys = freshTenant();
    MemberEventWriter writer = new MemberEventWriter(jedis(), Duration.ZERO, 8);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String id = "r" + i;
      ids.add(id);
      if (i % 3 != 0) {
        writer.apply(keys, id, List.of(purchase("p" + i, id, 19_000, i)));
      }
    }
    ids.add("r1");
    List<StoredMember> read = new MemberReader(jedis()).readAll(keys, ids);
    assertEquals(ids.size(), read.size());
    for (int i = 0; i < 300; i++) {
      assertEquals(ids.get(i), read.get(i).customerId());
      assertEquals(i % 3 != 0, read.get(i).known(), ids.get(i));
    }
    assertTrue(read.get(300).known());
  }

  @Test
  void aLoadListsEveryRowWithBothScoresAcrossSortedGroupsAndCommands() {
    // More rows than one sorted group: a whole group and 2,345 rows, neither a whole number of
    // commands (700 members each, a batch below the command cap; 1,000, the cap under a batch of
    // 4,000), scores in an order unrelated to the rows'.
    int n = StateBatchWriter.SORTED_ROWS + 2_345;
    List<AtRiskEntry> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double p = ((i * 7_919L) % 1_000) / 1_000.0;
      double value = (i * 104_729L) % 50_000 / 100.0;
      rows.add(new AtRiskEntry("l" + i, p, "low", "gold", null, value, List.of(), 1, 19_000));
    }
    for (int batch : new int[] {700, 4_000}) {
      RedisKeys keys = freshTenant();
      long written =
          new StateBatchWriter(jedis(), keys, Duration.ZERO, batch).writeAtRisk(rows.iterator());
      assertEquals(n, written);
      for (AtRiskOrder order : AtRiskOrder.values()) {
        assertEquals(n, jedis().zcard(order.key(keys)), order.wireName() + ", batch " + batch);
      }
      assertEquals(n, jedis().hlen(keys.atRiskRows()));
      for (int i = 0; i < n; i += 97) {
        AtRiskEntry row = rows.get(i);
        for (AtRiskOrder order : AtRiskOrder.values()) {
          assertEquals(order.score(row), jedis().zscore(order.key(keys), row.customerId()));
        }
        assertEquals(row.probability(), storedProbability(jedis(), keys, row.customerId()));
      }
    }
  }

  @Test
  void theAtRiskListPagesThroughTiesWithoutRepeatsOrGaps() {
    RedisKeys keys = freshTenant();
    AtRiskStore store = new AtRiskStore(jedis());
    int n = 257;
    for (int i = 0; i < n; i++) {
      // Few distinct probabilities: isotonic calibration makes ties common.
      double p = (i % 5) / 5.0;
      store.put(keys, new AtRiskEntry("a" + i, p, "low", "gold", null, 1, List.of("r"), 1, 19_000));
    }
    Set<String> seen = new HashSet<>();
    AtRiskCursor cursor = null;
    double previous = Double.MAX_VALUE;
    int slices = 0;
    do {
      AtRiskSlice slice = store.slice(keys, AtRiskOrder.PROBABILITY, 0.2, cursor, 17);
      for (AtRiskEntry row : slice.rows()) {
        assertTrue(seen.add(row.customerId()), "no repeats: " + row.customerId());
        assertTrue(row.probability() <= previous, "highest first");
        assertTrue(row.probability() >= 0.2);
        previous = row.probability();
      }
      cursor = slice.next();
      slices++;
    } while (cursor != null && slices < 100);
    long expected = java.util.stream.IntStream.range(0, n).filter(i -> i % 5 != 0).count();
    assertEquals(expected, seen.size());
  }

  @Test
  void theAtRiskListPagesByValueAtRiskWithTheMinimumProbabilityAsAFilter() {
    RedisKeys keys = freshTenant();
    AtRiskStore store = new AtRiskStore(jedis());
    int n = 301;
    for (int i = 0; i < n; i++) {
      // Value at risk against the probability order: ties in both, and members below the minimum
      // probability spread through the value order.
      double p = (i % 7) / 7.0;
      double value = (i % 11) * 10.0;
      store.put(
          keys, new AtRiskEntry("v" + i, p, "low", "gold", null, value, List.of(), 1, 19_000));
    }
    Set<String> seen = new HashSet<>();
    AtRiskCursor cursor = null;
    double previous = Double.MAX_VALUE;
    int slices = 0;
    do {
      AtRiskSlice slice = store.slice(keys, AtRiskOrder.VALUE_AT_RISK, 0.3, cursor, 19);
      assertEquals(slice.rows().size(), slice.cursorsAfter().size());
      for (AtRiskEntry row : slice.rows()) {
        assertTrue(seen.add(row.customerId()), "no repeats: " + row.customerId());
        assertTrue(row.valueAtRisk() <= previous, "highest value at risk first");
        assertTrue(row.probability() >= 0.3, "the minimum probability filters: " + row);
        previous = row.valueAtRisk();
      }
      cursor = slice.next();
      slices++;
    } while (cursor != null && slices < 100);
    long expected =
        java.util.stream.IntStream.range(0, n).filter(i -> (i % 7) / 7.0 >= 0.3).count();
    assertEquals(expected, seen.size());
    assertEquals(n, jedis().zcard(keys.atRiskValues()));
  }

  /**
   * A state of format 2 (before lateness windows), as the builds that kept seen ids in a set beside
   * it wrote it: a member with no events, the format-4 bytes less the birth date (4 bytes), the
   * spend beyond the kept categories (8) and the window (10), as {@code CustomerStateCodecTest}
   * takes them apart.
   */
  private static byte[] formatTwoState(String member) {
    CustomerState s =
        CustomerState.of(
            new Member(member, 19_000, "gold", CustomerState.NONE, "family", "web", true));
    byte[] four = new StoredState(3, Long.MIN_VALUE, 0, s).encode();
    int body = StoredState.HEADER_BYTES;
    byte[] three = Arrays.copyOf(four, four.length - 4);
    byte[] two = new byte[three.length - 18];
    int other = three.length - 10 - 14 - 8;
    System.arraycopy(three, 0, two, 0, other);
    System.arraycopy(three, other + 8, two, other, two.length - other);
    two[body] = 2;
    return two;
  }

  @Test
  void theSeenIdSetOfAnEarlierVersionGoesWithTheFirstEventAndOnlyThen() {
    RedisKeys keys = freshTenant();
    MemberEventWriter writer = new MemberEventWriter(jedis(), Duration.ZERO, 8);
    byte[] legacy = formatTwoState("old");
    jedis().set(keys.memberState("old").getBytes(StandardCharsets.UTF_8), legacy);
    jedis().sadd(keys.memberEvents("old"), "x1", "x2");
    assertEquals(2, StoredState.format(legacy));
    assertEquals(19_000, new MemberReader(jedis()).read(keys, "old").customerState().signupDay());
    // A set that outlived its state goes too.
    jedis().sadd(keys.memberEvents("orphan"), "y1");

    assertEquals(
        EventStatus.ACCEPTED,
        writer.apply(keys, "old", List.of(purchase("e1", "old", 19_010, 5))).statuses().get(0));
    assertEquals(
        EventStatus.ACCEPTED,
        writer
            .apply(keys, "orphan", List.of(purchase("e1", "orphan", 19_010, 5)))
            .statuses()
            .get(0));
    assertFalse(jedis().exists(keys.memberEvents("old")));
    assertFalse(jedis().exists(keys.memberEvents("orphan")));
    StoredMember old = new MemberReader(jedis()).read(keys, "old");
    assertEquals(1, old.customerState().purchases());
    assertEquals(19_000, old.customerState().signupDay());
    assertEquals(4, old.state().revision());

    // A state with a window is written without a DEL: no build that writes one keeps such a set,
    // so a set put beside it here stays.
    jedis().sadd(keys.memberEvents("old"), "z1");
    writer.apply(keys, "old", List.of(purchase("e2", "old", 19_011, 5)));
    assertTrue(jedis().exists(keys.memberEvents("old")));
    assertEquals(2, new MemberReader(jedis()).read(keys, "old").customerState().purchases());
  }

  @Test
  void exportShowsEverythingAndEraseRemovesEverything() {
    RedisKeys keys = freshTenant();
    new MemberEventWriter(jedis(), Duration.ZERO, 8)
        .apply(keys, "gone", List.of(purchase("g1", "gone", 19_000, 2)));
    new AtRiskStore(jedis())
        .put(keys, new AtRiskEntry("gone", 0.8, "high", "basic", null, 96, List.of(), 1, 19_000));
    new MemberRecords(jedis()).optOut(keys, "gone");
    new MemberEventWriter(jedis(), Duration.ZERO, 8)
        .apply(keys, "kept", List.of(purchase("k1", "kept", 19_000, 2)));
    OfferBudgets budgets = new OfferBudgets(jedis(), keys);
    budgets.setBudget("gift", 1_000);
    assertEquals(
        OfferBudgets.Outcome.GRANTED, budgets.issue("gift", "gone", "req-gone", 100, 1).outcome());
    new MemberGrants(jedis()).record(keys, "gone", "gift", 1);
    MemberRecords records = new MemberRecords(jedis());
    MemberRecords.Export export = records.export(keys, "gone");
    assertEquals(java.util.Map.of("gift", "1"), export.grants());
    assertEquals(Set.of("g1"), export.seenEventIds());
    assertTrue(export.optedOut());
    assertEquals(0.8, export.atRiskScore());
    assertEquals(96.0, export.atRiskValue());
    assertEquals(1, export.state().state().purchases());

    MemberRecords.Erased erased = records.erase(keys, "gone");
    // State, opt-out marker and grants: seen ids live in the state now, not in a key of their own.
    assertEquals(3, erased.memberKeys());
    assertEquals(
        0, budgets.issuedTo("gift", "gone"), "the offer's own count of the member is gone too");
    assertEquals(3, erased.atRiskEntries(), "both sorted sets and the row");
    assertTrue(records.export(keys, "gone").empty());
    assertFalse(records.export(keys, "kept").empty(), "other members untouched");
    assertFalse(records.erase(keys, "gone").any());
  }
}
