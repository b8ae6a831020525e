package dev.treue.training.materialize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.store.MemberIndex;
import dev.treue.store.RedisKeys;
import dev.treue.store.RedisTestServers;
import dev.treue.store.StoredState;
import dev.treue.training.ingest.IngestOptions;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.snapshot.SnapshotJob;
import dev.treue.training.snapshot.SnapshotSchema;
import dev.treue.training.spark.Lineage;
import dev.treue.training.spark.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * The committed sample loaded into a real Redis and a real three-master Redis Cluster: every
 * consenting member's stored state gives exactly the features the snapshot job computes at the same
 * as-of day, and members without consent get only an opt-out marker.
 */
class MaterializeJobIT {
  private static final Path SAMPLE = Path.of("..", "data", "sample");
  private static final LocalDate AS_OF = LocalDate.parse("2026-03-31");

  @TempDir static Path work;
  private static SparkSession spark;
  private static LoyaltyData data;
  private static Map<String, double[]> sparkFeatures;

  @BeforeAll
  static void readSample() {
    spark = SparkTestSession.get();
    data = LoyaltyData.read(spark, SAMPLE, IngestOptions.defaults(work.resolve("rejects")));
    sparkFeatures = new HashMap<>();
    for (Row r :
        SnapshotJob.snapshots(data.memberRows(), data.eventRows(), List.of(AS_OF), 90, AS_OF)
            .collectAsList()) {
      sparkFeatures.put(
          r.getString(r.fieldIndex(SnapshotSchema.CUSTOMER_ID)), SnapshotSchema.features(r));
    }
  }

  @Test
  void replaysFromOneShuffleOfMembersAndEvents() {
    MaterializeSettings settings =
        new MaterializeSettings(
            "redis://127.0.0.1:1",
            RedisKeys.DEFAULT_NAMESPACE,
            "lineage",
            Duration.ofDays(400),
            100,
            Math.toIntExact(AS_OF.toEpochDay()),
            System.currentTimeMillis(),
            0.4);
    var encoded =
        MaterializeJob.replay(spark, data.memberRows(), data.eventRows(), settings, null, null);
    try {
      String plan = encoded.queryExecution().executedPlan().toString();
      assertFalse(plan.contains("collect_list"), "histories are streamed, not listed:\n" + plan);
      assertEquals(
          1, Lineage.shuffles(encoded), "members and their events travel in one shuffle, together");
      assertEquals(data.memberRows().count(), encoded.count(), "one row per member");
    } finally {
      encoded.unpersist();
    }
  }

  @Test
  void loadsASingleRedis() {
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisTestServers.connect(redis.url())) {
      loadAndCompare(redis.url(), jedis, "materialize-single");
    }
  }

  @Test
  void loadsARedisCluster() {
    try (RedisTestServers.Cluster cluster = RedisTestServers.cluster();
        UnifiedJedis jedis = RedisTestServers.connect(cluster.url())) {
      loadAndCompare(cluster.url(), jedis, "materialize-cluster");
      for (long keys : cluster.keysPerNode()) {
        assertTrue(keys > 300, "states spread over every master: " + cluster.keysPerNode());
      }
    }
  }

  private static void loadAndCompare(String url, UnifiedJedis jedis, String tenant) {
    long syncedAt = System.currentTimeMillis();
    MaterializeSettings settings =
        new MaterializeSettings(
            url,
            RedisKeys.DEFAULT_NAMESPACE,
            tenant,
            Duration.ofDays(400),
            100,
            Math.toIntExact(AS_OF.toEpochDay()),
            syncedAt,
            0.4);
    MaterializeResult result =
        MaterializeJob.run(spark, data.memberRows(), data.eventRows(), settings, null);

    long consenting = data.memberRows().filter("profiling_consent").count();
    long withoutConsent = data.memberRows().count() - consenting;
    assertEquals(consenting, result.states());
    assertEquals(withoutConsent, result.optedOut());
    assertTrue(withoutConsent > 0, "the sample has members without consent");

    RedisKeys keys = RedisKeys.forTenant(tenant);
    int asOfDay = Math.toIntExact(AS_OF.toEpochDay());
    int compared = 0;
    for (Map.Entry<String, double[]> expected : sparkFeatures.entrySet()) {
      byte[] value =
          jedis.get(keys.memberState(expected.getKey()).getBytes(StandardCharsets.UTF_8));
      assertNotNull(value, expected.getKey());
      StoredState stored = StoredState.decode(value);
      assertEquals((asOfDay + 1L) * 86_400_000L, stored.batchCoveredUntilMillis());
      assertEquals(syncedAt, stored.syncedAtMillis());
      assertArrayEquals(
          expected.getValue(), ChurnFeatures.compute(stored.state(), asOfDay), expected.getKey());
      compared++;
    }
    assertTrue(compared > 1_500, "compared " + compared);
    MemberIndex index = new MemberIndex(jedis);
    int births = 0;
    for (Row m : data.memberRows().filter("profiling_consent").collectAsList()) {
      String id = m.getString(m.fieldIndex("customer_id"));
      assertTrue(index.contains(keys, id), id + " is in the member index");
      int birth = m.getAs("birth_day") == null ? CustomerState.NONE : m.<Integer>getAs("birth_day");
      StoredState stored =
          StoredState.decode(jedis.get(keys.memberState(id).getBytes(StandardCharsets.UTF_8)));
      assertEquals(birth, stored.state().birthDay(), id + ": the birth date is carried");
      births += birth == CustomerState.NONE ? 0 : 1;
    }
    assertTrue(births > 100, births + " members with a birth date");
    for (Row m : data.memberRows().filter("not profiling_consent").collectAsList()) {
      String id = m.getString(m.fieldIndex("customer_id"));
      assertNull(jedis.get(keys.memberState(id)), id);
      assertEquals("1", jedis.get(keys.memberOptOut(id)));
      assertFalse(index.contains(keys, id), id + " withheld consent: not indexed");
    }
  }
}
