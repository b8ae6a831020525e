package dev.treue.training.materialize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.CustomerStateCodec;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.customer.WindowedState;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.store.EventStatus;
import dev.treue.store.EventUpdate;
import dev.treue.store.MemberEventWriter;
import dev.treue.store.MemberReader;
import dev.treue.store.RedisKeys;
import dev.treue.store.RedisTestServers;
import dev.treue.store.StoredMember;
import dev.treue.training.ingest.IngestOptions;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.snapshot.SnapshotJob;
import dev.treue.training.snapshot.SnapshotSchema;
import dev.treue.training.spark.SparkTestSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * Issue 11, defect 7, end to end: for several seeds, mixed histories of a few dozen members are
 * posted through the store's real write path ({@link MemberEventWriter} against a real Redis) in a
 * shuffled arrival order (shuffled within the lateness bound, members interleaved, cut into random
 * batches, with retries of events already posted), and every member's stored state equals, byte for
 * byte, the state Spark's materialize job replays from the same history, and its churn features
 * equal those of the snapshot job at the as-of day. One member per seed passes the lifetime spend
 * cap: the events the service refuses {@code out_of_range} are the ones Spark's replays leave out.
 */
class ShuffledHistoryParityIT {
  private static final long DAY = 86_400_000L;
  private static final LocalDate FIRST = LocalDate.parse("2024-01-01");
  private static final LocalDate LAST = LocalDate.parse("2025-06-30");
  private static final int MEMBERS = 36;
  private static final String[] CATEGORIES = {
    "grocery", "fashion", "beauty", "home", "electronics", "coffee"
  };

  @TempDir Path work;

