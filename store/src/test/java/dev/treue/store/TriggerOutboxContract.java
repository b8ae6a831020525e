package dev.treue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.trigger.Firing;
import dev.treue.core.trigger.TriggerEvaluator;
import dev.treue.core.trigger.TriggerKind;
import dev.treue.core.trigger.TriggerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The trigger outbox on a real Redis (single server and three-master cluster by subclass): firings
 * are written with the state change in the member's slot and reach the tenant's stream at least
 * once, a relay that stops between append and removal re-sends the same firing id, and the churn
 * crossing's memory is shared by every writer.
 */
abstract class TriggerOutboxContract {
  private static final long DAY = 86_400_000L;
  private static final AtomicInteger TENANTS = new AtomicInteger();
  private static final TriggerSettings SETTINGS =
      new TriggerSettings(
          EnumSet.of(
              TriggerKind.FIRST_PURCHASE,
              TriggerKind.PURCHASE_MILESTONE,
              TriggerKind.CHURN_RISK_CROSSED),
          0.7,
          0.5,
          List.of(8L),
          1000,
          30,
          30);

  abstract UnifiedJedis jedis();

  private RedisKeys freshTenant() {
    return RedisKeys.forTenant(
        "trg" + TENANTS.incrementAndGet() + "-" + System.nanoTime() % 100_000);
  }

  private static LoyaltyEvent event(String id, String member, long day, EventType type) {
    return new LoyaltyEvent(
        id,
        member,
        day * DAY + 3_600_000,
        type,
        type == EventType.PURCHASE ? 5 : 0,
        0,
        "coffee",
        null,
        "app");
  }

  /** Triggers as the service wires them, with the churn probability a function of the new state. */
  private static FoldTriggers triggers(ToDoubleFunction<StoredState> churn) {
    return (before, after, memory) -> {
      TriggerEvaluator.Evaluation ev =
          TriggerEvaluator.evaluate(
              SETTINGS, before, after.state(), churn.applyAsDouble(after), memory);
      Instant at = Instant.ofEpochMilli(1_733_390_000_000L + after.revision());
      List<Firing> firings = new ArrayList<>();
      for (TriggerEvaluator.Fired f : ev.fired()) {
        firings.add(
            new Firing(
                Firing.id(f.kind(), after.state().customerId(), after.revision(), at, f.part()),
                f.kind(),
                after.state().customerId(),
                at,
                false,
                "{}"));
      }
      return new FoldTriggers.Outcome(firings, ev.memory());
    };
  }

  /** Puts firings straight into the member's outbox, as the fold's script writes them. */
  private void outboxOf(RedisKeys keys, String member, int firings) {
    for (int i = 0; i < firings; i++) {
      Firing f =
          new Firing(
              "first_purchase:" + member + ":r" + i + ".1733390000000",
              TriggerKind.FIRST_PURCHASE,
              member,
              Instant.ofEpochMilli(1_733_390_000_000L + i),
              false,
              "{\"churn_probability\":0.9}");
      jedis().hset(keys.memberOutbox(member), f.firingId(), f.encode());
    }
    jedis().sadd(keys.triggerOutboxMembers(), member);
  }

  private List<Map<String, String>> stream(RedisKeys keys) {
    List<Map<String, String>> out = new ArrayList<>();
    for (StreamEntry e : jedis().xrange(keys.triggerStream(), (StreamEntryID) null, null)) {
      out.add(e.getFields());
    }
    return out;
  }

