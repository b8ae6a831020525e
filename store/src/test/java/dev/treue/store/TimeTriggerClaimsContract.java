package dev.treue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.trigger.Firing;
import dev.treue.core.trigger.TimeTriggerEvaluator;
import dev.treue.core.trigger.TriggerKind;
import dev.treue.core.trigger.TriggerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Time-driven firings on a real Redis (single server and three-master cluster by subclass): sweeps
 * racing over one tenant claim each (kind, member, period) once, and only existing, consenting
 * members fire.
 */
abstract class TimeTriggerClaimsContract {
  private static final long DAY = 86_400_000L;
  private static final int LAST_PURCHASE = 19_001;
  private static final int TODAY = LAST_PURCHASE + 365;
  private static final AtomicInteger TENANTS = new AtomicInteger();
  private static final TriggerSettings LAPSED =
      TriggerSettings.DEFAULTS.with(TriggerKind.BECAME_LAPSED, true);

  abstract UnifiedJedis jedis();

  private RedisKeys freshTenant() {
    return RedisKeys.forTenant(
        "ttc" + TENANTS.incrementAndGet() + "-" + System.nanoTime() % 100_000);
  }

  /** A member who bought once on {@link #LAST_PURCHASE}, met only through the event (no at-risk row). */
  private void member(RedisKeys keys, String id) {
    new MemberEventWriter(jedis(), Duration.ZERO, 32)
        .apply(
            keys,
            id,
            List.of(
                new LoyaltyEvent(
                    "e-" + id,
                    id,
                    LAST_PURCHASE * DAY,
                    EventType.PURCHASE,
                    5,
                    0,
                    "coffee",
                    null,
                    "app")));
  }

  /** One instance's sweep: pages of members, evaluation, claims, relay. Returns the ids it claimed. */
  private List<String> sweep(RedisKeys keys, int today) {
    TimeTriggerClaims claims = new TimeTriggerClaims(jedis());
    TriggerOutbox outbox = new TriggerOutbox(jedis());
    List<String> claimed = new ArrayList<>();
    String cursor = "0";
    do {
      TimeTriggerClaims.Page page = claims.page(keys, cursor, 7);
      for (StoredState s : page.states().values()) {
        List<TimeTriggerClaims.Claim> due = new ArrayList<>();
        for (TimeTriggerEvaluator.Due d :
            TimeTriggerEvaluator.evaluate(s.state(), today, LAPSED, 365)) {
          String id = s.state().customerId();
          Firing f = new Firing(d.firingId(), d.kind(), id, Instant.EPOCH, false, "{}");
          due.add(new TimeTriggerClaims.Claim(f, d.periodDay()));
        }
        List<String> now = claims.claim(keys, s.state().customerId(), due, today);
        claimed.addAll(now);
        if (!now.isEmpty()) {
          outbox.relay(keys, s.state().customerId());
        }
      }
      cursor = page.cursor();
    } while (!cursor.equals("0"));
    return claimed;
  }

  private List<String> streamIds(RedisKeys keys) {
    List<String> out = new ArrayList<>();
    for (StreamEntry e : jedis().xrange(keys.triggerStream(), (StreamEntryID) null, null)) {
      out.add(e.getFields().get("firing_id"));
    }
    return out;
  }