  @Test
  void shuffledPostsGiveTheStateAndFeaturesOfSparksReplay() throws IOException {
    SparkSession spark = SparkTestSession.get();
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisTestServers.connect(redis.url())) {
      for (int seed = 1; seed <= 4; seed++) {
        checkSeed(spark, redis.url(), jedis, seed);
      }
    }
  }

  private void checkSeed(SparkSession spark, String url, UnifiedJedis jedis, int seed)
      throws IOException {
    Random random = new Random(seed);
    Map<String, List<LoyaltyEvent>> histories = new LinkedHashMap<>();
    for (int m = 0; m < MEMBERS; m++) {
      String id = "s" + seed + "m" + m;
      histories.put(id, history(random, id));
    }
    // A member whose purchases pass the lifetime spend cap: the service refuses those out_of_range
    // and
    // every Spark replay leaves the same ones out. Posted in time order (which events a cap refuses
    // depends on the order they are folded in, and the service folds in arrival order at the cap).
    String whale = "s" + seed + "whale";
    List<LoyaltyEvent> whaleHistory = history(random, whale);
    for (int k = 0; k < 16; k++) {
      long ts = (FIRST.toEpochDay() + 10 + k * 30L) * DAY + random.nextInt((int) DAY);
      whaleHistory.add(
          new LoyaltyEvent(
              whale + "-big-" + k, whale, ts, EventType.PURCHASE, 9e11, 0, "yachts", null, "app"));
    }
    whaleHistory.sort(LoyaltyEvent.REPLAY_ORDER);
    histories.put(whale, whaleHistory);
    Path dir = work.resolve("seed-" + seed);
    int total = writeProgramme(dir, histories);
    LoyaltyData data = LoyaltyData.read(spark, dir, IngestOptions.defaults(dir.resolve("rejects")));
    assertEquals(total, data.eventRows().count(), "every generated event imports");

    // Spark: the whole history replayed by the materialize job, and the snapshot job's features.
    int asOfDay = Math.toIntExact(LAST.toEpochDay());
    RedisKeys replayedKeys = RedisKeys.forTenant("replayed-" + seed);
    MaterializeJob.run(
        spark, data.memberRows(), data.eventRows(), settings(url, replayedKeys, asOfDay), null);
    Map<String, double[]> snapshotFeatures = new HashMap<>();
    for (Row r :
        SnapshotJob.snapshots(data.memberRows(), data.eventRows(), List.of(LAST), 90, LAST)
            .collectAsList()) {
      snapshotFeatures.put(
          r.getString(r.fieldIndex(SnapshotSchema.CUSTOMER_ID)), SnapshotSchema.features(r));
    }

    // The service's path: the profiles loaded before any event, then every event posted out of
    // order.
    RedisKeys postedKeys = RedisKeys.forTenant("posted-" + seed);
    int beforeHistory = Math.toIntExact(FIRST.toEpochDay()) - 1;
    MaterializeJob.run(
        spark, data.memberRows(), data.eventRows(), settings(url, postedKeys, beforeHistory), null);
    List<LoyaltyEvent> arrival = arrival(random, histories, whale);
    MemberEventWriter writer = new MemberEventWriter(jedis, Duration.ZERO, 8);
    int accepted = 0;
    int refused = 0;
    int retried = 0;
    List<LoyaltyEvent> posted = new ArrayList<>();
    for (int from = 0; from < arrival.size(); ) {
      int to = Math.min(arrival.size(), from + 1 + random.nextInt(120));
      List<LoyaltyEvent> batch = new ArrayList<>(arrival.subList(from, to));
      // A client retrying part of what it posted before: none of it may count again.
      int retries = posted.isEmpty() ? 0 : random.nextInt(4);
      List<LoyaltyEvent> resent = new ArrayList<>();
      for (int i = 0; i < retries; i++) {
        resent.add(posted.get(posted.size() - 1 - random.nextInt(Math.min(posted.size(), 300))));
      }
      for (Map.Entry<String, List<LoyaltyEvent>> member : byMember(batch).entrySet()) {
        EventUpdate u = writer.apply(postedKeys, member.getKey(), member.getValue());
        for (int i = 0; i < u.statuses().size(); i++) {
          if (member.getKey().equals(whale) && u.statuses().get(i) == EventStatus.OUT_OF_RANGE) {
            assertTrue(u.reasons().get(i).startsWith("amount: "), u.reasons().get(i));
            refused++;
            continue;
          }
          assertEquals(
              EventStatus.ACCEPTED,
              u.statuses().get(i),
              "seed " + seed + " " + member.getValue().get(i) + ": " + u.reasons().get(i));
          accepted++;
        }
      }
      for (Map.Entry<String, List<LoyaltyEvent>> member : byMember(resent).entrySet()) {
        EventUpdate u = writer.apply(postedKeys, member.getKey(), member.getValue());
        for (EventStatus s : u.statuses()) {
          assertTrue(
              EnumSet.of(EventStatus.DUPLICATE, EventStatus.TOO_LATE).contains(s), "retry: " + s);
          retried++;
        }
      }
      posted.addAll(batch);
      from = to;
    }
    assertEquals(total, accepted + refused);
    assertTrue(refused >= 5, "refused " + refused);
    assertTrue(retried > 50, "retries " + retried);

    MemberReader reader = new MemberReader(jedis);
    List<String> ids = new ArrayList<>(histories.keySet());
    List<StoredMember> fromEvents = reader.readAll(postedKeys, ids);
    List<StoredMember> fromSpark = reader.readAll(replayedKeys, ids);
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    int windowed = 0;
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      histories.get(id).forEach(e -> types.add(e.type()));
      CustomerState service = fromEvents.get(i).customerState();
      CustomerState replay = fromSpark.get(i).customerState();
      assertArrayEquals(
          CustomerStateCodec.encode(replay),
          CustomerStateCodec.encode(service),
          "seed "
              + seed
              + " member "
              + id
              + ": state posted out of order differs from Spark's replay");
      assertEquals(
          histories.get(id).stream().filter(e -> e.type() == EventType.PURCHASE).count()
              - (id.equals(whale) ? refused : 0),
          service.purchases(),
          id);
      double[] want = snapshotFeatures.get(id);
      assertNotNull(want, id);
      assertArrayEquals(
          want, ChurnFeatures.compute(service, asOfDay), "seed " + seed + " member " + id);
      assertArrayEquals(
          want, ChurnFeatures.compute(replay, asOfDay), "seed " + seed + " member " + id);
      windowed += fromEvents.get(i).state().window().window().isEmpty() ? 0 : 1;
    }
    assertEquals(EnumSet.allOf(EventType.class), types, "every event type is exercised");
    assertEquals(ids.size(), windowed, "posted states keep their recent events raw");
    System.out.printf(
        "shuffled parity, seed %d: %d members, %d events posted in interleaved random batches with"
            + " %d retries, %d refused out_of_range; states and features equal Spark's%n",
        seed, ids.size(), total, retried, refused);
  }

  private static MaterializeSettings settings(String url, RedisKeys keys, int asOfDay) {
    return new MaterializeSettings(
        url,
        RedisKeys.DEFAULT_NAMESPACE,
        keys.tenant(),
        Duration.ZERO,
        50,
        asOfDay,
        System.currentTimeMillis(),
        0.4);
  }

  /**
   * A member's history, consistent as a real programme's: purchases (some the same millisecond as
   * another event, ties broken by id), returns, points earned per purchase and redeemed or expired
   * from the balance, offers sent, viewed and redeemed, app sessions, email opens and tier changes.
   */
  private static List<LoyaltyEvent> history(Random r, String id) {
    List<LoyaltyEvent> out = new ArrayList<>();
    int first = Math.toIntExact(FIRST.toEpochDay()) + 5 + r.nextInt(200);
    int last = Math.toIntExact(LAST.toEpochDay());
    double rate = 0.03 + r.nextDouble() * 0.3;
    long balance = 0;
    int tier = 0;
    int[] n = {0};
    for (int d = first; d <= last; d++) {
      if (r.nextDouble() >= rate) {
        continue;
      }
      long ts = d * DAY + r.nextInt((int) DAY);
      String category = r.nextInt(20) == 0 ? null : CATEGORIES[r.nextInt(CATEGORIES.length)];
      long cents = 100 + r.nextInt(30_000);
      out.add(event(id, n, ts, EventType.PURCHASE, cents / 100.0, 0, category, null));
      // Every few purchases share their millisecond with the points they earn.
      long earnedAt = r.nextInt(4) == 0 ? ts : ts + r.nextInt(60_000);
      out.add(event(id, n, earnedAt, EventType.POINTS_EARNED, 0, cents / 100, null, null));
      balance += cents / 100;
      if (r.nextInt(12) == 0) {
        out.add(
            event(
                id,
                n,
                ts + DAY * r.nextInt(20),
                EventType.RETURN,
                (cents / 2) / 100.0,
                0,
                category,
                null));
      }
      if (balance > 200 && r.nextInt(6) == 0) {
        long redeemed = 1 + r.nextInt((int) Math.min(balance, 5_000));
        balance -= redeemed;
        out.add(event(id, n, ts + 3_600_000, EventType.POINTS_REDEEMED, 0, redeemed, null, null));
      }
      if (balance > 0 && r.nextInt(25) == 0) {
        long expired = 1 + r.nextInt((int) Math.min(balance, 500));
        balance -= expired;
        out.add(event(id, n, ts + 7_200_000, EventType.POINTS_EXPIRED, 0, expired, null, null));
      }
      if (r.nextInt(5) == 0) {
        String offer = "o" + (1 + r.nextInt(15));
        long sent = ts - DAY * r.nextInt(3);
        out.add(event(id, n, sent, EventType.OFFER_SENT, 0, 0, null, offer));
        if (r.nextBoolean()) {
          out.add(event(id, n, sent + 600_000, EventType.OFFER_VIEWED, 0, 0, null, offer));
          if (r.nextBoolean()) {
            out.add(event(id, n, sent + 900_000, EventType.OFFER_REDEEMED, 0, 0, null, offer));
          }
        }
      }
      for (int s = r.nextInt(3); s > 0; s--) {
        out.add(event(id, n, ts - r.nextInt(3_600_000), EventType.APP_SESSION, 0, 0, null, null));
      }
      if (r.nextInt(4) == 0) {
        out.add(event(id, n, ts - DAY / 2, EventType.EMAIL_OPEN, 0, 0, null, null));
      }
      if (r.nextInt(40) == 0) {
        tier = r.nextInt(4) == 0 ? Math.max(0, tier - 1) : Math.min(3, tier + 1);
        out.add(event(id, n, ts + 1, EventType.TIER_CHANGE, 0, 0, TierLadder.name(tier), null));
      }
    }
    // Nothing after the as-of day (the returns above may reach past it).
    out.removeIf(e -> e.tsMillis() >= (LAST.toEpochDay() + 1) * DAY);
    out.sort(LoyaltyEvent.REPLAY_ORDER);
    return out;
  }

  private static LoyaltyEvent event(
      String member,
      int[] n,
      long ts,
      EventType type,
      double amount,
      long points,
      String category,
      String offer) {
    return new LoyaltyEvent(
        member + "-" + (n[0]++), member, ts, type, amount, points, category, offer, "app");
  }

  /**
   * The arrival order: each member's history shuffled within blocks that fit the lateness bound
   * (fewer than {@link WindowedState#WINDOW_EVENTS} events within 30 days), members interleaved at
   * random; the member {@code inOrder} keeps time order.
   */
  private static List<LoyaltyEvent> arrival(
      Random r, Map<String, List<LoyaltyEvent>> histories, String inOrder) {
    List<List<LoyaltyEvent>> queues = new ArrayList<>();
    for (Map.Entry<String, List<LoyaltyEvent>> member : histories.entrySet()) {
      List<LoyaltyEvent> history = member.getValue();
      if (member.getKey().equals(inOrder)) {
        queues.add(history);
        continue;
      }
      List<LoyaltyEvent> shuffled = new ArrayList<>();
      int start = 0;
      while (start < history.size()) {
        int end = start + 1;
        int limit = start + 1 + r.nextInt(WindowedState.WINDOW_EVENTS - 1);
        while (end < Math.min(limit, history.size())
            && history.get(end).tsMillis() - history.get(start).tsMillis() < 30 * DAY) {
          end++;
        }
        List<LoyaltyEvent> block = new ArrayList<>(history.subList(start, end));
        Collections.shuffle(block, r);
        shuffled.addAll(block);
        start = end;
      }
      queues.add(shuffled);
    }
    List<LoyaltyEvent> out = new ArrayList<>();
    int[] next = new int[queues.size()];
    List<Integer> open = new ArrayList<>();
    for (int q = 0; q < queues.size(); q++) {
      if (!queues.get(q).isEmpty()) {
        open.add(q);
      }
    }
    while (!open.isEmpty()) {
      int pick = r.nextInt(open.size());
      int q = open.get(pick);
      out.add(queues.get(q).get(next[q]++));
      if (next[q] == queues.get(q).size()) {
        open.remove(pick);
      }
    }
    return out;
  }

  /** A batch's events per member in arrival order, as the events API hands them to the writer. */
  private static Map<String, List<LoyaltyEvent>> byMember(List<LoyaltyEvent> batch) {
    Map<String, List<LoyaltyEvent>> out = new LinkedHashMap<>();
    for (LoyaltyEvent e : batch) {
      out.computeIfAbsent(e.customerId(), k -> new ArrayList<>()).add(e);
    }
    return out;
  }

  /** Writes customers.csv and events.csv; returns the number of events. */
  private static int writeProgramme(Path dir, Map<String, List<LoyaltyEvent>> histories)
      throws IOException {
    Files.createDirectories(dir);
    int events = 0;
    try (PrintWriter customers =
            new PrintWriter(Files.newBufferedWriter(dir.resolve("customers.csv")));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("events.csv")))) {
      customers.println(
          "customer_id,signup_date,tier,birth_date,segment,channel,profiling_consent");
      out.println("event_id,customer_id,ts,type,amount,points,category,offer_id,channel");
      int m = 0;
      for (Map.Entry<String, List<LoyaltyEvent>> h : histories.entrySet()) {
        customers.printf(
            "%s,%s,%s,1990-05-0%d,%s,app,true%n",
            h.getKey(),
            FIRST.minusDays(30 + m * 7L),
            m % 3 == 0 ? "silver" : "basic",
            1 + m % 9,
            m % 2 == 0 ? "regular" : "student");
        m++;
        for (LoyaltyEvent e : h.getValue()) {
          out.printf(
              "%s,%s,%s,%s,%s,%s,%s,%s,%s%n",
              e.eventId(),
              e.customerId(),
              Instant.ofEpochMilli(e.tsMillis()),
              e.type().wireName(),
              e.amount() == 0 ? "" : BigDecimal.valueOf(e.amount()).toPlainString(),
              e.points() == 0 ? "" : Long.toString(e.points()),
              e.category() == null ? "" : e.category(),
              e.offerId() == null ? "" : e.offerId(),
              e.channel());
          events++;
        }
      }
    }
    assertNotEquals(0, events);
    return events;
  }
}