  @Test
  void aFiringIsRecordedWithTheStateAndRelayedOnce() {
    RedisKeys keys = freshTenant();
    MemberEventWriter writer = new MemberEventWriter(jedis(), Duration.ZERO, 32);
    EventUpdate u =
        writer.apply(
            keys, "m1", List.of(event("e1", "m1", 19_001, EventType.PURCHASE)), triggers(s -> 0.1));
    assertTrue(u.written());
    assertEquals(1, jedis().hlen(keys.memberOutbox("m1")));
    assertTrue(jedis().sismember(keys.triggerOutboxMembers(), "m1"));
    assertEquals(List.of(), stream(keys), "nothing on the stream before the relay");

    assertEquals(1, new TriggerOutbox(jedis()).relay(keys, "m1"));
    List<Map<String, String>> entries = stream(keys);
    assertEquals(1, entries.size());
    Map<String, String> f = entries.get(0);
    assertEquals("first_purchase", f.get("kind"));
    assertEquals("m1", f.get("customer_id"));
    assertEquals("false", f.get("held_out"));
    assertTrue(f.get("firing_id").startsWith("first_purchase:m1:r1."), f.get("firing_id"));
    assertEquals(0, jedis().hlen(keys.memberOutbox("m1")));
    assertFalse(jedis().sismember(keys.triggerOutboxMembers(), "m1"));
    assertEquals(0, new TriggerOutbox(jedis()).sweep(keys), "nothing is left to relay");

    // Repeating the post folds nothing new and fires nothing.
    writer.apply(
        keys, "m1", List.of(event("e1", "m1", 19_001, EventType.PURCHASE)), triggers(s -> 0.1));
    assertEquals(0, jedis().hlen(keys.memberOutbox("m1")));
  }

  @Test
  void aRelayStoppedBetweenAppendAndRemovalIsFinishedWithoutASecondEntry() {
    RedisKeys keys = freshTenant();
    new MemberEventWriter(jedis(), Duration.ZERO, 32)
        .apply(
            keys, "m2", List.of(event("e1", "m2", 19_001, EventType.PURCHASE)), triggers(s -> 0.1));
    TriggerOutbox crashing =
        new TriggerOutbox(
            jedis(),
            TriggerOutbox.NO_MAX_LENGTH,
            () -> {
              throw new IllegalStateException("instance died");
            });
    assertThrows(IllegalStateException.class, () -> crashing.relay(keys, "m2"));
    assertEquals(1, stream(keys).size());
    assertEquals(
        1, jedis().hlen(keys.memberOutbox("m2")), "the firing stays until appended and removed");

    List<Map<String, String>> appended = stream(keys);
    assertEquals(0, new TriggerOutbox(jedis()).sweep(keys), "the firing was appended already");
    assertEquals(appended, stream(keys), "one entry per firing");
    assertEquals(0, jedis().hlen(keys.memberOutbox("m2")));
    assertFalse(jedis().sismember(keys.triggerOutboxMembers(), "m2"));
  }

