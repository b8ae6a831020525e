package dev.treue.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.CustomerStateCodec;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * Issue 11, defects 7, 9 and 10 at the store: the stored state does not depend on arrival order
 * within the lateness window, stays bounded for a member flooded with events, and points never wrap.
 */
class MemberEventOrderTest {
  private static final long DAY = 86_400_000L;
  private static RedisTestServers.Single redis;
  private static UnifiedJedis jedis;

  @BeforeAll
  static void start() {
    redis = RedisTestServers.single();
    jedis = RedisTestServers.connect(redis.url());
  }

  @AfterAll
  static void stop() {
    jedis.close();
    redis.close();
  }

  private static LoyaltyEvent event(
      String id,
      String member,
      long millis,
      EventType type,
      double amount,
      long points,
      String category) {
    return new LoyaltyEvent(id, member, millis, type, amount, points, category, null, "app");
  }

  private static MemberEventWriter writer() {
    return new MemberEventWriter(jedis, Duration.ZERO, 8);
  }

  @Test
  void purchasesPostedOutOfOrderGiveTheStateOfTimeOrder() {
    RedisKeys together = RedisKeys.forTenant("order-a");
    RedisKeys apart = RedisKeys.forTenant("order-b");
    long nov = 20_028L * DAY + 3_600_000;
    long dec = nov + 30 * DAY;
    writer()
        .apply(
            together,
            "m",
            List.of(
                event("a", "m", nov, EventType.PURCHASE, 10, 0, "x"),
                event("b", "m", dec, EventType.PURCHASE, 20, 0, "x")));
    writer().apply(apart, "m", List.of(event("b", "m", dec, EventType.PURCHASE, 20, 0, "x")));
    EventUpdate late =
        writer().apply(apart, "m", List.of(event("a", "m", nov, EventType.PURCHASE, 10, 0, "x")));
    assertEquals(List.of(EventStatus.ACCEPTED), late.statuses());
    CustomerState inOrder = new MemberReader(jedis).read(together, "m").customerState();
    CustomerState shuffled = new MemberReader(jedis).read(apart, "m").customerState();
    assertEquals(20_028, shuffled.firstPurchaseDay());
    assertEquals(2, shuffled.purchaseDays());
    assertArrayEquals(CustomerStateCodec.encode(inOrder), CustomerStateCodec.encode(shuffled));
  }

  @Test
  void aMemberFloodedWithEventsAndCategoriesKeepsABoundedStateAndDedupeHolds() {
    RedisKeys keys = RedisKeys.forTenant("flood");
    long start = 20_000L * DAY;
    int n = 0;
    List<LoyaltyEvent> firstBatch = null;
    for (int batch = 0; batch < 20; batch++) {
      List<LoyaltyEvent> events = new ArrayList<>();
      for (int i = 0; i < 1_000; i++, n++) {
        events.add(
            event("f" + n, "flood", start + n * 60_000L, EventType.PURCHASE, 1, 0, "cat-" + n));
      }
      writer().apply(keys, "flood", events);
      if (firstBatch == null) {
        firstBatch = events;
      }
    }
    byte[] stored =
        jedis.get(keys.memberState("flood").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(stored.length < 16_384, "stored state " + stored.length + " bytes");
    assertFalse(
        jedis.exists(keys.memberEvents("flood")) && jedis.scard(keys.memberEvents("flood")) > 1_000,
        "seen ids are bounded");
    // Reposting the whole history counts nothing twice: recent events are duplicates, older ones
    // too late.
    EventUpdate again = writer().apply(keys, "flood", firstBatch);
    assertEquals(0, again.count(EventStatus.ACCEPTED));
    assertEquals(20_000, new MemberReader(jedis).read(keys, "flood").customerState().purchases());
  }

  @Test
  void pointsNeverWrapAndTheEventPassingTheLimitIsRefused() {
    RedisKeys keys = RedisKeys.forTenant("points");
    long start = 20_000L * DAY;
    List<LoyaltyEvent> events = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      events.add(
          event(
              "p" + i,
              "rich",
              start + i * 1_000L,
              EventType.POINTS_EARNED,
              0,
              1_000_000_000_000_000L,
              null));
    }
    for (int from = 0; from < events.size(); from += 1_000) {
      writer().apply(keys, "rich", events.subList(from, from + 1_000));
    }
    CustomerState s = new MemberReader(jedis).read(keys, "rich").customerState();
    assertTrue(s.pointsBalance() > 0, "balance " + s.pointsBalance());
    // Every event that fits is folded: 9,223 of them, the largest multiple of 1e15 a long holds.
    assertEquals(
        Long.MAX_VALUE / 1_000_000_000_000_000L * 1_000_000_000_000_000L, s.pointsBalance());
    EventUpdate over =
        writer()
            .apply(
                keys,
                "rich",
                List.of(
                    event(
                        "q",
                        "rich",
                        start + 20_000_000L,
                        EventType.POINTS_EARNED,
                        0,
                        1_000_000_000_000_000L,
                        null)));
    assertEquals(List.of(EventStatus.OUT_OF_RANGE), over.statuses());
    assertTrue(over.reasons().get(0).startsWith("points:"), over.reasons().get(0));
  }

  @Test
  void lotsLeftAboveANegativeBalanceNeverWrapEither() {
    // Redemptions beyond what was earned take the balance below zero without consuming lots, so
    // earning afterwards could take the lots' sum past a long while the balance itself stays legal.
    CustomerState s = new CustomerState("spender");
    long start = 20_000L * DAY;
    long quadrillion = 1_000_000_000_000_000L;
    int n = 0;
    for (int i = 0; i < 9_223; i++) {
      s.apply(
          event(
              "r" + i,
              "spender",
              start + n++ * 1_000L,
              EventType.POINTS_REDEEMED,
              0,
              quadrillion,
              null));
    }
    int refused = 0;
    for (int i = 0; i < 18_446; i++) {
      String why =
          s.applyUnlessRefused(
              event(
                  "e" + i,
                  "spender",
                  start + n++ * 1_000L,
                  EventType.POINTS_EARNED,
                  0,
                  quadrillion,
                  null));
      if (why != null) {
        assertTrue(why.startsWith("points:"), why);
        refused++;
      }
    }
    assertTrue(refused > 0, "the earnings past a long's worth of lots are refused");
    assertTrue(s.pointsEarnedUpTo(20_001) >= 0, "lots " + s.pointsEarnedUpTo(20_001));
    assertEquals(9_223 * quadrillion, s.pointsEarnedUpTo(20_001), "every lot that fits is kept");
  }

  @Test
  void anIdGivenTwiceInOneRequestIsOneEventEvenAfterItsFirstCopySettled() {
    RedisKeys keys = RedisKeys.forTenant("twice");
    long start = 20_000L * DAY;
    // The second event is 36 days later, so the first settles out of the window before its repeat
    // arrives.
    EventUpdate u =
        writer()
            .apply(
                keys,
                "m",
                List.of(
                    event("x", "m", start, EventType.PURCHASE, 10, 0, "c"),
                    event("y", "m", start + 36 * DAY, EventType.PURCHASE, 10, 0, "c"),
                    event("x", "m", start + 40 * DAY, EventType.PURCHASE, 10, 0, "c")));
    assertEquals(
        List.of(EventStatus.ACCEPTED, EventStatus.ACCEPTED, EventStatus.DUPLICATE), u.statuses());
    assertEquals(2, new MemberReader(jedis).read(keys, "m").customerState().purchases());
  }
}
