package dev.treue.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.UnifiedJedis;

/** {@link MemberStoreContract} on a real three-master Redis Cluster: every multi-key step stays in one slot. */
class ClusterMemberStoreIT extends MemberStoreContract {
  private static RedisTestServers.Cluster cluster;
  private static UnifiedJedis jedis;

  @BeforeAll
  static void start() {
    cluster = RedisTestServers.cluster();
    jedis = RedisTestServers.connect(cluster.url());
  }

  @AfterAll
  static void stop() {
    jedis.close();
    cluster.close();
  }

  @Override
  UnifiedJedis jedis() {
    return jedis;
  }
}
