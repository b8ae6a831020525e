package dev.treue.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.CustomerStateCodec;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/** Batch loads land intact on a single Redis and on a three-master Redis Cluster. */
class StateBatchWriterIT {
  private static final long DAY = 86_400_000L;

  @Test
  void loadsIntoASingleRedis() {
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisTestServers.connect(redis.url())) {
      loadAndReadBack(jedis, RedisKeys.forTenant("single-test"));
    }
  }

  @Test
  void loadsIntoARedisCluster() {
    try (RedisTestServers.Cluster cluster = RedisTestServers.cluster();
        UnifiedJedis jedis = RedisTestServers.connect(cluster.url())) {
      loadAndReadBack(jedis, RedisKeys.forTenant("cluster-test"));
      List<Long> perNode = cluster.keysPerNode();
      for (long n : perNode) {
        assertTrue(n > 500, "members spread over all masters: " + perNode);
      }
    }
  }

  private static void loadAndReadBack(UnifiedJedis jedis, RedisKeys keys) {
    List<StoredState> states = new ArrayList<>();
    List<AtRiskEntry> rows = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      String id = "c" + i;
      CustomerState s =
          CustomerState.of(
              new Member(id, 19_000, "silver", CustomerState.NONE, "family", "app", true));
      for (int k = 0; k < i % 7; k++) {
        s.apply(
            new LoyaltyEvent(
                id + "-" + k,
                id,
                (19_100L + 9 * k) * DAY,
                EventType.PURCHASE,
                10 + k,
                0,
                "coffee",
                null,
                "store"));
      }
      states.add(new StoredState(1, 19_200L * DAY, 19_200L * DAY + 5, s));
      rows.add(
          new AtRiskEntry(
              id,
              (i % 100) / 100.0,
              "low",
              "silver",
              i % 2 == 0 ? null : "family",
              i * 0.5,
              List.of("no purchase for 74 days, usually every 12"),
              42L,
              19_200));
    }
    jedis.set(keys.memberEvents("c1"), "stale");
    long written =
        new StateBatchWriter(jedis, keys, Duration.ofDays(30), 250)
            .write(states.iterator(), rows.iterator());
    assertEquals(3_000, written);
    for (StoredState expected : states) {
      byte[] value =
          jedis.get(
              keys.memberState(expected.state().customerId()).getBytes(StandardCharsets.UTF_8));
      StoredState back = StoredState.decode(value);
      assertEquals(expected.revision(), back.revision());
      assertEquals(expected.batchCoveredUntilMillis(), back.batchCoveredUntilMillis());
      assertArrayEquals(
          CustomerStateCodec.encode(expected.state()), CustomerStateCodec.encode(back.state()));
    }
    assertEquals(
        0, jedis.exists(keys.memberEvents("c1")) ? 1 : 0, "a batch load forgets seen event ids");
    long ttl = jedis.pttl(keys.memberState("c5"));
    assertTrue(
        ttl > Duration.ofDays(29).toMillis() && ttl <= Duration.ofDays(30).toMillis(),
        "ttl " + ttl);
    assertEquals(3_000, jedis.zcard(keys.atRiskScores()));
    List<Tuple> top = jedis.zrevrangeByScoreWithScores(keys.atRiskScores(), 1.0, 0.99);
    assertEquals(30, top.size());
    Map<String, String> one = Map.of("c199", jedis.hget(keys.atRiskRows(), "c199"));
    AtRiskEntry row = AtRiskEntry.decode(one.get("c199"));
    assertEquals(rows.get(199), row);
    assertEquals(3_000, jedis.zcard(keys.atRiskValues()));
    assertEquals(
        List.of("c2999", "c2998"), jedis.zrevrange(keys.atRiskValues(), 0, 1), "by value at risk");
    assertEquals(199 * 0.5, jedis.zscore(keys.atRiskValues(), "c199"));
  }

  @Test
  void anEncodedRowWithoutItsValueAtRiskReadsItFromTheRow() {
    AtRiskEntry entry =
        new AtRiskEntry("c7", 0.62, "medium", "gold", null, 48.25, List.of("r"), 42L, 19_200);
    StateBatchWriter.EncodedRow row = new StateBatchWriter.EncodedRow("c7", 0.62, entry.encode());
    assertEquals(48.25, row.valueAtRisk());
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisTestServers.connect(redis.url())) {
      RedisKeys keys = RedisKeys.forTenant("encoded-test");
      new StateBatchWriter(jedis, keys, Duration.ZERO, 10)
          .writeEncodedRows(List.of(row).iterator());
      assertEquals(48.25, jedis.zscore(keys.atRiskValues(), "c7"));
      assertEquals(0.62, jedis.zscore(keys.atRiskScores(), "c7"));
    }
  }
}