  @Test
  void twoSweepsRacingFireEachMemberPeriodOnce() throws Exception {
    RedisKeys keys = freshTenant();
    int members = 60;
    for (int i = 0; i < members; i++) {
      member(keys, "m" + i);
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<String>>> sweeps = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        sweeps.add(
            pool.submit(
                () -> {
                  start.await();
                  return sweep(keys, TODAY);
                }));
      }
      start.countDown();
      List<String> claimed = new ArrayList<>(sweeps.get(0).get());
      claimed.addAll(sweeps.get(1).get());
      assertEquals(members, claimed.size(), "each member's lapse claimed by one sweep: " + claimed);
      assertEquals(members, new HashSet<>(claimed).size());
    } finally {
      pool.shutdownNow();
    }
    Set<String> onStream = new HashSet<>(streamIds(keys));
    assertEquals(members, onStream.size());
    assertTrue(onStream.contains("became_lapsed:m7:d" + TODAY), onStream.toString());
    for (int i = 0; i < members; i++) {
      assertEquals(0, jedis().hlen(keys.memberOutbox("m" + i)));
    }
    assertEquals(List.of(), sweep(keys, TODAY), "the same day again claims nothing");
    assertEquals(List.of(), sweep(keys, TODAY + 3), "nor a later day of the same lapse");
  }

  @Test
  void optedOutAndErasedMembersClaimNothingAndEraseDropsTheClaims() {
    RedisKeys keys = freshTenant();
    member(keys, "a");
    member(keys, "b");
    MemberRecords records = new MemberRecords(jedis());
    records.optOut(keys, "a");
    assertEquals(List.of("became_lapsed:b:d" + TODAY), sweep(keys, TODAY));
    assertEquals(0, jedis().hlen(keys.memberOutbox("a")));
    assertTrue(jedis().exists(keys.memberTriggerClaims("b")));
    records.erase(keys, "b");
    assertFalse(jedis().exists(keys.memberTriggerClaims("b")));
    Firing late =
        new Firing(
            "became_lapsed:b:d1", TriggerKind.BECAME_LAPSED, "b", Instant.EPOCH, false, "{}");
    assertEquals(
        List.of(),
        new TimeTriggerClaims(jedis())
            .claim(keys, "b", List.of(new TimeTriggerClaims.Claim(late, 1)), TODAY),
        "a sweep that read the state before the erase writes nothing after it");
    assertFalse(jedis().exists(keys.memberOutbox("b")));
  }

  /** Every id the member index pages through, from the start to the end. */
  private List<String> indexed(RedisKeys keys, int pageSize) {
    List<String> ids = new ArrayList<>();
    String cursor = "0";
    do {
      MemberIndex.Page page = new MemberIndex(jedis()).page(keys, cursor, pageSize);
      ids.addAll(page.memberIds());
      cursor = page.cursor();
    } while (!cursor.equals("0"));
    return ids;
  }

  @Test
  void everyWriterIndexesItsMembersAndEraseAndOptOutRemoveThem() {
    RedisKeys keys = freshTenant();
    MemberIndex index = new MemberIndex(jedis());
    member(keys, "ev");
    StateBatchWriter loader = new StateBatchWriter(jedis(), keys, Duration.ZERO, 50);
    List<StoredState> loaded = new ArrayList<>();
    Set<String> expected = new HashSet<>(Set.of("ev"));
    for (int i = 0; i < 300; i++) {
      loaded.add(new StoredState(1, 0, 0, new dev.treue.core.customer.CustomerState("ld" + i)));
      expected.add("ld" + i);
    }
    assertEquals(300, loader.write(loaded.iterator(), java.util.Collections.emptyIterator()));
    List<String> paged = indexed(keys, 17);
    assertEquals(expected, new HashSet<>(paged), "every member written, whoever wrote it");
    assertEquals(expected.size(), paged.size(), "each once (the sets were not changed meanwhile)");
    assertTrue(
        expected.stream().map(RedisKeys::memberIndexShard).distinct().count() > 100,
        "the members are spread over the shards");

    loader.optOut(List.of("ld0").iterator());
    new MemberRecords(jedis()).optOut(keys, "ld1");
    new MemberRecords(jedis()).erase(keys, "ld2");
    new MemberRecords(jedis()).erase(keys, "ev");
    for (String gone : List.of("ld0", "ld1", "ld2", "ev")) {
      assertFalse(index.contains(keys, gone), gone);
    }
    assertTrue(index.contains(keys, "ld3"));
    // An opted-out member's event stores nothing and indexes nothing.
    member(keys, "ld1");
    assertFalse(index.contains(keys, "ld1"));
    assertEquals(297, indexed(keys, 1_000).size());
  }

  @Test
  void aMemberStoredBeforeTheIndexExistedIsIndexedByItsNextEvent() {
    RedisKeys keys = freshTenant();
    byte[] current =
        new StoredState(3, 0, 0, new dev.treue.core.customer.CustomerState("old")).encode();
    // The same state as a build without the index wrote it: codec format 3, no birth date.
    byte[] old = java.util.Arrays.copyOf(current, current.length - 4);
    old[StoredState.HEADER_BYTES] = 3;
    jedis().set(keys.memberState("old").getBytes(java.nio.charset.StandardCharsets.UTF_8), old);
    assertFalse(new MemberIndex(jedis()).contains(keys, "old"));
    member(keys, "old");
    assertTrue(new MemberIndex(jedis()).contains(keys, "old"));
    assertEquals(List.of("became_lapsed:old:d" + TODAY), sweep(keys, TODAY));
  }

  @Test
  void claimsOlderThanTheKeptDaysAreDropped() {
    RedisKeys keys = freshTenant();
    member(keys, "c");
    TimeTriggerClaims claims = new TimeTriggerClaims(jedis());
    Firing old = new Firing("x:c:d1", TriggerKind.BECAME_LAPSED, "c", Instant.EPOCH, false, "{}");
    Firing recent =
        new Firing("x:c:d2", TriggerKind.BECAME_LAPSED, "c", Instant.EPOCH, false, "{}");
    claims.claim(
        keys,
        "c",
        List.of(
            new TimeTriggerClaims.Claim(old, TODAY - TimeTriggerClaims.KEPT_DAYS - 1),
            new TimeTriggerClaims.Claim(recent, TODAY - TimeTriggerClaims.KEPT_DAYS)),
        TODAY);
    assertEquals(List.of("x:c:d2"), jedis().zrange(keys.memberTriggerClaims("c"), 0, -1));
  }
}