  @Test
  void twoRelaysRacingOverTheSameOutboxesAppendEachFiringOnce() throws Exception {
    RedisKeys keys = freshTenant();
    int members = 120;
    for (int m = 0; m < members; m++) {
      outboxOf(keys, "race" + m, 1 + m % 3);
    }
    int firings = members + members / 3 * (1 + 2);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Integer>> relays = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      relays.add(
          pool.submit(
              () -> {
                go.await();
                TriggerOutbox relay = new TriggerOutbox(jedis());
                int appended = 0;
                // Both relay the members in the same order, so they meet on the same outbox.
                for (int m = 0; m < members; m++) {
                  appended += relay.relay(keys, "race" + m);
                }
                return appended;
              }));
    }
    int appended = 0;
    try {
      go.countDown();
      for (Future<Integer> f : relays) {
        appended += f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<String> ids = stream(keys).stream().map(f -> f.get("firing_id")).toList();
    assertEquals(firings, new java.util.HashSet<>(ids).size(), "every firing reaches the stream");
    assertEquals(firings, ids.size(), "a firing appended twice");
    assertEquals(firings, appended, "appends counted by the two relays");
    for (int m = 0; m < members; m++) {
      assertEquals(0, jedis().hlen(keys.memberOutbox("race" + m)));
    }
    assertEquals(0, jedis().scard(keys.triggerOutboxMembers()));
  }

  @Test
  void anUnreadableOutboxEntryIsLeftAndBlocksNoOtherFiring() {
    RedisKeys keys = freshTenant();
    new MemberEventWriter(jedis(), Duration.ZERO, 32)
        .apply(
            keys, "m7", List.of(event("e1", "m7", 19_001, EventType.PURCHASE)), triggers(s -> 0.1));
    jedis().hset(keys.memberOutbox("m7"), "junk", "{\"kind\":\"first_purchase\"}");
    assertEquals(1, new TriggerOutbox(jedis()).sweep(keys));
    assertEquals(List.of("first_purchase"), stream(keys).stream().map(f -> f.get("kind")).toList());
    assertEquals(java.util.Set.of("junk"), jedis().hkeys(keys.memberOutbox("m7")));
  }

  @Test
  void overUnderTheRearmLineAndOverAgainFiresTwiceAcrossWriters() {
    RedisKeys keys = freshTenant();
    // Two writers stand for two service instances: the crossing memory lives in Redis, not in them.
    MemberEventWriter a = new MemberEventWriter(jedis(), Duration.ZERO, 32);
    MemberEventWriter b = new MemberEventWriter(jedis(), Duration.ZERO, 32);
    double[] churnByRevision = {0, 0.2, 0.75, 0.8, 0.9, 0.4, 0.3, 0.72, 0.95, 0.71};
    FoldTriggers t = triggers(s -> churnByRevision[(int) s.revision()]);
    for (int i = 1; i < churnByRevision.length; i++) {
      (i % 2 == 0 ? a : b)
          .apply(keys, "m3", List.of(event("s" + i, "m3", 19_000 + i, EventType.APP_SESSION)), t);
    }
    new TriggerOutbox(jedis()).sweep(keys);
    List<String> kinds = stream(keys).stream().map(f -> f.get("kind")).toList();
    assertEquals(List.of("churn_risk_crossed", "churn_risk_crossed"), kinds);
    assertEquals("churn_above=1", jedis().get(keys.memberTriggers("m3")));
  }

  @Test
  void concurrentFoldsOfOneMemberFireEachMomentOnce() throws Exception {
    RedisKeys keys = freshTenant();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<EventUpdate>> done = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String id = "p" + i;
        int day = 19_001 + i;
        done.add(
            pool.submit(
                () ->
                    new MemberEventWriter(jedis(), Duration.ZERO, 64)
                        .apply(
                            keys,
                            "m4",
                            List.of(event(id, "m4", day, EventType.PURCHASE)),
                            triggers(s -> 0.1))));
      }
      for (Future<EventUpdate> f : done) {
        assertTrue(f.get().written());
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(8, new MemberReader(jedis()).read(keys, "m4").customerState().purchases());
    new TriggerOutbox(jedis()).sweep(keys);
    List<String> kinds = stream(keys).stream().map(f -> f.get("kind")).sorted().toList();
    assertEquals(List.of("first_purchase", "purchase_milestone"), kinds);
  }

  @Test
  void optedOutMembersFireNothingAndEraseLeavesNoOutbox() {
    RedisKeys keys = freshTenant();
    MemberRecords records = new MemberRecords(jedis());
    records.optOut(keys, "m5");
    new MemberEventWriter(jedis(), Duration.ZERO, 32)
        .apply(
            keys, "m5", List.of(event("e1", "m5", 19_001, EventType.PURCHASE)), triggers(s -> 0.9));
    assertEquals(0, jedis().hlen(keys.memberOutbox("m5")));
    assertFalse(jedis().exists(keys.memberTriggers("m5")));

    new MemberEventWriter(jedis(), Duration.ZERO, 32)
        .apply(
            keys, "m6", List.of(event("e1", "m6", 19_001, EventType.PURCHASE)), triggers(s -> 0.9));
    assertEquals(2, jedis().hlen(keys.memberOutbox("m6")));
    records.erase(keys, "m6");
    assertFalse(jedis().exists(keys.memberOutbox("m6")));
    assertFalse(jedis().exists(keys.memberTriggers("m6")));
    assertFalse(jedis().sismember(keys.triggerOutboxMembers(), "m6"));
  }

  @Test
  void eraseDeletesTheMembersFiringsFromTheStreamAndLeavesOthersUntouched() {
    RedisKeys keys = freshTenant();
    MemberEventWriter writer = new MemberEventWriter(jedis(), Duration.ZERO, 32);
    for (String m : List.of("gone", "stays")) {
      writer.apply(
          keys, m, List.of(event("e1", m, 19_001, EventType.PURCHASE)), triggers(s -> 0.9));
    }
    // A relay that stopped after its first append: finished by the sweep, without a second entry.
    TriggerOutbox crashing =
        new TriggerOutbox(
            jedis(),
            TriggerOutbox.NO_MAX_LENGTH,
            () -> {
              throw new IllegalStateException("instance died");
            });
    assertThrows(IllegalStateException.class, () -> crashing.relay(keys, "gone"));
    assertEquals(3, new TriggerOutbox(jedis()).sweep(keys));
    List<StreamEntry> before = jedis().xrange(keys.triggerStream(), (StreamEntryID) null, null);
    assertEquals(4, before.size());
    List<String> others =
        before.stream()
            .filter(e -> e.getFields().get("customer_id").equals("stays"))
            .map(e -> e.getID() + " " + e.getFields())
            .toList();
    assertEquals(2, others.size());

    new MemberRecords(jedis()).erase(keys, "gone");

    List<StreamEntry> after = jedis().xrange(keys.triggerStream(), (StreamEntryID) null, null);
    for (StreamEntry e : after) {
      assertFalse(
          e.getFields().values().stream().anyMatch(v -> v.contains("gone")),
          "an entry still names the erased member: " + e.getFields());
    }
    assertEquals(others, after.stream().map(e -> e.getID() + " " + e.getFields()).toList());
    assertFalse(jedis().exists(keys.triggerMemberFirings("gone")), "the index goes too");
    assertTrue(jedis().exists(keys.triggerMemberFirings("stays")));
  }

  @Test
  void theStreamIsTrimmedToAboutItsMaximumLengthAndTheIndexFollows() {
    RedisKeys keys = freshTenant();
    outboxOf(keys, "t1", 300);
    assertEquals(300, new TriggerOutbox(jedis(), 10).relay(keys, "t1"));
    long length = jedis().xlen(keys.triggerStream());
    // Approximate trimming drops whole stream nodes (100 entries by default), never below the cap.
    assertTrue(length >= 10 && length <= 200, "stream length " + length);
    // The index keeps every id still on the stream and drops the trimmed ones (to the millisecond).
    java.util.Set<String> index = new java.util.HashSet<>();
    for (String entry : jedis().zrange(keys.triggerMemberFirings("t1"), 0, -1)) {
      index.add(entry.substring(0, entry.indexOf(' ')));
    }
    for (StreamEntry e : jedis().xrange(keys.triggerStream(), (StreamEntryID) null, null)) {
      assertTrue(index.contains(e.getID().toString()), "not indexed: " + e.getID());
    }
    assertTrue(index.size() < 300, "trimmed ids stay in the index: " + index.size());

    new MemberRecords(jedis()).erase(keys, "t1");
    assertEquals(0, jedis().xlen(keys.triggerStream()));
    assertFalse(jedis().exists(keys.triggerMemberFirings("t1")));
  }

  @Test
  void aMaximumLengthOfZeroNeverTrims() {
    RedisKeys keys = freshTenant();
    outboxOf(keys, "t2", 300);
    assertEquals(300, new TriggerOutbox(jedis(), TriggerOutbox.NO_MAX_LENGTH).relay(keys, "t2"));
    assertEquals(300, jedis().xlen(keys.triggerStream()));
    assertEquals(300, jedis().zcard(keys.triggerMemberFirings("t2")));
  }
}
